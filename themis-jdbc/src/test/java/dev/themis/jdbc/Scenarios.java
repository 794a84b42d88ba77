package dev.themis.jdbc;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.history.HistoryStore;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.testkit.Demand;
import dev.themis.testkit.Replay;
import dev.themis.testkit.ReplayResult;
import dev.themis.testkit.Supply;
import dev.themis.testkit.Trace;
import dev.themis.testkit.emr.SimulatedEmr;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The restart scenarios of the durable-state issue, on the testkit's simulated clouds: a host builds an autoscaler,
 * runs it, throws it away and builds a new one from the same configuration against the same cloud and store, as a
 * redeploy does.
 */
final class Scenarios {
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  private Scenarios() {}

  /** One simulated cloud with one resource, and how to build an autoscaler for it on a given store. */
  record Cloud(ResourceId id, Demand demand, Supplier<Supply> supplies, Duration tick,
      Function<HistoryStore, Autoscaler> builder) {
    Supply supply() {
      return supplies.get();
    }

    Autoscaler autoscaler(HistoryStore store) {
      return builder.apply(store);
    }
  }

  /**
   * A stream of 4 shards whose load moves up and down over the day (two 3-hour waves a day plus a step), with a
   * budget of 4 UpdateShardCount calls per 24 h and a 60-minute scale-down cooldown; one tick a minute.
   */
  static Cloud kinesis(ManualClock clock) {
    double[] perMinute = new double[24 * 60];
    for (int m = 0; m < perMinute.length; m++) {
      double wave = 0.5 + 0.5 * Math.sin(2 * Math.PI * m / (12 * 60.0));
      perMinute[m] = 60_000 + 300_000 * wave + (m >= 600 && m < 700 ? 200_000 : 0);
    }
    Demand records = Trace.perMinute("records", perMinute).anchoredAt(clock.instant());
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(2)).build();
    kinesis.createStream("events", 4, clock.instant().minus(Duration.ofHours(1)));
    kinesis.incomingRecords("events", records);
    kinesis.bytesPerRecord("events", 200);
    ResourceId id = ResourceId.of("kinesis", "events");
    return new Cloud(id, i -> Math.max(1, Math.ceil(records.at(i) / 42_000)), () -> kinesis.supply("events"),
        Duration.ofMinutes(1), store -> Autoscaler.builder().clock(clock).history(store)
            .component(KinesisClient.class, kinesis).component(CloudWatchClient.class, kinesis.cloudWatch())
            .resource(ResourceSpec.of("kinesis", "events", Map.of("target_utilisation", "0.7", "min_capacity", "1",
                "max_capacity", "32", "scale_down_cooldown", "60m", "scale_up_cooldown", "5m",
                "scaling_budget_per_day", "4", "scale_up_reserve", "1")))
            .build());
  }

  /**
   * A cluster whose preferred SPOT task group cannot get more than 2 nodes, so the executor falls back to the
   * ON_DEMAND task group; load rises to 10 nodes' worth for 6 hours and falls back; one tick every 3 minutes.
   */
  static Cloud emr(ManualClock clock) {
    double[] perMinute = new double[16 * 60];
    java.util.Arrays.fill(perMinute, 1.4);
    java.util.Arrays.fill(perMinute, 120, 480, 10);
    java.util.Arrays.fill(perMinute, 480, 540, 6);
    Demand demand = Trace.perMinute("step", perMinute).anchoredAt(clock.instant());
    SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(6)).drainTime(Duration.ofMinutes(1))
        .build();
    String cluster = emr.cluster("restart").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("TASK", "SPOT", "m5.xlarge", 2)
        .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", 0)
        .demand(demand).createdAt(clock.instant().minus(Duration.ofHours(1))).create();
    emr.capacityLimit(emr.groupId(cluster, "TASK"), 2); // the first TASK group: SPOT
    ResourceId id = ResourceId.of("emr", cluster);
    return new Cloud(id, demand, () -> emr.supply(cluster), Duration.ofMinutes(3),
        store -> Autoscaler.builder().clock(clock).history(store)
            .component(EmrClient.class, emr).component(YarnClient.class, emr.yarn())
            .component(CloudWatchClient.class, emr.cloudWatch())
            .resource(ResourceSpec.of("emr", cluster, Map.of("min_capacity", "1", "max_capacity", "20",
                "group_or_preferred_market", "SPOT", "scale_down_cooldown", "60m", "scale_down_stabilization", "15m",
                "capacity_error_quarantine", "10h", "decommission_timeout", "60s")),
                TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1))
            .build());
  }

  /** An action as the cloud saw it: when (minutes from the start), from, to, and what was called. */
  record Action(long minute, int from, int to, List<String> calls) {}

  /**
   * Replays {@code minutes} minutes; builds a new autoscaler (on the store {@code stores} gives next) at every
   * minute in {@code restarts}. Returns the actions in order.
   */
  static List<Action> replay(ManualClock clock, Cloud cloud, int minutes, Supplier<HistoryStore> stores,
      int... restarts) {
    List<Action> actions = new ArrayList<>();
    int done = 0;
    List<Integer> cuts = new ArrayList<>();
    for (int r : restarts) {
      cuts.add(r);
    }
    cuts.add(minutes);
    for (int cut : cuts) {
      Autoscaler autoscaler = cloud.autoscaler(stores.get());
      ReplayResult r = Replay.builder(autoscaler, clock).demand(cloud.demand()).supply(cloud.supply())
          .resource(cloud.id()).tickInterval(cloud.tick()).steps(cut - done).run();
      for (ReplayResult.Event e : r.events()) {
        if (e.outcome() instanceof ResourceOutcome.Applied a) {
          actions.add(new Action(Duration.between(START, e.at()).toMinutes(), a.result().fromCapacity(),
              a.result().toCapacity(), a.result().actions()));
        } else {
          throw new AssertionError("unexpected failure: " + e);
        }
      }
      done = cut;
    }
    return actions;
  }
}
