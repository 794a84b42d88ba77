package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.series.SeriesSpec;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesBookTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T00:00:00Z"));

  /** Records the length and newest value of the series it is given, and asks for no change. */
  private static final class Recording implements ScalingPolicy {
    final List<Integer> lengths = new ArrayList<>();
    final List<Double> newest = new ArrayList<>();
    private final Optional<SeriesSpec> spec = Optional.of(new SeriesSpec(
        (capacity, metrics) -> metrics.get("utilisation") * capacity, view -> view.value(0),
        Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofMinutes(2), Duration.ofHours(1),
        SeriesSpec.ErrorScale.RATIO));

    @Override
    public Optional<SeriesSpec> series() {
      return spec;
    }

    @Override
    public ScalingDecision decide(PolicyContext context) {
      lengths.add(context.series().length());
      newest.add(context.series().value(0));
      return ScalingDecision.hold(context.capacity(), "recording", "recording");
    }
  }

  private Autoscaler autoscaler(FakeResource r, ScalingPolicy policy, InMemoryHistoryStore store) {
    return Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
        .resource(r.id, ScalingSettings.defaults(), r, policy, r).build();
  }

  @Test
  void theCoreKeepsTheSeriesAPolicyAsksForAndRebuildsItFromTheStoreAfterARestart() {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    FakeResource r = new FakeResource("a", 10, 4);
    Recording before = new Recording();
    Autoscaler first = autoscaler(r, before, store);
    for (int tick = 0; tick < 20; tick++) {
      r.load = 2 + tick % 5;
      first.tick();
      clock.advance(Duration.ofMinutes(3));
    }
    assertThat(before.lengths).startsWith(1, 4, 7).endsWith(58);
    assertThat(before.newest.get(19)).isEqualTo(6.0);

    // a new autoscaler over the same store: the first tick already sees the earlier hour
    Recording after = new Recording();
    r.load = 9;
    autoscaler(r, after, store).tick();
    assertThat(after.lengths).containsExactly(61);
    assertThat(after.newest).containsExactly(9.0);
  }

  @Test
  void policiesThatAskForNoSeriesSeeTheEmptyOne() {
    FakeResource r = new FakeResource("a", 10, 4);
    List<Integer> lengths = new ArrayList<>();
    autoscaler(r, ctx -> {
      lengths.add(ctx.series().length());
      return ScalingDecision.hold(ctx.capacity(), "x", "x");
    }, InMemoryHistoryStore.withDefaults()).tick();
    assertThat(lengths).containsExactly(0);
  }
}
