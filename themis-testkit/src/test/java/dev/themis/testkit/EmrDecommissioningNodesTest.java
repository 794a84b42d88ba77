package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.emr.EmrClusterSnapshot;
import dev.themis.emr.YarnClient;
import dev.themis.spi.ScalingPolicy;
import dev.themis.testkit.emr.SimulatedEmr;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * Regression, found with the simulated EMR: a node being drained after a scale-down (YARN {@code DECOMMISSIONING},
 * cpu 0) was still counted in {@code tasknodes.count.nodes} and the load aggregates, dragging the averages down and
 * inviting a further scale-down.
 */
class EmrDecommissioningNodesTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));

  @Test
  void aDrainingNodeIsNeitherCountedNorAveraged() {
    SimulatedEmr emr = SimulatedEmr.builder(clock).drainTime(Duration.ofHours(1)).build();
    String id = emr.cluster("drain").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", 4)
        .demand(Demand.constant(2)).createdAt(clock.instant().minus(Duration.ofHours(1))).create();
    AtomicInteger decisions = new AtomicInteger();
    ScalingPolicy removeOneOnce = ctx -> new ScalingDecision(
        decisions.getAndIncrement() == 0 ? ctx.capacity() - 1 : ctx.capacity(), "remove one once", "test");
    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(EmrClient.class, emr).component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, emr.cloudWatch())
        .resource(ResourceSpec.of("emr", id, Map.of("min_capacity", "1", "scale_down_stabilization", "0",
            "scale_down_cooldown", "0", "decommission_timeout", "3600s")), removeOneOnce)
        .build();

    ResourceOutcome first = only(autoscaler.tick());
    assertInstanceOf(ResourceOutcome.Applied.class, first, first::toString);
    assertEquals(0.5, first.state().metric("tasknodes.average.cpu").orElseThrow(), 1e-9, "2 nodes' worth on 4");
    clock.advance(Duration.ofMinutes(3));
    ResourceState s = only(autoscaler.tick()).state();

    assertEquals(1.0, s.metric("yarn.nodes.decommissioning").orElseThrow(), "one node drains for an hour");
    assertEquals(3, s.capacity());
    assertEquals(3.0, s.metric("tasknodes.count.nodes").orElseThrow(), "the draining node is not counted");
    assertEquals(3.0, s.metric("allnodes.count.nodes").orElseThrow() - 1, "nor among all nodes (1 master)");
    // Serving nodes: 0.5 before the shrink, 2/3 after; the draining node's 0 is not averaged in.
    double expected = (0.5 + 2.0 / 3) / 2;
    assertEquals(expected, s.metric("tasknodes.average.cpu").orElseThrow(), 1e-9, s.metrics()::toString);
    assertEquals(expected, s.metric("tasknodes.min.cpu").orElseThrow(), 1e-9, s.metrics()::toString);
    assertTrue(s.complete(), () -> "missing: " + s.missingMetrics());
    EmrClusterSnapshot snap = s.detail(EmrClusterSnapshot.class);
    assertEquals(1, snap.nodes().stream().filter(EmrClusterSnapshot.EmrNode::leaving).count());
    dev.themis.expr.vars.NodeGroupVars task = (dev.themis.expr.vars.NodeGroupVars) s.variables().get("tasknodes");
    assertEquals(3, task.count.nodes);
    assertEquals(expected, task.average.cpu, 1e-9);
  }

  private static ResourceOutcome only(TickReport report) {
    assertEquals(1, report.outcomes().size(), report::toString);
    return report.outcomes().get(0);
  }
}
