package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceSpec;
import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.testkit.emr.SimulatedEmr;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * Found with the simulated EMR: when a SPOT group is stuck on AWS's spot-limit reason, the EMR provider must
 * recognise a capacity error and grow the ON_DEMAND group next in {@code group_or_preferred_market}.
 * Regression test: the monitor's capacity-error pattern did not match that message, so the cluster stayed "in
 * flight" for ever and never fell back.
 */
class EmrSpotLimitMessageTest {
  @Test
  void aSpotGroupStuckOnItsLimitFallsBackToOnDemand() {
    ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
    SimulatedEmr emr = SimulatedEmr.builder(clock).build();
    String id = emr.cluster("spot").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "SPOT", "m5.xlarge", 2)
        .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", 0)
        .demand(Demand.constant(10)).create();
    emr.capacityLimit(emr.groupId(id, "TASK"), 4); // the SPOT group
    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(EmrClient.class, emr).component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, emr.cloudWatch())
        .resource(ResourceSpec.of("emr", id, Map.of("max_capacity", "20",
            "group_or_preferred_market", "SPOT,ON_DEMAND")),
            TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1))
        .build();
    ReplayResult r = Replay.builder(autoscaler, clock).demand(Demand.constant(10)).supply(emr.supply(id))
        .tickInterval(Duration.ofMinutes(3)).duration(Duration.ofHours(1)).run();
    assertTrue(r.serving()[59] >= 10, () -> "serving after an hour: " + r.serving()[59]);
  }
}
