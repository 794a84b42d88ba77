package dev.themis.kinesis;

import java.util.Map;

/**
 * The expression variable {@code load} of a stream: how busy it is against AWS's per-shard limits (1 MiB/s or
 * 1,000 records/s in, 2 MiB/s out per shard) over the metrics window, and how far its consumers lag. Fractions are
 * 1.0 at the limit; a value that could not be measured is NaN (every comparison with it is false). Immutable.
 *
 * <p>Example: {@code 1 if load.max > 0.8 or load.iterator_age_max_ms > 60000 else 0}.
 */
@SuppressWarnings("checkstyle:MemberName")
public final class StreamLoad {
  /** Incoming bytes per shard as a fraction of 1 MiB/s, average over the window. */
  public final double write_bytes;
  /** Incoming records per shard as a fraction of 1,000 records/s, average over the window. */
  public final double write_records;
  /** Outgoing (GetRecords) bytes per shard as a fraction of 2 MiB/s, average over the window. */
  public final double read_bytes;
  /** The largest of the three averages. */
  public final double max;
  /** The largest of the three at the busiest period of the window. */
  public final double peak;
  /** The busiest shard's load (needs shard-level metrics). */
  public final double hottest_shard;
  /** The largest GetRecords.IteratorAgeMilliseconds in the window. */
  public final double iterator_age_max_ms;
  /** The latest GetRecords.IteratorAgeMilliseconds. */
  public final double iterator_age_last_ms;
  /** WriteProvisionedThroughputExceeded over the window. */
  public final double throttled_writes;
  /** ReadProvisionedThroughputExceeded over the window. */
  public final double throttled_reads;

  private StreamLoad(Map<String, Double> m) {
    write_bytes = get(m, "utilisation.write.bytes");
    write_records = get(m, "utilisation.write.records");
    read_bytes = get(m, "utilisation.read.bytes");
    max = get(m, "utilisation.max");
    peak = get(m, "utilisation.peak");
    hottest_shard = get(m, "utilisation.hottest_shard");
    iterator_age_max_ms = get(m, "iterator_age.max_ms");
    iterator_age_last_ms = get(m, "iterator_age.last_ms");
    throttled_writes = get(m, "throttled.write.sum");
    throttled_reads = get(m, "throttled.read.sum");
  }

  /** From a Kinesis state's metrics ({@code utilisation.*}, {@code iterator_age.*}, {@code throttled.*}). */
  public static StreamLoad of(Map<String, Double> metrics) {
    return new StreamLoad(metrics);
  }

  private static double get(Map<String, Double> m, String name) {
    Double v = m.get(name);
    return v == null ? Double.NaN : v;
  }

  @Override
  public String toString() {
    return "StreamLoad{max=" + max + ", peak=" + peak + ", iterator_age_max_ms=" + iterator_age_max_ms + "}";
  }
}
