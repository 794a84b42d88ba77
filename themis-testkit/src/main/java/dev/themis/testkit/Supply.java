package dev.themis.testkit;

/**
 * What a simulated resource provides now, in units (nodes, shards): the replay driver samples it every step. The
 * simulated clouds provide one per resource ({@code SimulatedEmr.supply(clusterId)},
 * {@code SimulatedKinesis.supply(stream)}); a test of an in-memory resource can implement it directly.
 */
public interface Supply {
  /** Units serving demand now (booted, not draining). */
  int serving();

  /** Units billed now (booting, serving and draining). */
  int billed();
}
