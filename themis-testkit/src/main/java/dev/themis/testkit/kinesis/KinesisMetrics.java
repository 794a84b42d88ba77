package dev.themis.testkit.kinesis;

import dev.themis.testkit.cloudwatch.MetricSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The streams' CloudWatch metrics ({@code AWS/Kinesis}), from their {@link StreamTraffic}: stream-level ones with
 * dimension {@code StreamName}; shard-level ones with {@code StreamName, ShardId}, only while enhanced monitoring
 * is enabled for them. Put metrics have no datapoint in minutes without records, as on AWS.
 */
final class KinesisMetrics {
  private KinesisMetrics() {}

  /** The sample of one {@code AWS/Kinesis} metric, or null: see {@link MetricSource#sample}. */
  static MetricSource.Sample sample(KinesisCloud cloud, String namespace, String metric, Map<String, String> dims,
      Instant minute) {
    if (!"AWS/Kinesis".equals(namespace)) {
      return null;
    }
    String name = dims.get("StreamName");
    StreamSim s = cloud.find(name);
    if (s == null || minute.isBefore(s.created.truncatedTo(ChronoUnit.MINUTES))) {
      return null;
    }
    Instant t = minute.truncatedTo(ChronoUnit.MINUTES);
    s.settle(cloud.clock().instant());
    if (dims.size() == 1) {
      return streamSample(s, metric, t);
    }
    if (dims.size() == 2 && dims.containsKey("ShardId")) {
      Instant since = s.enhanced.get(metric);
      if (since == null || t.isBefore(since.truncatedTo(ChronoUnit.MINUTES))) {
        return null;
      }
      return shardSample(s, metric, dims.get("ShardId"), t);
    }
    return null;
  }

  private static MetricSource.Sample streamSample(StreamSim s, String metric, Instant t) {
    StreamTraffic.Minute m = s.traffic.minute(t);
    double bytes = s.traffic.bytesPerRecord;
    double puts = Math.max(1, Math.ceil(m.offered()));
    return switch (metric) {
      case "IncomingRecords" -> m.offered() > 0 ? MetricSource.Sample.total(m.accepted(), puts) : null;
      case "IncomingBytes" -> m.offered() > 0 ? MetricSource.Sample.total(m.accepted() * bytes, puts) : null;
      case "WriteProvisionedThroughputExceeded" -> m.offered() > 0
          ? new MetricSource.Sample(m.offered() - m.accepted(), puts, 0, m.offered() > m.accepted() ? 1 : 0) : null;
      case "PutRecord.Success" -> m.offered() > 0 ? new MetricSource.Sample(m.accepted(), puts, 0, 1) : null;
      case "GetRecords.Records" -> MetricSource.Sample.total(m.read(), m.readCalls());
      case "GetRecords.Bytes" -> MetricSource.Sample.total(m.read() * bytes, m.readCalls());
      case "GetRecords.IteratorAgeMilliseconds" -> MetricSource.Sample.of(m.iteratorAgeMs());
      case "GetRecords.Success" -> new MetricSource.Sample(m.readCalls(), m.readCalls(), 1, 1);
      case "ReadProvisionedThroughputExceeded" -> new MetricSource.Sample(0, m.readCalls(), 0, 0);
      default -> null;
    };
  }

  private static MetricSource.Sample shardSample(StreamSim s, String metric, String shardId, Instant t) {
    StreamTraffic.Minute m = s.traffic.minute(t);
    int i = -1;
    for (int k = 0; k < m.shards().size(); k++) {
      if (m.shards().get(k).id.equals(shardId)) {
        i = k;
      }
    }
    if (i < 0) {
      return null;
    }
    double offered = m.shardOffered()[i];
    double accepted = m.shardAccepted()[i];
    double read = m.accepted() > 0 ? m.read() * accepted / m.accepted() : 0;
    double puts = Math.max(1, Math.ceil(offered));
    double readCalls = m.readCalls() / m.shards().size();
    double bytes = s.traffic.bytesPerRecord;
    return switch (metric) {
      case "IncomingRecords" -> offered > 0 ? MetricSource.Sample.total(accepted, puts) : null;
      case "IncomingBytes" -> offered > 0 ? MetricSource.Sample.total(accepted * bytes, puts) : null;
      case "WriteProvisionedThroughputExceeded" -> offered > 0
          ? new MetricSource.Sample(offered - accepted, puts, 0, offered > accepted ? 1 : 0) : null;
      case "OutgoingRecords" -> MetricSource.Sample.total(read, readCalls);
      case "OutgoingBytes" -> MetricSource.Sample.total(read * bytes, readCalls);
      case "IteratorAgeMilliseconds" -> MetricSource.Sample.of(m.iteratorAgeMs());
      case "ReadProvisionedThroughputExceeded" -> new MetricSource.Sample(0, readCalls, 0, 0);
      default -> null;
    };
  }
}
