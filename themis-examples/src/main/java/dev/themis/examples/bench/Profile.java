package dev.themis.examples.bench;

/**
 * A cloud profile of BENCHMARK.md §1: how long a requested unit takes to serve and how long a released one is still
 * billed.
 *
 * @param name short name used in tables (e.g. {@code emr-d10})
 * @param kind the kind of resource simulated
 * @param boot minutes from request to serving ({@code L})
 * @param drain minutes a released unit is still billed ({@code D})
 */
public record Profile(String name, Kind kind, int boot, int drain) {
  public enum Kind { EMR, KINESIS }

  public Profile {
    if (boot < 0 || drain < 0) {
      throw new IllegalArgumentException("profile " + name + ": boot and drain must be >= 0, were " + boot + ", "
          + drain);
    }
  }

  /** EMR task nodes: 6 minutes to boot, 1 minute to drain. */
  public static final Profile EMR_D1 = new Profile("emr-d1", Kind.EMR, 6, 1);
  /** EMR task nodes: 6 minutes to boot, 10 minutes to drain (graceful decommissioning). */
  public static final Profile EMR_D10 = new Profile("emr-d10", Kind.EMR, 6, 10);
  /** Kinesis shards: 1 minute to reshard, nothing to drain. */
  public static final Profile KINESIS = new Profile("kinesis", Kind.KINESIS, 1, 0);

  /** Every profile of BENCHMARK.md §1, in report order. */
  public static final java.util.List<Profile> ALL = java.util.List.of(EMR_D1, EMR_D10, KINESIS);

  /** {@code beta = L + D}, the longest gap the oracle keeps a unit idle through. */
  public int beta() {
    return boot + drain;
  }
}
