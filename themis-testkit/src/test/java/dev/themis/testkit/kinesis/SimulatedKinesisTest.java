package dev.themis.testkit.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.clock.ManualClock;
import dev.themis.testkit.Demand;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;

class SimulatedKinesisTest {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  private final ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
  private final SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(1))
      .pageSize(3).build();

  private List<Shard> shards(String stream, boolean openOnly) {
    List<Shard> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListShardsResponse r = kinesis.listShards(b -> {
        if (t == null) {
          b.streamName(stream);
          if (openOnly) {
            b.shardFilter(f -> f.type(ShardFilterType.AT_LATEST));
          }
        } else {
          b.nextToken(t);
        }
      });
      out.addAll(r.shards());
      token = r.nextToken();
    } while (token != null);
    return out;
  }

  @Test
  void newStreamHasEvenHashRangesCoveringTheKeySpace() {
    kinesis.createStream("s", 4);
    List<Shard> s = shards("s", true);
    assertEquals(4, s.size());
    assertEquals("0", s.get(0).hashKeyRange().startingHashKey());
    assertEquals(MAX.toString(), s.get(3).hashKeyRange().endingHashKey());
    for (int i = 1; i < 4; i++) {
      assertEquals(new BigInteger(s.get(i - 1).hashKeyRange().endingHashKey()).add(BigInteger.ONE),
          new BigInteger(s.get(i).hashKeyRange().startingHashKey()));
    }
    assertEquals("shardId-000000000000", s.get(0).shardId());
    var summary = kinesis.describeStreamSummary(r -> r.streamName("s")).streamDescriptionSummary();
    assertEquals("ACTIVE", summary.streamStatusAsString());
    assertEquals(4, summary.openShardCount());
    assertThrows(ResourceNotFoundException.class, () -> kinesis.describeStreamSummary(r -> r.streamName("nope")));
  }

  @Test
  void updateShardCountIsUpdatingForItsDurationThenReplacesEveryShard() {
    kinesis.createStream("s", 2);
    var r = kinesis.updateShardCount(b -> b.streamName("s").targetShardCount(4)
        .scalingType(ScalingType.UNIFORM_SCALING));
    assertEquals(2, r.currentShardCount());
    assertEquals("UPDATING", kinesis.status("s"));
    assertEquals(2, kinesis.openShards("s"));
    assertThrows(ResourceInUseException.class, () -> kinesis.updateShardCount(b -> b.streamName("s")
        .targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING)));
    assertThrows(ResourceInUseException.class, () -> kinesis.splitShard(b -> b.streamName("s")
        .shardToSplit("shardId-000000000000").newStartingHashKey("1")));
    clock.advance(Duration.ofSeconds(59));
    assertEquals("UPDATING", kinesis.status("s"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals("ACTIVE", kinesis.status("s"));
    List<Shard> open = shards("s", true);
    assertEquals(List.of("shardId-000000000002", "shardId-000000000003", "shardId-000000000004",
        "shardId-000000000005"), open.stream().map(Shard::shardId).toList());
    assertEquals("shardId-000000000000", open.get(0).parentShardId());
    // Without a filter, closed parents are listed too (retention), with an ending sequence number.
    List<Shard> all = shards("s", false);
    assertEquals(6, all.size());
    assertNotNull(all.get(0).sequenceNumberRange().endingSequenceNumber());
    assertNull(all.get(5).sequenceNumberRange().endingSequenceNumber());
    clock.advance(Duration.ofHours(24));
    assertEquals(4, shards("s", false).size());
  }

  @Test
  void updateShardCountLimits() {
    kinesis.createStream("s", 4);
    assertLimit(9, "over double");
    assertLimit(1, "below half");
    SimulatedKinesis small = SimulatedKinesis.builder(clock).shardLimit(6).updateDuration(Duration.ZERO).build();
    small.createStream("a", 4);
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> small.updateShardCount(b -> b
        .streamName("a").targetShardCount(8).scalingType(ScalingType.UNIFORM_SCALING)));
    assertTrue(e.getMessage().contains("shard limit"), e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> small.updateShardCount(b -> b.streamName("a")
        .targetShardCount(0).scalingType(ScalingType.UNIFORM_SCALING)));
  }

  private void assertLimit(int target, String words) {
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> kinesis.updateShardCount(b -> b
        .streamName("s").targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING)));
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @Test
  void atMostTenUpdateShardCountCallsPerRolling24Hours() {
    SimulatedKinesis k = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(1)).build();
    k.createStream("s", 2);
    for (int i = 0; i < 10; i++) {
      int target = i % 2 == 0 ? 3 : 2;
      k.updateShardCount(b -> b.streamName("s").targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING));
      clock.advance(Duration.ofMinutes(10));
    }
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> k.updateShardCount(b -> b
        .streamName("s").targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING)));
    assertTrue(e.getMessage().contains("24 hours"), e.getMessage());
    clock.advance(Duration.ofHours(24).minusMinutes(100));
    k.updateShardCount(b -> b.streamName("s").targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING));
    assertEquals(11L, k.calls().get("UpdateShardCount") - 1);
  }

  @Test
  void splitAndMergeEnforceRangesAndAdjacency() {
    kinesis.createStream("s", 3);
    List<Shard> s = shards("s", true);
    String start0 = s.get(0).hashKeyRange().startingHashKey();
    assertThrows(InvalidArgumentException.class, () -> kinesis.splitShard(b -> b.streamName("s")
        .shardToSplit("shardId-000000000000").newStartingHashKey(start0)));
    assertThrows(InvalidArgumentException.class, () -> kinesis.mergeShards(b -> b.streamName("s")
        .shardToMerge("shardId-000000000000").adjacentShardToMerge("shardId-000000000002")));
    assertThrows(ResourceNotFoundException.class, () -> kinesis.mergeShards(b -> b.streamName("s")
        .shardToMerge("shardId-000000000000").adjacentShardToMerge("shardId-000000000009")));

    // Either order is adjacent.
    kinesis.mergeShards(b -> b.streamName("s").shardToMerge("shardId-000000000001")
        .adjacentShardToMerge("shardId-000000000000"));
    clock.advance(Duration.ofMinutes(1));
    List<Shard> after = shards("s", true);
    assertEquals(2, after.size());
    Shard merged = after.stream().filter(x -> x.shardId().equals("shardId-000000000003")).findFirst().orElseThrow();
    assertEquals("0", merged.hashKeyRange().startingHashKey());
    assertEquals("shardId-000000000001", merged.parentShardId());
    assertEquals("shardId-000000000000", merged.adjacentParentShardId());

    BigInteger mid = new BigInteger(merged.hashKeyRange().endingHashKey()).shiftRight(1);
    kinesis.splitShard(b -> b.streamName("s").shardToSplit("shardId-000000000003")
        .newStartingHashKey(mid.toString()));
    clock.advance(Duration.ofMinutes(1));
    assertEquals(3, kinesis.openShards("s"));
    assertThrows(InvalidArgumentException.class, () -> kinesis.splitShard(b -> b.streamName("s")
        .shardToSplit("shardId-000000000003").newStartingHashKey(mid.toString()))); // closed now
  }

  @Test
  void listShardsTokensFollowAwsRules() {
    kinesis.createStream("s", 5);
    ListShardsResponse first = kinesis.listShards(b -> b.streamName("s"));
    assertEquals(3, first.shards().size());
    assertThrows(InvalidArgumentException.class,
        () -> kinesis.listShards(b -> b.streamName("s").nextToken(first.nextToken())));
    assertEquals(2, kinesis.listShards(b -> b.nextToken(first.nextToken())).shards().size());
    clock.advance(Duration.ofSeconds(301));
    assertThrows(ExpiredNextTokenException.class, () -> kinesis.listShards(b -> b.nextToken(first.nextToken())));
    assertEquals(2, kinesis.listShards(b -> b.streamName("s").exclusiveStartShardId("shardId-000000000002"))
        .shards().size());
    assertEquals(5L, kinesis.calls().get("ListShards")); // failed calls count too
  }

  @Test
  void listStreamsAndTagsPaginate() {
    for (String n : List.of("a", "b", "c", "d")) {
      kinesis.createStream(n, 1);
    }
    kinesis.tag("a", "team", "x");
    var r = kinesis.listStreams(b -> b.limit(10));
    assertEquals(List.of("a", "b", "c"), r.streamNames());
    assertTrue(r.hasMoreStreams());
    var r2 = kinesis.listStreams(b -> b.nextToken(r.nextToken()));
    assertEquals(List.of("d"), r2.streamNames());
    assertEquals(List.of("d"), kinesis.listStreams(b -> b.exclusiveStartStreamName("c")).streamNames());
    assertEquals("x", kinesis.listTagsForStream(b -> b.streamName("a")).tags().get(0).value());
    assertEquals(4, kinesis.describeLimits(b -> {}).openShardCount());
  }

  @Test
  void cloudWatchMetricsFollowTheTraceAndShardLimits() {
    kinesis.createStream("s", 2);
    Instant t0 = clock.instant();
    // 90,000 records per minute for 10 minutes: each shard gets 45,000 (under its 60,000 limit); then 150,000.
    kinesis.incomingRecords("s", i -> i.isBefore(t0.plusSeconds(600)) ? 90_000 : 150_000);
    kinesis.bytesPerRecord("s", 100);
    SimulatedCloudWatch cw = kinesis.cloudWatch();
    clock.advance(Duration.ofMinutes(15));
    GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(t0).endTime(clock.instant())
        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
        .metricDataQueries(query("in", "IncomingRecords", "Sum", 60), query("bytes", "IncomingBytes", "Sum", 300),
            query("thr", "WriteProvisionedThroughputExceeded", "Sum", 60),
            query("age", "GetRecords.IteratorAgeMilliseconds", "Maximum", 60)));
    Map<String, MetricDataResult> byId = new java.util.HashMap<>();
    r.metricDataResults().forEach(x -> byId.put(x.id(), x));
    MetricDataResult in = byId.get("in");
    assertEquals(15, in.values().size());
    assertEquals(t0, in.timestamps().get(0));
    assertEquals(90_000, in.values().get(0), 1e-6);
    assertEquals(120_000, in.values().get(14), 1e-6); // two shards accept 60,000 each
    assertEquals(30_000, byId.get("thr").values().get(14), 1e-6);
    assertEquals(0, byId.get("thr").values().get(0), 1e-6);
    assertEquals(List.of(45_000_000.0, 45_000_000.0, 60_000_000.0), byId.get("bytes").values());
    assertEquals(0, byId.get("age").values().get(14), 1e-6);
    assertEquals(StatusCode.COMPLETE, in.statusCode());
    assertEquals(1L, cw.calls().get("GetMetricData"));

    // Newest first by default.
    GetMetricDataResponse desc = cw.getMetricData(b -> b.startTime(t0).endTime(clock.instant())
        .metricDataQueries(query("in", "IncomingRecords", "Sum", 60)));
    assertEquals(120_000, desc.metricDataResults().get(0).values().get(0), 1e-6);
  }

  @Test
  void shardLevelMetricsNeedEnhancedMonitoringAndFollowTheKeyDistribution() {
    kinesis.createStream("s", 2);
    kinesis.incomingRecords("s", Demand.constant(40_000));
    kinesis.keyDistribution("s", KeyDistribution.piecewise(3, 1));
    SimulatedCloudWatch cw = kinesis.cloudWatch();
    Instant t0 = clock.instant();
    clock.advance(Duration.ofMinutes(2));
    assertEquals(0, shardIncoming(cw, t0, "shardId-000000000000").values().size());
    kinesis.enableEnhancedMonitoring(b -> b.streamName("s").shardLevelMetricsWithStrings("ALL"));
    assertEquals(7, kinesis.describeStreamSummary(b -> b.streamName("s")).streamDescriptionSummary()
        .enhancedMonitoring().get(0).shardLevelMetrics().size());
    Instant t1 = clock.instant();
    clock.advance(Duration.ofMinutes(2));
    MetricDataResult hot = shardIncoming(cw, t1, "shardId-000000000000");
    assertEquals(2, hot.values().size());
    assertEquals(30_000, hot.values().get(0), 1e-6);
    assertEquals(10_000, shardIncoming(cw, t1, "shardId-000000000001").values().get(0), 1e-6);
  }

  private static MetricDataResult shardIncoming(SimulatedCloudWatch cw, Instant from, String shard) {
    return cw.getMetricData(b -> b.startTime(from).endTime(from.plusSeconds(120)).metricDataQueries(
        MetricDataQuery.builder().id("q").metricStat(m -> m.period(60).stat("Sum").metric(x -> x
            .namespace("AWS/Kinesis").metricName("IncomingRecords")
            .dimensions(d -> d.name("StreamName").value("s"), d -> d.name("ShardId").value(shard)))).build()))
        .metricDataResults().get(0);
  }

  @Test
  void aSlowConsumerBuildsIteratorAge() {
    SimulatedKinesis k = SimulatedKinesis.builder(clock).consumerRecordsPerSecondPerShard(500).build();
    k.createStream("s", 1);
    k.incomingRecords("s", Demand.constant(60_000)); // 1,000/s offered and accepted, 500/s read
    SimulatedCloudWatch cw = k.cloudWatch();
    Instant t0 = clock.instant();
    clock.advance(Duration.ofMinutes(3));
    List<Double> age = cw.getMetricData(b -> b.startTime(t0).endTime(clock.instant())
        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
        .metricDataQueries(query("a", "GetRecords.IteratorAgeMilliseconds", "Maximum", 60)))
        .metricDataResults().get(0).values();
    assertEquals(List.of(60_000.0, 120_000.0, 180_000.0), age);
  }

  @Test
  void getMetricDataPaginatesAndValidates() {
    kinesis.createStream("s", 1);
    kinesis.incomingRecords("s", Demand.constant(10));
    SimulatedCloudWatch cw = SimulatedCloudWatch.builder(clock).pageSize(4).source(kinesis.metrics()).build();
    Instant t0 = clock.instant();
    clock.advance(Duration.ofMinutes(5));
    List<Double> all = new ArrayList<>();
    var pages = cw.getMetricDataPaginator(b -> b.startTime(t0).endTime(clock.instant())
        .metricDataQueries(query("a", "IncomingRecords", "Sum", 60), query("b", "IncomingBytes", "Sum", 60)));
    pages.metricDataResults().forEach(x -> all.addAll(x.values()));
    assertEquals(10, all.size());
    assertEquals(3L, cw.calls().get("GetMetricData"));
    assertThrows(InvalidParameterValueException.class, () -> cw.getMetricData(b -> b.startTime(t0).endTime(t0)
        .metricDataQueries(query("a", "IncomingRecords", "Sum", 60))));
    assertThrows(InvalidParameterValueException.class, () -> cw.getMetricData(b -> b.startTime(t0)
        .endTime(clock.instant()).metricDataQueries(query("A", "IncomingRecords", "Sum", 60))));
    assertThrows(InvalidParameterValueException.class, () -> cw.getMetricData(b -> b.startTime(t0)
        .endTime(clock.instant()).metricDataQueries(query("a", "IncomingRecords", "Sum", 45))));
    // Unknown metrics are answered, empty.
    MetricDataResult none = cw.getMetricData(b -> b.startTime(t0).endTime(clock.instant())
        .metricDataQueries(query("a", "NoSuchMetric", "Sum", 60))).metricDataResults().get(0);
    assertTrue(none.values().isEmpty());
  }

  @Test
  void aStreamCreatedInThePastHasMetricsFromThen() {
    Instant past = clock.instant().minus(Duration.ofMinutes(30));
    kinesis.createStream("s", 1, past);
    kinesis.incomingRecords("s", Demand.constant(600));
    SimulatedCloudWatch cw = kinesis.cloudWatch();
    List<Double> v = cw.getMetricData(b -> b.startTime(clock.instant().minus(Duration.ofHours(1)))
        .endTime(clock.instant()).metricDataQueries(query("a", "IncomingRecords", "Sum", 60)))
        .metricDataResults().get(0).values();
    assertEquals(30, v.size());
    assertThrows(IllegalArgumentException.class, () -> kinesis.createStream("t", 1, clock.instant().plusSeconds(1)));
  }

  private static MetricDataQuery query(String id, String metric, String stat, int period) {
    return MetricDataQuery.builder().id(id).metricStat(m -> m.period(period).stat(stat).metric(x -> x
        .namespace("AWS/Kinesis").metricName(metric).dimensions(d -> d.name("StreamName").value("s")))).build();
  }
}
