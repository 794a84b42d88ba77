package dev.themis.kinesis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the monitor saw of one stream in one tick; the {@link dev.themis.ResourceState#detail()} of a Kinesis
 * resource. Immutable.
 *
 * @param streamName the stream
 * @param status {@code CREATING}, {@code ACTIVE}, {@code UPDATING} (DELETING streams are reported as failures)
 * @param mode {@code PROVISIONED} or {@code ON_DEMAND}
 * @param shardLevelMetrics the shard-level metrics enabled on the stream (enhanced monitoring)
 * @param openShards the open shards ordered by starting hash key
 * @param streamMetrics stream-level CloudWatch statistics by metric name ({@code IncomingBytes},
 *     {@code GetRecords.IteratorAgeMilliseconds}, ...)
 * @param period the CloudWatch period the statistics are per (original: 60 s)
 */
public record StreamSnapshot(
    String streamName,
    String status,
    String mode,
    Set<String> shardLevelMetrics,
    List<OpenShard> openShards,
    Map<String, MetricSummary> streamMetrics,
    Duration period) {

  public StreamSnapshot {
    Objects.requireNonNull(streamName, "streamName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(period, "period");
    shardLevelMetrics = Set.copyOf(shardLevelMetrics);
    openShards = List.copyOf(openShards);
    streamMetrics = Map.copyOf(new TreeMap<>(streamMetrics));
  }

  public boolean onDemand() {
    return "ON_DEMAND".equals(mode);
  }

  public boolean active() {
    return "ACTIVE".equals(status);
  }

  /** A stream-level metric's statistics, or {@link MetricSummary#missing()}. */
  public MetricSummary metric(String name) {
    return streamMetrics.getOrDefault(name, MetricSummary.missing());
  }
}
