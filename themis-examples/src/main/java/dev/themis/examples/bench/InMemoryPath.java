package dev.themis.examples.bench;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingOutcome;
import dev.themis.clock.ManualClock;
import dev.themis.config.Settings;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.vars.LoadStats;
import dev.themis.expr.vars.MetricStats;
import dev.themis.expr.vars.NodeGroupVars;
import dev.themis.expr.vars.ShardsVars;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.StreamVars;
import dev.themis.policy.ExpressionPolicy;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fallback replay path: the real {@link Autoscaler} (guards, history, listeners) with an in-memory monitor and
 * executor implementing the core SPI over {@link SimulatedUnits}. No AWS client code is involved. The monitor
 * reports utilisation and pending work, and the original's expression variables ({@code tasknodes},
 * {@code stream}, {@code shards}) so that the original's expressions run through the real {@link ExpressionPolicy}.
 */
public final class InMemoryPath implements ReplayPath {
  static final String UTILISATION = "utilisation";
  static final String PENDING = "pending.units";
  static final String SERVING = "units.serving";
  static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  /** Bytes per shard-minute at full write capacity (1,000 records/s of 1,000 bytes), for the original's variables. */
  static final double BYTES_PER_UNIT_MINUTE = 60_000.0 * 1000;
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();

  @Override
  public String description() {
    return "in-memory simulation of the BENCHMARK.md model (boot L, drain D, utilisation capped at 100 %) behind "
        + "the core SPI, driven by the real Autoscaler";
  }

  @Override
  public Replay replay(Workload w, Profile p, Contender.Autoscaled c) {
    Instant start = START;
    ManualClock clock = ManualClock.at(start);
    SimulatedUnits cloud = new SimulatedUnits(w.values(), w.unitCapacity(), p.boot(), p.drain(), w.demand()[0]);
    ReplayEnv env = new ReplayEnv(w, p, UTILISATION, PENDING, 1.0, start, SERVING);
    ResourceId id = ResourceId.of(p.kind() == Profile.Kind.EMR ? "emr" : "kinesis", "bench");
    int windowMinutes = (int) Math.max(1, c.settings().monitoringWindow().toMinutes());
    Map<String, String> providerSettings = c.providerSettings().create(env);
    int streamWindow = (int) Math.max(1, Duration.parse(providerSettings.getOrDefault("metrics_window",
        c.settings().monitoringWindow().toString())).toMinutes());
    ScalingPolicy policy = c.factory().create(env);
    if (policy == null) {
      policy = original(id, p, providerSettings);
    }
    boolean emr = p.kind() == Profile.Kind.EMR;
    Autoscaler autoscaler = Autoscaler.builder()
        .clock(clock)
        .discoverProviders(false)
        .history(NoHistory.INSTANCE)
        .resource(id, c.settings(),
            (now, window) -> new ResourceState(id, now, cloud.requested(), cloud.booting(),
                Map.of(UTILISATION, cloud.meanUtilisation(windowMinutes), PENDING,
                    cloud.meanPending(windowMinutes), SERVING, (double) cloud.serving()),
                Set.of(), emr ? emrVariables(cloud, windowMinutes) : kinesisVariables(cloud, streamWindow), null),
            policy,
            (state, decision) -> {
              int from = cloud.requested();
              cloud.request(decision.targetCapacity());
              return p.boot() == 0 || decision.targetCapacity() < from
                  ? ScalingOutcome.completed(from, decision.targetCapacity(), List.of("request"))
                  : ScalingOutcome.started(from, decision.targetCapacity(), List.of("request"));
            })
        .build();
    for (int m = 0; m < w.minutes(); m++) {
      clock.set(start.plus(Duration.ofMinutes(m)));
      cloud.beginMinute(m);
      if (m % c.interval() == 0) {
        autoscaler.tick();
      }
      cloud.endMinute(m);
    }
    return cloud.replay();
  }

  /** The provider's default policy: the original's expressions, unless the settings give others. */
  static ScalingPolicy original(ResourceId id, Profile p, Map<String, String> settings) {
    Map<String, String> exprs = new HashMap<>(settings);
    exprs.remove("metrics_window");
    boolean emr = p.kind() == Profile.Kind.EMR;
    return ExpressionPolicy.fromSettings(Settings.of(id.type() + "." + id.name(), exprs),
        emr ? ExpressionPolicy.Keys.emr() : ExpressionPolicy.Keys.kinesis(),
        emr ? StandardVariables.emr() : StandardVariables.kinesis(), COMPILER, ZoneOffset.UTC);
  }

  /** Task nodes as EMR lists them: all requested nodes, running only when none is booting; CPU = memory load. */
  private static Map<String, Object> emrVariables(SimulatedUnits cloud, int window) {
    double u = cloud.meanUtilisation(window);
    int n = cloud.requested();
    LoadStats avg = LoadStats.of(u, u, u);
    NodeGroupVars task = NodeGroupVars.of(!cloud.booting(), true, n, avg, LoadStats.of(u * n, u * n, u * n), avg, avg);
    return Map.of("tasknodes", task, "allnodes", task, "corenodes", NodeGroupVars.empty());
  }

  /** The stream's CloudWatch sums per minute over the metrics window, as the original read them. */
  private static Map<String, Object> kinesisVariables(SimulatedUnits cloud, int window) {
    double[] units = cloud.acceptedSeries(window);
    double[] bytes = new double[units.length];
    double[] records = new double[units.length];
    for (int i = 0; i < units.length; i++) {
      bytes[i] = units[i] * BYTES_PER_UNIT_MINUTE;
      records[i] = units[i] * 60_000.0;
    }
    StreamVars stream = StreamVars.of(Map.of("IncomingBytes", MetricStats.of(bytes), "IncomingRecords",
        MetricStats.of(records)));
    return Map.of("stream", stream, "shards", ShardsVars.of(cloud.requested(), List.of()));
  }
}
