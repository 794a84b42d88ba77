package dev.themis.benchmarks;

import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingSettings;
import dev.themis.policy.PredictivePolicy;
import dev.themis.series.LoadSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one predictive decision for one resource, as a tick pays it: the core records the observation in the
 * resource's {@link LoadSeries} (the policy's signal and its forecast, the error histogram), then the policy decides
 * (forecast read back, headroom quantile, reason text). The series holds {@code days} of one-minute history of a
 * daily load with noise: 3 days (daily profile over 3 lags), 15 days (weekly profile, the most it keeps). The
 * budget is 50 µs per resource per decision.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PredictiveBenchmark {
  private static final ResourceId ID = ResourceId.of("emr", "j-bench");
  private static final String U = "tasknodes.average.cpu";
  private static final String P = "yarn.containers.pending";

  @Param({"3", "15"})
  public int days;

  private PredictivePolicy policy;
  private LoadSeries series;
  private ResourceState[] states;
  private Instant now;
  private int i;
  private final ScalingSettings settings = ScalingSettings.defaults();

  @Setup
  public void setUp() {
    policy = PredictivePolicy.builder(U).pending(P, 0.25).horizon(Duration.ofMinutes(7)).build();
    series = new LoadSeries(policy.series().orElseThrow());
    Random random = new Random(42);
    states = new ResourceState[1440];
    Instant start = Instant.parse("2026-01-05T00:00:00Z");
    for (int m = 0; m < states.length; m++) {
      double load = 6 + 5 * Math.sin(2 * Math.PI * m / 1440) + random.nextGaussian();
      int capacity = 12;
      states[m] = ResourceState.of(ID, start, capacity,
          Map.of(U, Math.max(0, Math.min(1, load / capacity)), P, Math.max(0, load - capacity) * 4));
    }
    now = start;
    for (int m = 0; m < days * 1440; m++) {
      observe();
    }
  }

  private ResourceState observe() {
    ResourceState s = states[i];
    i = (i + 1) % states.length;
    now = now.plusSeconds(60);
    series.observe(now, s.capacity(), s.metrics());
    return s;
  }

  /** What a tick pays per resource: record the observation (signal, forecast, error), then decide. */
  @Benchmark
  public ScalingDecision observeAndDecide() {
    ResourceState s = observe();
    return policy.decide(new PolicyContext(s, List.of(), settings, now, ZoneOffset.UTC, series));
  }
}
