package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every guard that changes or holds a decision says so by name, with its numbers. */
class GuardReasonsTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));

  private TickReport tick(FakeResource r, ScalingSettings.Builder settings, int wanted) {
    return Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(r.id, settings.build(), r, ctx -> new ScalingDecision(wanted, "wants " + wanted, "fixed"), r)
        .build().tick();
  }

  private static ScalingSettings.Builder settings() {
    return ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ZERO)
        .minCapacity(2).maxCapacity(25);
  }

  @Test
  void boundsSayTheTargetAndTheBound() {
    assertThat(tick(new FakeResource("a", 20, 1), settings(), 40).outcomes().get(0).reasons())
        .containsExactly("bounds: target 40 capped at max 25");
    assertThat(tick(new FakeResource("b", 4, 1), settings(), 1).outcomes().get(0).reasons())
        .containsExactly("bounds: target 1 raised to min 2");
  }

  @Test
  void maxStepSaysTheWantedAndTheAllowedChange() {
    assertThat(tick(new FakeResource("a", 10, 1), settings().maxStep(4), 20).outcomes().get(0).reasons())
        .containsExactly("max step: +10 limited to +4 (10 -> 14)");
    assertThat(tick(new FakeResource("b", 10, 1), settings().maxStep(2), 4).outcomes().get(0).reasons())
        .containsExactly("max step: -6 limited to -2 (10 -> 8)");
  }

  @Test
  void toleranceSaysTheChangeAndTheBand() {
    TickReport report = tick(new FakeResource("a", 10, 1), settings().tolerance(0.1), 11);
    assertThat(report.outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(report.outcomes().get(0).reasons())
        .containsExactly("tolerance: 10 -> 11 is within 0.1 x 10 = 1", ResourceOutcome.NO_CHANGE);
    // the decision's reason is not copied into the reasons; the explanation says it with the "no change"
    assertThat(report.outcomes().get(0).explanation())
        .isEqualTo("tolerance: 10 -> 11 is within 0.1 x 10 = 1; no change: wants 11");
  }

  @Test
  void missingMetricsNameTheMetricsAndNeverScaleDown() {
    FakeResource r = new FakeResource("a", 10, 1);
    r.missing = Set.of("tasknodes.average.cpu");
    assertThat(tick(r, settings(), 8).outcomes().get(0).reasons()).containsExactly(
        "missing metrics: tasknodes.average.cpu; never scales down (wanted 10 -> 8)", ResourceOutcome.NO_CHANGE);
    FakeResource s = new FakeResource("b", 3, 1);
    s.missing = Set.of("stream.IncomingBytes");
    assertThat(tick(s, settings().missingMetricsFallback(5), 3).outcomes().get(0).reasons())
        .containsExactly("missing metrics: stream.IncomingBytes; fallback to at least 5");
  }

  @Test
  void cooldownSaysWhatCompletedWhenAndHowLongIsLeft() {
    FakeResource r = new FakeResource("a", 10, 1);
    int[] wanted = {13};
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(r.id, settings().scaleUpCooldown(Duration.ofMinutes(30)).build(), r,
            ctx -> new ScalingDecision(wanted[0], "wants " + wanted[0], "fixed"), r)
        .build();
    assertThat(autoscaler.tick().applied()).hasSize(1); // 10 -> 13 at 01:00, completed at once
    clock.advance(Duration.ofMinutes(12));
    wanted[0] = 16;
    assertThat(autoscaler.tick().outcomes().get(0).reasons()).containsExactly(
        "cooldown: scale-up completed 01:00, scale-up cooldown 30m, 18m left (until 01:30; wanted 13 -> 16)");
  }

  @Test
  void inFlightAndPauseSayWhat() {
    FakeResource r = new FakeResource("a", 10, 1);
    r.inFlight = true;
    assertThat(tick(r, settings(), 12).outcomes().get(0).reasons())
        .containsExactly("in flight: the resource is changing; no new action until it settles");
    assertThat(tick(new FakeResource("b", 10, 1), settings().pauseScaleUp(true), 12).outcomes().get(0).reasons())
        .containsExactly("pause: scale-up paused (wanted 10 -> 12)");
  }
}
