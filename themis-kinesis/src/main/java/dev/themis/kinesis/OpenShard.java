package dev.themis.kinesis;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One open shard of a stream as the monitor saw it.
 *
 * @param shardId the shard id, e.g. {@code shardId-000000000003}
 * @param range the shard's hash key range
 * @param metrics shard-level CloudWatch statistics by metric name ({@code IncomingBytes}, ...); empty unless
 *     enhanced (shard-level) monitoring is enabled
 */
public record OpenShard(String shardId, HashRange range, Map<String, MetricSummary> metrics) {
  public OpenShard {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(range, "range");
    metrics = Map.copyOf(new TreeMap<>(Objects.requireNonNull(metrics, "metrics")));
  }

  public static OpenShard of(String shardId, HashRange range) {
    return new OpenShard(shardId, range, Map.of());
  }

  /** A metric's statistics, or {@link MetricSummary#missing()}. */
  public MetricSummary metric(String name) {
    return metrics.getOrDefault(name, MetricSummary.missing());
  }
}
