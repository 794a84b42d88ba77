package dev.themis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingSettings;
import dev.themis.config.ConfigurationException;
import dev.themis.series.LoadSeries;
import dev.themis.series.SeriesSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PredictivePolicyTest {
  private static final ResourceId ID = ResourceId.of("emr", "j-1");
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  private static final String U = "tasknodes.average.cpu";

  private final PredictivePolicy policy = PredictivePolicy.builder(U).pending("yarn.containers.pending", 0.25)
      .horizon(Duration.ofMinutes(7)).utilisation(0.8).targetShortfall(0.05).build();
  private final LoadSeries series = new LoadSeries(policy.series().orElseThrow());

  /** A day: 2 units of load at night, 10 units from 08:00 to 18:00, with a little noise. */
  private static double dailyLoad(int minuteOfDay, Random noise) {
    double base = minuteOfDay >= 8 * 60 && minuteOfDay < 18 * 60 ? 10 : 2;
    return base + noise.nextDouble() * 0.5;
  }

  /** Observes {@code load} with a capacity of 16 units, as a monitor would report it. */
  private ResourceState observe(int minute, double load) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    int capacity = 16;
    ResourceState state = ResourceState.of(ID, at, capacity,
        Map.of(U, Math.min(1, load / capacity), "yarn.containers.pending", Math.max(0, load - capacity) * 4));
    series.observe(at, state.capacity(), state.metrics());
    return state;
  }

  private ScalingDecision decide(ResourceState state) {
    return policy.decide(new PolicyContext(state, List.of(), ScalingSettings.defaults(), state.observedAt(),
        ZoneOffset.UTC, series));
  }

  private int replayDays(int days) {
    Random noise = new Random(1);
    int minute = 0;
    for (; minute < days * 1440; minute++) {
      observe(minute, dailyLoad(minute % 1440, noise));
    }
    return minute;
  }

  @Test
  void fallsBackToTheRecentPeakWhileThereIsTooLittleHistory() {
    observe(0, 6);
    ScalingDecision d = decide(observe(1, 3));
    assertThat(d.targetCapacity()).isEqualTo(8); // ceil(6 / 0.8): the highest load of the last hour
    assertThat(d.reason()).startsWith("reactive fallback").contains("history: 2 min");
    assertThat(d.policy()).isEqualTo("predictive");
  }

  @Test
  void scalesUpBeforeTheDailyRiseAndSaysWhy() {
    int minute = replayDays(4);
    // 07:54 on day 5: the load is still at its night level
    minute += 7 * 60 + 54;
    Random noise = new Random(2);
    ResourceState state = null;
    for (int m = minute - 120; m <= minute; m++) {
      state = observe(m, dailyLoad(m % 1440, noise));
    }
    ScalingDecision early = decide(state);
    assertThat(early.targetCapacity()).isGreaterThan(3); // above what the night's load needs: the rise is coming
    assertThat(early.reason()).startsWith("forecast ").contains("headroom", "quantile", "reactive floor 3");
    // 07:58: the forecast horizon (7 minutes) is mostly day
    for (int m = minute + 1; m <= minute + 4; m++) {
      state = observe(m, dailyLoad(m % 1440, noise));
    }
    // before 08:00 it holds at least the day's load (10 units) though the load is still 2
    assertThat(decide(state).targetCapacity()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void releasesCapacityAheadOfTheEveningButNeverBelowTheCurrentLoad() {
    int minute = replayDays(4) + 18 * 60 + 30; // 18:30 on day 5: the profile says night
    Random noise = new Random(3);
    ResourceState state = null;
    for (int m = minute - 120; m < minute; m++) {
      state = observe(m, dailyLoad(m % 1440, noise));
    }
    assertThat(decide(state).targetCapacity()).isLessThan(8);
    // the evening's load is unexpectedly high: the reactive floor keeps what it needs
    ScalingDecision d = decide(observe(minute, 12));
    assertThat(d.targetCapacity()).isGreaterThanOrEqualTo(15); // ceil(12 / 0.8)
  }

  @Test
  void countsPendingWorkAsLoad() {
    assertThat(policy.load(16, Map.of(U, 1.0, "yarn.containers.pending", 8.0))).isEqualTo(18);
    assertThat(policy.load(16, Map.of(U, 0.5))).isNaN();
    PredictivePolicy serving = PredictivePolicy.builder(U).serving("cluster.capacity.running").build();
    assertThat(serving.load(16, Map.of(U, 0.5, "cluster.capacity.running", 10.0))).isEqualTo(5);
    assertThat(serving.load(16, Map.of(U, 0.5))).isNaN();
  }

  @Test
  void holdsWhenTheLoadCannotBeComputed() {
    ResourceState state = ResourceState.of(ID, T0, 5, Map.of());
    ScalingDecision d = decide(state);
    assertThat(d.targetCapacity()).isEqualTo(5);
    assertThat(d.reason()).contains("load metrics missing").contains(U);
  }

  @Test
  void everyMethodForecastsFromTheSameSeries() {
    replayDays(3);
    for (PredictivePolicy.Method m : PredictivePolicy.Method.values()) {
      PredictivePolicy p = PredictivePolicy.builder(U).method(m).errorScale(SeriesSpec.ErrorScale.RATIO).build();
      assertThat(p.forecast(series)).as(m.name()).isBetween(1.0, 16.0);
    }
    assertThat(PredictivePolicy.builder(U).build().forecast(new LoadSeries(policy.series().orElseThrow())))
        .isNaN();
  }

  @Test
  void rejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> PredictivePolicy.builder(U).targetShortfall(0.7))
        .hasMessageContaining("targetShortfall").hasMessageContaining("0.7");
    assertThatThrownBy(() -> PredictivePolicy.builder(U).utilisation(0))
        .hasMessageContaining("utilisation").hasMessageContaining("0.0");
    assertThatThrownBy(() -> PredictivePolicy.builder(U).horizon(Duration.ofDays(1)))
        .hasMessageContaining("horizon").hasMessageContaining("PT24H");
    assertThatThrownBy(() -> PredictivePolicy.builder(U).pending("p", -1))
        .hasMessageContaining("unitsPerPending").hasMessageContaining("-1");
  }

  @Test
  void theProviderReadsItsKeysAndReportsEveryBadOne() {
    PredictivePolicyProvider provider = new PredictivePolicyProvider();
    assertThat(provider.name()).isEqualTo("predictive");
    ResourceSpec ok = ResourceSpec.of("emr", "j-1", Map.of("target_shortfall", "0.02", "predictive_horizon", "8m",
        "predictive_pending_metric", "yarn.containers.pending", "predictive_units_per_pending", "0.25",
        "predictive_serving_metric", "cluster.capacity.running", "predictive_method", "daily",
        "predictive_error_scale", "ratio"));
    assertThat(provider.create(ok, null)).isInstanceOf(PredictivePolicy.class);

    ResourceSpec bad = ResourceSpec.of("emr", "j-1", Map.of("target_shortfall", "2", "predictive_method", "arima",
        "predictive_error_window", "10m"));
    assertThatThrownBy(() -> provider.create(bad, null)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("emr.j-1.target_shortfall").hasMessageContaining("'2'")
        .hasMessageContaining("emr.j-1.predictive_method").hasMessageContaining("arima")
        .hasMessageContaining("[seasonal, daily, peak, naive]");
    ResourceSpec window = ResourceSpec.of("emr", "j-1", Map.of("predictive_error_window", "10m"));
    assertThatThrownBy(() -> provider.create(window, null)).hasMessageContaining("predictive_error_window")
        .hasMessageContaining("10m");
  }
}
