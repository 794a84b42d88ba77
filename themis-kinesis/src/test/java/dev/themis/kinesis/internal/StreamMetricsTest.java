package dev.themis.kinesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.kinesis.CloudWatchStub;
import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.MetricSummary;
import dev.themis.kinesis.OpenShard;
import dev.themis.kinesis.StreamSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class StreamMetricsTest {
  static CloudWatchStub stub;
  static CloudWatchClient cw;
  static final Instant NOW = Instant.parse("2026-11-28T08:00:30Z");

  @BeforeAll
  static void start() {
    stub = new CloudWatchStub();
    cw = stub.client();
  }

  @AfterAll
  static void stop() {
    cw.close();
    stub.close();
  }

  @Test
  void oneGetMetricDataCallPer500QueriesAndEveryMetricAnswered() {
    List<String> shards = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      shards.add("shardId-" + i);
    }
    stub.values("big", (metric, shard) -> shard == null ? 7.0 : Double.parseDouble(shard.substring(8)));
    int before = stub.getMetricDataCalls();
    StreamMetricsReader.Result r = StreamMetricsReader.read(cw, "big", shards, Set.of("IncomingBytes",
        "IncomingRecords"), NOW, Duration.ofMinutes(20), Duration.ofMinutes(1));
    assertEquals(2, r.calls(), "6 + 600 queries = 2 calls");
    assertEquals(2, stub.getMetricDataCalls() - before);
    assertTrue(r.missing().isEmpty());
    assertEquals(6, r.stream().size());
    assertEquals(7.0, r.stream().get("IncomingBytes").average());
    assertEquals(20, r.stream().get("IncomingBytes").points());
    assertEquals(299.0, r.shards().get("shardId-299").get("IncomingRecords").last());
  }

  @Test
  void periodsWithoutDataCountAsZeroExceptTheLastTwoAsInTheOriginal() {
    stub.values("idle", (metric, shard) -> null);
    StreamMetricsReader.Result r = StreamMetricsReader.read(cw, "idle", List.of(), Set.of(), NOW,
        Duration.ofMinutes(20), Duration.ofMinutes(1));
    MetricSummary throttles = r.stream().get("WriteProvisionedThroughputExceeded");
    assertEquals(18, throttles.points());
    assertEquals(0.0, throttles.average());
    assertEquals(0.0, throttles.last());
    assertEquals(Set.of("stream.IncomingBytes", "stream.IncomingRecords"), r.missing(),
        "load metrics without a datapoint are missing, not zero");
  }

  @Test
  void regressionOriginalFilledOnlyOneCrossShardAggregateWithTheWrongMetric() {
    Duration p = Duration.ofMinutes(1);
    List<OpenShard> shards = List.of(
        new OpenShard("a", HashRange.uniform(0, 2), Map.of(
            "IncomingBytes", MetricSummary.of(new double[] {10, 30}),
            "WriteProvisionedThroughputExceeded", MetricSummary.of(new double[] {0, 1}))),
        new OpenShard("b", HashRange.uniform(1, 2), Map.of(
            "IncomingBytes", MetricSummary.of(new double[] {100, 300}),
            "WriteProvisionedThroughputExceeded", MetricSummary.of(new double[] {0, 0}))));
    Map<String, Double> m = StreamMonitor.flatMetrics(
        new StreamSnapshot("s", "ACTIVE", "PROVISIONED", Set.of("IncomingBytes"), shards, Map.of(), p), 2);
    assertEquals((20.0 + 200.0) / 2, m.get("shards.IncomingBytes.average"));
    assertEquals(10.0, m.get("shards.IncomingBytes.min"));
    assertEquals(300.0, m.get("shards.IncomingBytes.max"));
    assertEquals(440.0, m.get("shards.IncomingBytes.sum"));
    assertEquals(330.0, m.get("shards.IncomingBytes.last"));
    assertEquals(1.0, m.get("shards.WriteProvisionedThroughputExceeded.sum"));
  }

  @Test
  void utilisationIsMeasuredAgainstPerShardLimits() {
    Duration p = Duration.ofMinutes(1);
    double mib = 1024 * 1024;
    Map<String, MetricSummary> stream = Map.of(
        "IncomingBytes", MetricSummary.of(new double[] {2 * mib * 60, 2 * mib * 60}),
        "IncomingRecords", MetricSummary.of(new double[] {1000 * 60, 3000 * 60}),
        "GetRecords.Bytes", MetricSummary.of(new double[] {4 * mib * 60, 4 * mib * 60}),
        "GetRecords.IteratorAgeMilliseconds", MetricSummary.of(new double[] {5, 90_000}));
    Map<String, Double> m = StreamMonitor.flatMetrics(
        new StreamSnapshot("s", "ACTIVE", "PROVISIONED", Set.of(), List.of(), stream, p), 4);
    assertEquals(0.5, m.get("utilisation.write.bytes"), 1e-12);
    assertEquals(0.5, m.get("utilisation.write.records"), 1e-12);
    assertEquals(0.5, m.get("utilisation.read.bytes"), 1e-12);
    assertEquals(0.75, m.get("utilisation.peak"), 1e-12);
    assertEquals(90_000.0, m.get("iterator_age.max_ms"));
    assertEquals(4.0, m.get("shards.count"));
    assertEquals(2 * mib * 60, m.get("stream.IncomingBytes.last"));
    assertFalse(m.containsKey("utilisation.hottest_shard"));
  }
}
