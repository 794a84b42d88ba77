package dev.themis.benchmarks;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingOutcome;
import dev.themis.ScalingSettings;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.policy.TargetTrackingPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One steady {@code tick()} over N resources with in-memory monitors and executors: each monitor builds a fresh
 * state (utilisation at the target), the target-tracking policy holds, the guards run, the outcome is recorded in
 * the default in-memory history. The clock advances one minute per tick. Time per tick; divide by N for time per
 * resource, and run with {@code -prof gc} for bytes allocated per tick ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TickBenchmark {
  @Param({"1", "100", "10000"})
  public int resources;

  /**
   * {@code fresh}: each monitor builds its metric map on every tick (boxing its doubles), as a real monitor would,
   * with a utilisation that changes from tick to tick within the target's tolerance;
   * {@code prebuilt}: the map is built once and only the state is new, so what is allocated is the autoscaler's own.
   */
  @Param({"fresh", "prebuilt"})
  public String monitor;

  /**
   * {@code default}: the default in-memory history; {@code latest}: one that keeps only each resource's latest
   * outcome (with {@code -p history=latest}), to tell what keeping the history costs from what deciding costs.
   */
  @Param({"default"})
  public String history;

  private ManualClock clock;
  private Autoscaler autoscaler;

  @Setup(Level.Trial)
  public void setUp() {
    clock = ManualClock.atEpoch2020();
    ScalingSettings settings = ScalingSettings.builder().minCapacity(1).maxCapacity(100).build();
    Autoscaler.Builder b = Autoscaler.builder().clock(clock).discoverProviders(false);
    if (history.equals("latest")) {
      b.history(new InMemoryHistoryStore(1, Duration.ofDays(7)));
    }
    for (int i = 0; i < resources; i++) {
      ResourceId id = ResourceId.of("emr", String.format("j-%06d", i));
      Map<String, Double> metrics = Map.of("tasknodes.average.cpu", 0.7, "tasknodes.average.mem", 0.5);
      boolean fresh = monitor.equals("fresh");
      b.resource(id, settings,
          (now, window) -> new ResourceState(id, now, 10, false, fresh
              ? Map.of("tasknodes.average.cpu", utilisation(now), "tasknodes.average.mem", 0.5) : metrics, Set.of(),
              Map.of(), null),
          TargetTrackingPolicy.of("tasknodes.average.cpu", 0.7, 0.1),
          (state, decision) -> ScalingOutcome.completed(state.capacity(), decision.targetCapacity(),
              List.of("resize")));
    }
    autoscaler = b.build();
    for (int i = 0; i < 20; i++) {
      tick(); // fill the monitoring window and the history to their steady size
    }
  }

  /** Within the target's tolerance, so the policy holds, but a new number (and reason text) from tick to tick. */
  private static double utilisation(java.time.Instant now) {
    return 0.66 + (now.getEpochSecond() / 60 % 9) * 0.01;
  }

  @Benchmark
  public TickReport tick() {
    clock.advance(Duration.ofMinutes(1));
    return autoscaler.tick();
  }
}
