package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceSpec;
import dev.themis.ScalingSettings;
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

/** The README's examples, on a synthetic trace instead of a file, so that they keep compiling and working. */
class ReadmeExampleTest {
  @Test
  void replayThroughTheRealEmrProvider() {
    ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
    double[] values = new double[24 * 60];
    for (int i = 0; i < values.length; i++) {
      values[i] = 40 + 30 * Math.sin(i * 2 * Math.PI / values.length); // a day: 10 % .. 70 % CPU
    }
    Trace trace = Trace.perMinute("diurnal", values);
    Demand nodes = trace.toUnits(trace.capacityForMeanUnits(10, 0.8), 0.8).anchoredAt(clock.instant());

    SimulatedEmr emr = SimulatedEmr.builder(clock)
        .bootDelay(Duration.ofMinutes(6)).drainTime(Duration.ofMinutes(1)).build();
    String cluster = emr.cluster("analytics").applications("Hadoop", "Spark")
        .instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "SPOT", "m5.xlarge", 9)
        .demand(nodes)
        .createdAt(clock.instant().minus(Duration.ofHours(1)))
        .create();

    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(EmrClient.class, emr)
        .component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, emr.cloudWatch())
        .resource(ResourceSpec.of("emr", cluster, Map.of("max_capacity", "60")),
            TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1))
        .build();

    ReplayResult result = Replay.builder(autoscaler, clock)
        .demand(nodes).supply(emr.supply(cluster))
        .tickInterval(Duration.ofMinutes(3)).duration(Duration.ofDays(1))
        .run()
        .skip(60);
    int[] demand = result.demandUnits();
    int[] serving = result.serving();
    int[] billed = result.billed();

    assertEquals(24 * 60 - 60, serving.length);
    assertTrue(result.totalActions() > 0);
    assertTrue(Arrays.stream(billed).sum() >= Arrays.stream(serving).sum());
    // Target tracking at 70 % keeps up with a slow diurnal curve most of the time.
    assertTrue(result.stepsShort() < demand.length / 4, () -> result.stepsShort() + " short minutes");
    assertTrue(emr.calls().get("ModifyInstanceGroups") > 0);
  }

  @Test
  void checkYourOwnPolicy() {
    TargetTrackingPolicy tracking = TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1);
    // Target tracking does not clamp to bounds itself (the autoscaler does), so it claims the other three.
    PolicyInvariants inv = PolicyInvariants.of(tracking, LoadModel.utilisation("tasknodes.average.cpu"))
        .settings(ScalingSettings.builder().minCapacity(1).maxCapacity(25).build());
    inv.assertDeterministic();
    inv.assertNoFlapping();
    inv.assertMonotoneInLoad();
    assertTrue(inv.checkBounds().isPresent());
  }
}
