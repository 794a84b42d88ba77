package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import dev.themis.testkit.emr.SimulatedEmr;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The real themis-emr and themis-kinesis providers, found by ServiceLoader, replaying a short synthetic trace
 * against the simulated clouds: no AWS account, no sleeping.
 */
class EndToEndTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));

  @Test
  void emrProviderFollowsAStepInDemandThroughTheSimulatedClusterAndYarn() {
    // 3 nodes' worth of load for 30 min, 10 for 90 min, 3 again for 120 min.
    double[] perMinute = new double[240];
    Arrays.fill(perMinute, 3);
    Arrays.fill(perMinute, 30, 120, 10);
    Demand demand = Trace.perMinute("step", perMinute).anchoredAt(clock.instant());
    SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(6)).drainTime(Duration.ofMinutes(1))
        .pageSize(2).build();
    String id = emr.cluster("e2e").applications("Hadoop", "Spark")
        .instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", 3)
        .demand(demand)
        .createdAt(clock.instant().minus(Duration.ofHours(1)))
        .create();
    SimulatedCloudWatch cw = emr.cloudWatch();
    ResourceId rid = ResourceId.of("emr", id);
    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(EmrClient.class, emr).component(YarnClient.class, emr.yarn()).component(CloudWatchClient.class, cw)
        .resource(ResourceSpec.of("emr", id, Map.of("min_capacity", "1", "max_capacity", "20",
            "scale_down_cooldown", "5m", "scale_down_stabilization", "5m", "decommission_timeout", "60s")),
            TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1))
        .build();

    ReplayResult r = Replay.builder(autoscaler, clock).demand(demand).supply(emr.supply(id)).resource(rid)
        .tickInterval(Duration.ofMinutes(3)).steps(240).run();

    assertEquals(0, Arrays.stream(r.failures()).sum(), () -> "failures: " + r.events());
    int[] serving = r.serving();
    assertEquals(4, serving[0]); // 1 core + 3 task
    assertTrue(serving[100] >= 10, () -> "serving at the peak: " + serving[100] + "\n" + r.toCsv());
    assertTrue(serving[239] < 10, () -> "serving after the peak: " + serving[239] + "\n" + r.toCsv());
    assertTrue(Arrays.stream(r.unitsAdded()).sum() > 0 && Arrays.stream(r.unitsRemoved()).sum() > 0);
    // Boot delay: nothing requested at the step serves before 6 minutes have passed.
    assertEquals(4, serving[35]);
    Map<String, Long> calls = emr.calls();
    assertTrue(calls.get("ModifyInstanceGroups") >= 2, calls::toString);
    assertTrue(calls.get("ListInstances") >= 80, calls::toString); // paginated: page size 2
    assertTrue(emr.yarn().calls().get("nodes") >= 80);
    assertTrue(cw.calls().getOrDefault("GetMetricData", 0L) >= 80, () -> cw.calls().toString());
    assertTrue(r.events().stream().allMatch(e -> e.outcome() instanceof ResourceOutcome.Applied));
  }

  @Test
  void emrProviderKeepsTheCapacityErrorVisibleAndDoesNotFail() {
    double[] perMinute = new double[60];
    Arrays.fill(perMinute, 10);
    Demand demand = Trace.perMinute("high", perMinute).anchoredAt(clock.instant());
    SimulatedEmr emr = SimulatedEmr.builder(clock).build();
    String id = emr.cluster("short").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "SPOT", "m5.xlarge", 2).demand(demand).create();
    emr.capacityLimit(emr.groupId(id, "TASK"), 4);
    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(EmrClient.class, emr).component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, emr.cloudWatch())
        .resource(ResourceSpec.of("emr", id, Map.of("max_capacity", "20")),
            TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1))
        .build();
    ReplayResult r = Replay.builder(autoscaler, clock).demand(demand).supply(emr.supply(id))
        .tickInterval(Duration.ofMinutes(3)).steps(60).run();
    assertEquals(0, Arrays.stream(r.failures()).sum(), () -> "failures: " + r.events());
    assertEquals(4, r.serving()[59]); // the group stays short of what was asked
  }

  @Test
  void kinesisProviderReshardsWithUpdateShardCountWithinAwsLimits() {
    // 50,000 records per minute (one shard's worth at 83 %), then 250,000 for an hour, then 50,000 again.
    double[] perMinute = new double[300];
    Arrays.fill(perMinute, 50_000);
    Arrays.fill(perMinute, 60, 180, 250_000);
    Demand records = Trace.perMinute("records", perMinute).anchoredAt(clock.instant());
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(1)).pageSize(2)
        .build();
    kinesis.createStream("events", 2, clock.instant().minus(Duration.ofHours(1))); // with an hour of metrics
    kinesis.incomingRecords("events", records);
    kinesis.bytesPerRecord("events", 200);
    SimulatedCloudWatch cw = kinesis.cloudWatch();
    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(KinesisClient.class, kinesis).component(CloudWatchClient.class, cw)
        .resource(ResourceSpec.of("kinesis", "events", Map.of("target_utilisation", "0.7", "min_capacity", "1",
            "max_capacity", "16", "scale_down_cooldown", "10m")))
        .build();
    // Shards needed at 70 % of 60,000 records per minute each.
    Demand shards = i -> Math.max(1, Math.ceil(records.at(i) / 42_000));

    ReplayResult r = Replay.builder(autoscaler, clock).demand(shards).supply(kinesis.supply("events"))
        .tickInterval(Duration.ofMinutes(1)).steps(300).run();

    assertEquals(0, Arrays.stream(r.failures()).sum(), () -> "failures: " + r.events());
    int[] s = r.serving();
    assertEquals(2, s[30], () -> "a full first window shows the real load, no scale-down on empty data\n" + r.toCsv());
    assertTrue(s[170] >= 5, () -> "shards at the peak: " + s[170] + "\n" + r.toCsv());
    assertTrue(s[299] <= 3, () -> "shards after the peak: " + s[299] + "\n" + r.toCsv());
    Map<String, Long> calls = kinesis.calls();
    assertTrue(calls.getOrDefault("UpdateShardCount", 0L) + calls.getOrDefault("SplitShard", 0L) >= 2,
        calls::toString);
    assertTrue(calls.getOrDefault("UpdateShardCount", 0L) <= 10, calls::toString);
    // Shards are listed (in pages of 2) only after a reshard or a changed summary, not on every one of the 300 ticks.
    assertTrue(calls.get("ListShards") < calls.get("DescribeStreamSummary") / 4, calls::toString);
  }
}
