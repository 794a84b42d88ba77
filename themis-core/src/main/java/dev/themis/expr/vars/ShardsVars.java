package dev.themis.expr.vars;

import java.util.List;

/**
 * The variable {@code shards}: {@code shards.count} (open shards) and cross-shard aggregates of the shard-level
 * metrics, {@code shards.<Metric>.average|min|max|sum|last}: the average of the per-shard averages, the minimum of
 * the minimums, the maximum of the maximums, the sum of the sums, and the sum of the per-shard last values. Shards
 * without data for a metric are left out of its aggregates; NaN if no shard has data. (The original filled only
 * one of these, with the wrong metric, because of a stale loop variable.) Immutable.
 */
@SuppressWarnings("checkstyle:MemberName")
public final class ShardsVars {
  public final int count;
  public final MetricStats IncomingBytes;
  public final MetricStats IncomingRecords;
  public final MetricStats IteratorAgeMilliseconds;
  public final MetricStats OutgoingBytes;
  public final MetricStats OutgoingRecords;
  public final MetricStats ReadProvisionedThroughputExceeded;
  public final MetricStats WriteProvisionedThroughputExceeded;

  private ShardsVars(int count, List<ShardVars> shards) {
    if (count < 0) {
      throw new IllegalArgumentException("shards.count: must be >= 0, was " + count);
    }
    this.count = count;
    IncomingBytes = aggregate(shards, "IncomingBytes");
    IncomingRecords = aggregate(shards, "IncomingRecords");
    IteratorAgeMilliseconds = aggregate(shards, "IteratorAgeMilliseconds");
    OutgoingBytes = aggregate(shards, "OutgoingBytes");
    OutgoingRecords = aggregate(shards, "OutgoingRecords");
    ReadProvisionedThroughputExceeded = aggregate(shards, "ReadProvisionedThroughputExceeded");
    WriteProvisionedThroughputExceeded = aggregate(shards, "WriteProvisionedThroughputExceeded");
  }

  /**
   * @param count number of open shards
   * @param shards the shards with shard-level statistics (may be empty when enhanced monitoring is off)
   */
  public static ShardsVars of(int count, List<ShardVars> shards) {
    return new ShardsVars(count, List.copyOf(shards));
  }

  /** {@code shards_list} as expressions see it: an array in shard order. */
  public static ShardVars[] list(List<ShardVars> shards) {
    return shards.toArray(new ShardVars[0]);
  }

  private static MetricStats aggregate(List<ShardVars> shards, String metric) {
    double avgSum = 0;
    int avgN = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double last = 0;
    int n = 0;
    for (ShardVars s : shards) {
      MetricStats m = s.metric(metric);
      if (Double.isNaN(m.average)) {
        continue;
      }
      n++;
      avgSum += m.average;
      avgN++;
      min = Math.min(min, m.min);
      max = Math.max(max, m.max);
      sum += m.sum;
      last += Double.isNaN(m.last) ? 0 : m.last;
    }
    return n == 0 ? MetricStats.missing() : MetricStats.of(avgSum / avgN, max, min, sum, last);
  }
}
