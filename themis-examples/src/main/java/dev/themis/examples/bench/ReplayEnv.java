package dev.themis.examples.bench;

import java.time.Instant;
import java.util.Objects;

/**
 * What a contender's policy factory may know about a replay: the names under which the path's monitor reports its
 * signals, and (for the perfect-reactive reference only) the true demand.
 *
 * @param workload the replayed workload
 * @param profile the simulated cloud's profile
 * @param utilisationMetric metric: mean utilisation of the serving units over the monitoring window, 0..1
 * @param pendingMetric metric: work waiting for capacity (YARN pending containers, throttled Kinesis writes)
 * @param unitsPerPending units of capacity one unit of {@code pendingMetric} needs (e.g. 1/4 for containers when a
 *     node runs 4)
 * @param start the instant of minute 0
 * @param servingMetric metric: units serving (the utilisation is theirs), or null where capacity is serving
 */
public record ReplayEnv(Workload workload, Profile profile, String utilisationMetric, String pendingMetric,
    double unitsPerPending, Instant start, String servingMetric) {
  public ReplayEnv {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(utilisationMetric, "utilisationMetric");
    Objects.requireNonNull(start, "start");
  }

  /** The minute of the replay {@code now} falls in. */
  public int minuteOf(Instant now) {
    return (int) Math.floorDiv(now.getEpochSecond() - start.getEpochSecond(), 60L);
  }

  /** The true demand at {@code now}: only the perfect-reactive reference may ask. */
  public int demandAt(Instant now) {
    int m = Math.max(0, Math.min(workload.minutes() - 1, minuteOf(now)));
    return workload.demand()[m];
  }
}
