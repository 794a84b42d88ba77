package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Regression (hardening issue, item 5, stale time): a tick used the instant it started for every resource, so a
 * resource handled late in a long tick recorded its action at that stale instant and its cooldown ended early. Each
 * resource is now judged, and its action recorded, at the time it is handled.
 */
class GuardsJudgeWithTheTimeTheyActTest {
  @Test
  void aResourceHandledLateInALongTickRecordsItsActionWhenItActs() {
    ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
    Instant start = clock.instant();
    FakeResource slow = new FakeResource("a-slow", 2, 2);
    FakeResource late = new FakeResource("b-late", 2, 2);
    ScalingSettings s = ScalingSettings.builder().cooldown(Duration.ofMinutes(10))
        .scaleDownStabilization(Duration.ZERO).build();
    AtomicBoolean slowOnce = new AtomicBoolean(true);
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(slow.id, s, (now, w) -> {
          if (slowOnce.getAndSet(false)) {
            clock.advance(Duration.ofMinutes(8)); // the first observation takes 8 minutes
          }
          return slow.observe(now, w);
        }, ctx -> ScalingDecision.hold(ctx.capacity(), "hold", "hold"), slow)
        .resource(late.id, s, late, ctx -> new ScalingDecision(ctx.capacity() + 1, "up", "up"), late)
        .build();

    ResourceOutcome.Applied first = autoscaler.tick().applied().get(0);
    assertThat(first.resource()).isEqualTo(late.id);
    assertThat(first.at()).isEqualTo(start.plus(Duration.ofMinutes(8)));

    clock.advance(Duration.ofMinutes(2)); // 10 minutes after the first tick started, 2 after the action
    ResourceOutcome second = autoscaler.tick().outcomes().stream().filter(o -> o.resource().equals(late.id))
        .findFirst().get();

    assertThat(second).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(second.reasons()).anySatisfy(r -> assertThat(r).contains("(until "
        + Guards.time(start.plus(Duration.ofMinutes(18)), start, java.time.ZoneOffset.UTC)));
    assertThat(late.applied).containsExactly(3);
  }
}
