package dev.themis.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoadSeriesTest {
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  private static final Signal LOAD = (capacity, metrics) -> metrics.getOrDefault("load", Double.NaN);

  private static SeriesSpec spec(Forecaster f, Duration lag, SeriesSpec.ErrorScale scale) {
    return new SeriesSpec(LOAD, f, Duration.ofMinutes(1), Duration.ofHours(3), lag, Duration.ofHours(1), scale);
  }

  private static void observe(LoadSeries s, int minute, double load) {
    s.observe(T0.plus(Duration.ofMinutes(minute)), 1, Map.of("load", load));
  }

  @Test
  void keepsTheHighestValueOfABucketAndHoldsItAcrossShortGaps() {
    LoadSeries s = new LoadSeries(spec(null, Duration.ZERO, SeriesSpec.ErrorScale.RATIO));
    s.observe(T0, 1, Map.of("load", 3.0));
    s.observe(T0.plusSeconds(30), 1, Map.of("load", 5.0));
    s.observe(T0.plusSeconds(40), 1, Map.of("load", 4.0));
    observe(s, 3, 7);

    assertThat(s.length()).isEqualTo(4);
    assertThat(s.newest()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    assertThat(s.value(0)).isEqualTo(7);
    assertThat(s.value(1)).isEqualTo(5); // held: the tick at minute 0 stands for the minutes until the next
    assertThat(s.value(2)).isEqualTo(5);
    assertThat(s.value(3)).isEqualTo(5);
    assertThat(s.value(4)).isNaN();
    assertThat(s.value(-1)).isNaN();
  }

  @Test
  void leavesGapsLongerThanTheHoldUnknownAndIgnoresOlderObservations() {
    LoadSeries s = new LoadSeries(spec(null, Duration.ZERO, SeriesSpec.ErrorScale.RATIO));
    observe(s, 0, 2);
    observe(s, 90, 4); // 90 minutes later: longer than MAX_HOLD
    observe(s, 50, 100); // older than the newest bucket: ignored

    assertThat(s.value(0)).isEqualTo(4);
    assertThat(s.value(90)).isEqualTo(2);
    assertThat(s.value(30)).isEqualTo(2); // held for MAX_HOLD (60 minutes) after the observation
    assertThat(s.value(29)).isNaN();
  }

  @Test
  void aGapLongerThanTheRetentionStartsAfresh() {
    LoadSeries s = new LoadSeries(spec(null, Duration.ZERO, SeriesSpec.ErrorScale.RATIO));
    observe(s, 0, 2);
    observe(s, 1, 2);
    observe(s, 60 * 24, 9);
    assertThat(s.length()).isEqualTo(1);
    assertThat(s.value(0)).isEqualTo(9);
  }

  @Test
  void recordsTheForecastAndTheQuantilesOfItsErrors() {
    // forecast: always 10; values 1..100 over 100 minutes; ratio errors value / forecast made one minute earlier
    LoadSeries s = new LoadSeries(new SeriesSpec(LOAD, v -> 10.0, Duration.ofMinutes(1), Duration.ofHours(3),
        Duration.ofMinutes(1), Duration.ofHours(2), SeriesSpec.ErrorScale.RATIO));
    for (int m = 0; m < 100; m++) {
      observe(s, m, m + 1);
    }
    observe(s, 100, 1); // closes minute 99

    assertThat(s.forecast(0)).isEqualTo(10);
    // minute 0 has no forecast one minute before it: 99 errors, ratios 0.2 .. 10
    assertThat(s.errorCount()).isEqualTo(99);
    assertThat(s.errorQuantile(0.5)).isCloseTo(5.1, within(0.06));
    assertThat(s.errorQuantile(0.98)).isCloseTo(9.9, within(0.11));
    assertThat(s.errorQuantile(1)).isCloseTo(10, within(0.11));
  }

  @Test
  void errorsOlderThanTheErrorWindowLeaveTheHistogram() {
    LoadSeries s = new LoadSeries(spec(v -> 1.0, Duration.ZERO, SeriesSpec.ErrorScale.SQRT));
    for (int m = 0; m < 60; m++) {
      observe(s, m, 11); // error (11 - 1) / 1 = 10
    }
    for (int m = 60; m < 121; m++) {
      observe(s, m, 1); // error 0
    }
    assertThat(s.errorCount()).isEqualTo(60);
    assertThat(s.errorQuantile(1)).isCloseTo(0, within(0.051));
  }

  @Test
  void sqrtErrorsScaleWithTheRootOfTheForecast() {
    LoadSeries s = new LoadSeries(spec(v -> 100.0, Duration.ZERO, SeriesSpec.ErrorScale.SQRT));
    observe(s, 0, 130);
    observe(s, 1, 100);
    assertThat(s.errorQuantile(1)).isCloseTo(3, within(0.051)); // (130 - 100) / sqrt(100)
  }

  @Test
  void seedingFromStoredOutcomesGivesTheSameSeriesAsLiveObservation() {
    Random random = new Random(7);
    SeriesSpec spec = spec(v -> v.value(0) * 1.1, Duration.ofMinutes(2), SeriesSpec.ErrorScale.SQRT);
    LoadSeries live = new LoadSeries(spec);
    List<ResourceOutcome> stored = new ArrayList<>();
    ResourceId id = ResourceId.of("fake", "a");
    for (int tick = 0; tick < 200; tick++) {
      Instant at = T0.plus(Duration.ofMinutes(3L * tick));
      double load = 5 + random.nextInt(10);
      ResourceState state = ResourceState.of(id, at, 4, Map.of("load", load));
      live.observe(at, 4, state.metrics());
      stored.add(new ResourceOutcome.Held(id, at, state, null, List.of()));
    }
    stored.add(new ResourceOutcome.Held(id, T0.plus(Duration.ofDays(1)), null, null, List.of("busy")));

    LoadSeries seeded = LoadSeries.seed(spec, stored);

    assertThat(seeded.length()).isEqualTo(live.length());
    for (int ago = 0; ago < live.length(); ago++) {
      assertThat(Double.doubleToLongBits(seeded.value(ago))).isEqualTo(Double.doubleToLongBits(live.value(ago)));
      assertThat(Double.doubleToLongBits(seeded.forecast(ago)))
          .isEqualTo(Double.doubleToLongBits(live.forecast(ago)));
    }
    assertThat(seeded.errorCount()).isEqualTo(live.errorCount()).isPositive();
    assertThat(seeded.errorQuantile(0.9)).isEqualTo(live.errorQuantile(0.9));
  }

  @Test
  void theEmptySeriesHoldsNothing() {
    SeriesView e = SeriesView.empty();
    assertThat(e.length()).isZero();
    assertThat(e.newest()).isNull();
    assertThat(e.value(0)).isNaN();
    assertThat(e.forecast(0)).isNaN();
    assertThat(e.errorCount()).isZero();
    assertThat(e.errorQuantile(0.5)).isNaN();
    assertThat(e.resolution()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void rejectsInvalidSpecsAndQuantilesNamingTheValue() {
    assertThatThrownBy(() -> new SeriesSpec(LOAD, null, Duration.ZERO, Duration.ofHours(1), Duration.ZERO,
        Duration.ofHours(1), SeriesSpec.ErrorScale.RATIO)).hasMessageContaining("resolution").hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new SeriesSpec(LOAD, null, Duration.ofMinutes(1), Duration.ofDays(1000),
        Duration.ZERO, Duration.ofHours(1), SeriesSpec.ErrorScale.RATIO)).hasMessageContaining("retention");
    assertThatThrownBy(() -> new SeriesSpec(LOAD, null, Duration.ofMinutes(1), Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(1), SeriesSpec.ErrorScale.RATIO)).hasMessageContaining("errorLag");
    assertThatThrownBy(() -> new SeriesSpec(LOAD, null, Duration.ofMinutes(1), Duration.ofHours(1),
        Duration.ZERO, Duration.ofHours(2), SeriesSpec.ErrorScale.RATIO)).hasMessageContaining("errorWindow");
    LoadSeries s = new LoadSeries(spec(null, Duration.ZERO, SeriesSpec.ErrorScale.RATIO));
    assertThatThrownBy(() -> s.errorQuantile(1.5)).hasMessageContaining("q").hasMessageContaining("1.5");
  }
}
