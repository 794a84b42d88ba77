package dev.themis.examples.custom;

import dev.themis.Autoscaler;
import dev.themis.clock.ManualClock;
import dev.themis.config.ThemisConfig;
import dev.themis.emr.YarnClient;
import dev.themis.testkit.Demand;
import dev.themis.testkit.Replay;
import dev.themis.testkit.ReplayResult;
import dev.themis.testkit.Trace;
import dev.themis.testkit.emr.SimulatedEmr;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * A user's own policy in use: {@link HeadroomPolicy} is registered through
 * {@code META-INF/services/dev.themis.spi.PolicyProvider}, so a configuration selects it by name
 * ({@code policy: headroom}) with no code in the host. Here it manages a simulated EMR cluster through a morning
 * ramp of load, and the outcome of every action is printed.
 */
public final class CustomPolicyExample {
  private CustomPolicyExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Replays three hours and returns the result. */
  public static ReplayResult run(PrintStream out) {
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-30T07:00:00Z"));
    // Demand ramps from 2 to 14 nodes' worth of load between 08:00 and 09:00, then stays.
    Demand demand = Trace.perMinute("ramp", ramp()).anchoredAt(clock.instant());
    SimulatedEmr emr = SimulatedEmr.builder(clock).build();
    String cluster = emr.cluster("custom-policy").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", 3).demand(demand)
        .createdAt(clock.instant().minus(Duration.ofHours(1))).create();

    ThemisConfig config = ThemisConfig.parse("""
        resources:
          emr:
            %s:
              policy: headroom              # found by ServiceLoader: HeadroomPolicyProvider
              headroom_metric: tasknodes.average.cpu
              headroom_units: 1
              max_nodes: 30
        """.formatted(cluster));
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).configuration(config)
        .component(EmrClient.class, emr)
        .component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, emr.cloudWatch())
        .listener(new dev.themis.AutoscalerListener() {
          @Override
          public void onApplied(dev.themis.ResourceOutcome.Applied a) {
            out.println(a.at() + " " + a.resource() + ": " + a.result().fromCapacity() + " -> "
                + a.result().toCapacity() + " (" + a.decision().reason() + ")");
          }
        })
        .build();
    ReplayResult result = Replay.builder(autoscaler, clock).demand(demand).supply(emr.supply(cluster))
        .tickInterval(Duration.ofMinutes(3)).duration(Duration.ofHours(3)).run();
    out.println("minutes short of demand: " + result.stepsShort() + " of " + result.size()
        + "; node-hours billed: " + result.totalBilled() / 60.0);
    return result;
  }

  private static double[] ramp() {
    double[] v = new double[180];
    for (int m = 0; m < v.length; m++) {
      v[m] = m < 60 ? 2 : m < 120 ? 2 + 12.0 * (m - 60) / 60 : 14;
    }
    return v;
  }
}
