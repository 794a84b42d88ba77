package dev.themis.kinesis.internal;

import dev.themis.kinesis.MetricSummary;
import dev.themis.kinesis.OpenShard;
import java.time.Duration;

/** AWS's per-shard throughput limits and loads measured against them. */
final class Limits {
  static final double WRITE_BYTES_PER_SECOND = 1024 * 1024;
  static final double WRITE_RECORDS_PER_SECOND = 1000;
  static final double READ_BYTES_PER_SECOND = 2 * 1024 * 1024;

  private Limits() {}

  /**
   * A shard's load: the largest of its incoming bytes, incoming records and outgoing bytes per period as a fraction
   * of the per-shard limits; NaN if none of them was measured.
   */
  static double shardLoad(OpenShard shard, Duration period, boolean peak) {
    double s = period.getSeconds();
    double load = Double.NaN;
    load = max(load, stat(shard.metric("IncomingBytes"), peak) / (WRITE_BYTES_PER_SECOND * s));
    load = max(load, stat(shard.metric("IncomingRecords"), peak) / (WRITE_RECORDS_PER_SECOND * s));
    load = max(load, stat(shard.metric("OutgoingBytes"), peak) / (READ_BYTES_PER_SECOND * s));
    return load;
  }

  /** Stream-level load: a per-period statistic spread evenly over {@code shards}, as a fraction of a limit. */
  static double streamLoad(double perPeriod, double limitPerSecond, Duration period, int shards) {
    if (Double.isNaN(perPeriod) || shards <= 0) {
      return Double.NaN;
    }
    return perPeriod / (limitPerSecond * period.getSeconds() * shards);
  }

  static double stat(MetricSummary m, boolean peak) {
    return peak ? m.max() : m.average();
  }

  static double max(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    if (Double.isNaN(b)) {
      return a;
    }
    return Math.max(a, b);
  }
}
