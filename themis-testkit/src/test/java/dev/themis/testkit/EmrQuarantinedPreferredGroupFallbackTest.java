package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.testkit.emr.SimulatedEmr;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsRequest;

/**
 * Regression, found with the simulated EMR: with the default {@code group_or_preferred_market} ("ON_DEMAND" below 15
 * task nodes), once the ON_DEMAND task group was quarantined after a capacity error, no group was left to grow and
 * the cluster held below demand although a SPOT task group existed. The real provider, replaying a synthetic step in
 * demand against {@link SimulatedEmr}, must reach demand through the SPOT group, and give those nodes back after.
 */
class EmrQuarantinedPreferredGroupFallbackTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));

  @Test
  void supplyReachesDemandThroughTheFallbackGroupWhenThePreferredGroupCannotGetCapacity() {
    // 1.4 nodes' worth of load (2 nodes at 70 %) for 15 min, 10 for 90 min, then 1.4 again for 75 min.
    double[] perMinute = new double[180];
    Arrays.fill(perMinute, 1.4);
    Arrays.fill(perMinute, 15, 105, 10);
    Demand demand = Trace.perMinute("step", perMinute).anchoredAt(clock.instant());
    SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(4)).drainTime(Duration.ofMinutes(1))
        .build();
    String id = emr.cluster("fallback").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", 2)
        .instanceGroup("TASK", "SPOT", "m5.xlarge", 0)
        .demand(demand).createdAt(clock.instant().minus(Duration.ofHours(1))).create();
    String onDemand = emr.groupId(id, "TASK"); // the first TASK group
    emr.capacityLimit(onDemand, 4); // "We currently do not have sufficient m5.xlarge capacity..."
    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(EmrClient.class, emr).component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, emr.cloudWatch())
        // group_or_preferred_market left at the original's default
        .resource(ResourceSpec.of("emr", id, Map.of("min_capacity", "1", "max_capacity", "20",
            "scale_down_cooldown", "5m", "scale_down_stabilization", "5m", "decommission_timeout", "60s")),
            TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1))
        .build();

    ReplayResult r = Replay.builder(autoscaler, clock).demand(demand).supply(emr.supply(id))
        .resource(ResourceId.of("emr", id)).tickInterval(Duration.ofMinutes(3)).steps(180).run();

    assertEquals(0, Arrays.stream(r.failures()).sum(), () -> "failures: " + r.events());
    int[] serving = r.serving();
    assertEquals(2, serving[10]);
    assertTrue(serving[100] >= 10, () -> "serving at the peak: " + serving[100] + "\n" + r.toCsv());
    InstanceGroup spot = group(emr, id, "SPOT");
    InstanceGroup od = group(emr, id, "ON_DEMAND");
    assertTrue(od.runningInstanceCount() <= 4, od::toString);
    assertTrue(serving[179] < 10, () -> "serving after the peak: " + serving[179] + "\n" + r.toCsv());
    assertTrue(Arrays.stream(r.unitsAdded()).sum() >= 8, r::toCsv);
    assertTrue(r.events().stream().anyMatch(e -> e.toString().contains("grow " + spot.id())),
        () -> "the SPOT group grew: " + r.events());
  }

  private static InstanceGroup group(SimulatedEmr emr, String clusterId, String market) {
    return emr.listInstanceGroups(ListInstanceGroupsRequest.builder().clusterId(clusterId).build()).instanceGroups()
        .stream().filter(g -> g.instanceGroupTypeAsString().equals("TASK") && g.marketAsString().equals(market))
        .findFirst().orElseThrow();
  }
}
