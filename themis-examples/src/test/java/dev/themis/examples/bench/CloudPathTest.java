package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.series.SeriesSpec;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cloud path: providers against the simulated clouds, in one replay or in segments. */
class CloudPathTest {
  private static Workload step() {
    double[] v = new double[180];
    for (int m = 0; m < v.length; m++) {
      v[m] = m < 90 ? 20 : 80;
    }
    return Workload.of("step", v, Workload.Scale.PEAK25, 0.8);
  }

  private static Contender.Autoscaled tracker() {
    return (Contender.Autoscaled) Contenders.all().stream().filter(c -> c.name().equals("themis-tt-0.7"))
        .findFirst().orElseThrow();
  }

  @Test
  void segmentsCarryTheRequestedCapacityOver() {
    Workload w = step();
    for (Profile p : Profile.ALL) {
      Replay whole = new CloudPath(0).replay(w, p, tracker());
      Replay daily = new CloudPath(60).replay(w, p, tracker());
      assertThat(daily.supply()).hasSize(w.minutes());
      // before the first restart both are the same replay
      assertThat(Arrays.copyOf(daily.supply(), 60)).as(p.name()).isEqualTo(Arrays.copyOf(whole.supply(), 60));
      // after the step both settled on enough capacity for the new demand (25 units at the peak scale)
      assertThat(daily.supply()[w.minutes() - 1]).as(p.name()).isGreaterThanOrEqualTo(25);
      assertThat(whole.supply()[w.minutes() - 1]).as(p.name()).isGreaterThanOrEqualTo(25);
      // a restart neither loses nor invents capacity: the minute after it serves what was requested before it
      assertThat(daily.supply()[120]).as(p.name()).isGreaterThanOrEqualTo(daily.supply()[119]);
    }
  }

  @Test
  void aPolicyThatKeepsASeriesKeepsItAcrossSegments() {
    Workload w = step();
    java.util.List<Integer> lengths = new java.util.ArrayList<>();
    Contender.Autoscaled c = Contender.of("series-length", 1, tracker().settings(), env -> new ScalingPolicy() {
      private final SeriesSpec spec = new SeriesSpec((capacity, metrics) -> metrics.getOrDefault(
          env.utilisationMetric(), Double.NaN), null, Duration.ofMinutes(1), Duration.ofDays(1), Duration.ZERO,
          Duration.ofMinutes(1), SeriesSpec.ErrorScale.SQRT);

      @Override
      public Optional<SeriesSpec> series() {
        return Optional.of(spec);
      }

      @Override
      public ScalingDecision decide(PolicyContext context) {
        lengths.add(context.series().length());
        return ScalingDecision.hold(context.capacity(), "observe only", name());
      }

      @Override
      public String name() {
        return "series-length";
      }
    });
    new CloudPath(60).replay(w, Profile.EMR_D1, c);
    // minute 150, in the third 60-minute segment, sees the series of every minute before it
    assertThat(lengths).hasSize(w.minutes());
    assertThat(lengths.get(150)).isGreaterThan(140);
  }

  @Test
  void describesItsSegments() {
    assertThat(new CloudPath(1440).description()).contains("restarted every 1440 minutes");
    assertThat(new CloudPath(0).description()).doesNotContain("restarted");
  }
}
