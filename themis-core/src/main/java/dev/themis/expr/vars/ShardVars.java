package dev.themis.expr.vars;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One open shard, an element of {@code shards_list}: {@code id}, {@code start_key}, {@code end_key} (decimal hash
 * keys) and per-metric statistics from shard-level (enhanced) monitoring, e.g.
 * {@code shards_list[0].IncomingBytes.average} or the original's {@code shards_list[0]['IncomingBytes']['average']}.
 * Metrics not collected have every statistic NaN. Immutable.
 */
@SuppressWarnings("checkstyle:MemberName")
public final class ShardVars {
  /** The shard-level metric names. */
  public static final Set<String> METRICS = Set.of(
      "IncomingBytes", "IncomingRecords", "IteratorAgeMilliseconds", "OutgoingBytes", "OutgoingRecords",
      "ReadProvisionedThroughputExceeded", "WriteProvisionedThroughputExceeded");

  public final String id;
  public final String start_key;
  public final String end_key;
  public final MetricStats IncomingBytes;
  public final MetricStats IncomingRecords;
  public final MetricStats IteratorAgeMilliseconds;
  public final MetricStats OutgoingBytes;
  public final MetricStats OutgoingRecords;
  public final MetricStats ReadProvisionedThroughputExceeded;
  public final MetricStats WriteProvisionedThroughputExceeded;

  private ShardVars(String id, String startKey, String endKey, Map<String, MetricStats> m) {
    this.id = Objects.requireNonNull(id, "id");
    this.start_key = Objects.requireNonNull(startKey, "startKey");
    this.end_key = Objects.requireNonNull(endKey, "endKey");
    IncomingBytes = StreamVars.get(m, "IncomingBytes");
    IncomingRecords = StreamVars.get(m, "IncomingRecords");
    IteratorAgeMilliseconds = StreamVars.get(m, "IteratorAgeMilliseconds");
    OutgoingBytes = StreamVars.get(m, "OutgoingBytes");
    OutgoingRecords = StreamVars.get(m, "OutgoingRecords");
    ReadProvisionedThroughputExceeded = StreamVars.get(m, "ReadProvisionedThroughputExceeded");
    WriteProvisionedThroughputExceeded = StreamVars.get(m, "WriteProvisionedThroughputExceeded");
  }

  /**
   * A shard with its statistics by metric name ({@link #METRICS}).
   *
   * @throws IllegalArgumentException for an unknown metric name
   */
  public static ShardVars of(String id, String startKey, String endKey, Map<String, MetricStats> metrics) {
    for (String k : metrics.keySet()) {
      if (!METRICS.contains(k)) {
        throw new IllegalArgumentException("shard metric: expected one of " + METRICS + ", was '" + k + "'");
      }
    }
    return new ShardVars(id, startKey, endKey, metrics);
  }

  MetricStats metric(String name) {
    switch (name) {
      case "IncomingBytes":
        return IncomingBytes;
      case "IncomingRecords":
        return IncomingRecords;
      case "IteratorAgeMilliseconds":
        return IteratorAgeMilliseconds;
      case "OutgoingBytes":
        return OutgoingBytes;
      case "OutgoingRecords":
        return OutgoingRecords;
      case "ReadProvisionedThroughputExceeded":
        return ReadProvisionedThroughputExceeded;
      default:
        return WriteProvisionedThroughputExceeded;
    }
  }
}
