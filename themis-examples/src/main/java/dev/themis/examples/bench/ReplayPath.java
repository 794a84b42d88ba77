package dev.themis.examples.bench;

/**
 * How an autoscaled contender is replayed: the simulated cloud, monitor and executor behind the real autoscaler.
 * Implementations must be thread-safe (runs go in parallel), each call being one independent replay.
 */
public interface ReplayPath {
  /** One line saying which code produced the figures, for the report. */
  String description();

  Replay replay(Workload workload, Profile profile, Contender.Autoscaled contender);
}
