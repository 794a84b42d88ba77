package dev.themis.examples.bench;

import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.ScalingDecision;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.spi.ScalingPolicy;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import dev.themis.testkit.emr.SimulatedEmr;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * BENCHMARK.md §2, API calls: how many calls one managed resource costs per tick in steady state (no scaling), as
 * counted by the simulated clients, for EMR clusters of three instance groups (MASTER, CORE, TASK) and Kinesis
 * streams, at several sizes. The real providers with their default settings; the policy holds.
 */
public final class CallsBench {
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  static final int WARM_UP_TICKS = 3;
  static final int TICKS = 5;

  private CallsBench() {}

  /** Calls per tick by operation, for one resource configuration. */
  public record Row(String service, String resource, int units, Map<String, Double> perTick) {
    double total() {
      return perTick.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Calls to AWS services: all but those to the cluster's own YARN ResourceManager. */
    double aws() {
      return perTick.entrySet().stream().filter(e -> !e.getKey().startsWith("YARN "))
          .mapToDouble(Map.Entry::getValue).sum();
    }
  }

  static final ScalingPolicy HOLD = new ScalingPolicy() {
    @Override
    public ScalingDecision decide(dev.themis.PolicyContext context) {
      return ScalingDecision.hold(context.capacity(), "steady", name());
    }

    @Override
    public String name() {
      return "hold";
    }
  };

  public static List<Row> run() {
    List<Row> rows = new ArrayList<>();
    for (int nodes : new int[] {50, 500}) {
      for (boolean cw : new boolean[] {false, true}) {
        rows.add(emr(nodes, cw));
      }
    }
    for (int shards : new int[] {4, 200, 500}) {
      for (boolean enhanced : new boolean[] {false, true}) {
        rows.add(kinesis(shards, enhanced));
      }
    }
    return rows;
  }

  /** A cluster of {@code nodes} workers: 10 % CORE, the rest TASK, plus the MASTER; half loaded. */
  static Row emr(int nodes, boolean cloudWatch) {
    ManualClock clock = ManualClock.at(START);
    SimulatedEmr emr = SimulatedEmr.builder(clock).build();
    int core = Math.max(1, nodes / 10);
    String id = emr.cluster("calls").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", core)
        .instanceGroup("TASK", "SPOT", "m5.xlarge", nodes - core)
        .demand(t -> nodes * 0.6).create();
    SimulatedCloudWatch cw = emr.cloudWatch();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("region", "us-east-1");
    settings.put("cloudwatch_metrics", Boolean.toString(cloudWatch));
    Autoscaler a = Autoscaler.builder().clock(clock).history(NoHistory.INSTANCE)
        .component(EmrClient.class, emr).component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, cw)
        .resource(ResourceSpec.of("emr", id, settings), HOLD).build();
    Map<String, Double> perTick = measure(a, clock, () -> {
      emr.resetCalls();
      emr.yarn().resetCalls();
      cw.resetCalls();
    }, () -> {
      Map<String, Long> all = new TreeMap<>();
      emr.calls().forEach((k, v) -> all.put("EMR " + k, v));
      emr.yarn().calls().forEach((k, v) -> all.put("YARN " + k, v));
      cw.calls().forEach((k, v) -> all.put("CloudWatch " + k, v));
      return all;
    });
    return new Row("EMR", "3 groups, " + nodes + " workers" + (cloudWatch ? ", CloudWatch on" : ", CloudWatch off"),
        nodes, perTick);
  }

  static Row kinesis(int shards, boolean enhanced) {
    ManualClock clock = ManualClock.at(START);
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).build();
    kinesis.createStream("calls", shards);
    kinesis.incomingRecords("calls", t -> shards * 30_000.0);
    SimulatedCloudWatch cw = kinesis.cloudWatch();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("enable_enhanced_monitoring", Boolean.toString(enhanced));
    Autoscaler a = Autoscaler.builder().clock(clock).history(NoHistory.INSTANCE)
        .component(KinesisClient.class, kinesis).component(CloudWatchClient.class, cw)
        .resource(ResourceSpec.of("kinesis", "calls", settings), HOLD).build();
    Map<String, Double> perTick = measure(a, clock, () -> {
      kinesis.resetCalls();
      cw.resetCalls();
    }, () -> {
      Map<String, Long> all = new TreeMap<>();
      kinesis.calls().forEach((k, v) -> all.put("Kinesis " + k, v));
      cw.calls().forEach((k, v) -> all.put("CloudWatch " + k, v));
      return all;
    });
    return new Row("Kinesis", shards + " shards" + (enhanced ? ", shard-level metrics" : ", stream-level metrics"),
        shards, perTick);
  }

  private static Map<String, Double> measure(Autoscaler a, ManualClock clock, Runnable reset,
      java.util.function.Supplier<Map<String, Long>> counts) {
    for (int i = 0; i < WARM_UP_TICKS; i++) {
      check(a.tick());
      clock.advance(Duration.ofMinutes(1));
    }
    reset.run();
    for (int i = 0; i < TICKS; i++) {
      check(a.tick());
      clock.advance(Duration.ofMinutes(1));
    }
    Map<String, Double> perTick = new TreeMap<>();
    counts.get().forEach((k, v) -> {
      if (v > 0) {
        perTick.put(k, v / (double) TICKS);
      }
    });
    return perTick;
  }

  private static void check(TickReport r) {
    for (ResourceOutcome o : r.outcomes()) {
      if (o instanceof ResourceOutcome.Failed f) {
        throw new IllegalStateException(f.resource() + " failed in a steady tick: " + f.reasons(), f.cause());
      }
    }
  }

  static String markdown(List<Row> rows, String machine) {
    StringBuilder b = new StringBuilder("# AWS API calls per resource per steady tick (BENCHMARK.md §2)\n\n");
    b.append("Counted by the testkit's simulated clients while the real providers (default settings) observe one "
        + "resource whose policy holds, over ").append(TICKS).append(" ticks one minute apart after ")
        .append(WARM_UP_TICKS).append(" warm-up ticks. Written by `bench calls` on ").append(machine)
        .append(".\n\n");
    b.append("| service | resource | AWS calls per tick | all calls per tick (with YARN) | all calls per tick per unit"
        + " | by operation |\n|---|---|--:|--:|--:|---|\n");
    for (Row r : rows) {
      StringBuilder ops = new StringBuilder();
      r.perTick().forEach((k, v) -> ops.append(ops.length() == 0 ? "" : ", ").append(k).append(' ')
          .append(fmt(v)));
      b.append("| ").append(r.service()).append(" | ").append(r.resource()).append(" | ").append(fmt(r.aws()))
          .append(" | ").append(fmt(r.total()))
          .append(" | ").append(String.format(Locale.ROOT, "%.4f", r.total() / r.units())).append(" | ")
          .append(ops).append(" |\n");
    }
    return b.toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
