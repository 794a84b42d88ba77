package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.ScalingSettings;
import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final ResourceId ID = ResourceId.of("toy", "r");

  /** A toy resource: capacity changes take effect after a boot delay of two minutes, releases at once. */
  private static final class Toy implements Supply {
    final ManualClock clock;
    int requested;
    int serving;
    Instant readyAt;

    Toy(ManualClock clock, int initial) {
      this.clock = clock;
      this.requested = initial;
      this.serving = initial;
    }

    void settle() {
      if (readyAt != null && !clock.instant().isBefore(readyAt)) {
        serving = requested;
        readyAt = null;
      }
    }

    @Override
    public int serving() {
      settle();
      return serving;
    }

    @Override
    public int billed() {
      settle();
      return requested;
    }
  }

  @Test
  void recordsDemandSupplyBilledAndActionsPerMinute() {
    ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
    Demand demand = Trace.perMinute("d", 2, 2, 4, 4, 4, 4, 4, 4, 4, 4).anchoredAt(clock.instant());
    Toy toy = new Toy(clock, 2);
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(ID, ScalingSettings.builder().scaleDownCooldown(Duration.ZERO).build(),
            (now, window) -> ResourceState.of(ID, now, toy.requested,
                Map.of("demand", demand.at(now))),
            ctx -> new ScalingDecision((int) Math.ceil(ctx.state().metric("demand").orElseThrow()), "follow",
                "follow"),
            (state, decision) -> {
              toy.requested = decision.targetCapacity();
              toy.readyAt = clock.instant().plus(Duration.ofMinutes(2));
              return ScalingOutcome.started(state.capacity(), decision.targetCapacity(), List.of("resize"));
            })
        .build();
    ReplayResult r = Replay.builder(autoscaler, clock).demand(demand).supply(toy)
        .tickInterval(Duration.ofMinutes(1)).steps(10).run();
    assertEquals(10, r.size());
    assertArrayEquals(new int[] {2, 2, 4, 4, 4, 4, 4, 4, 4, 4}, r.demandUnits());
    assertArrayEquals(new int[] {2, 2, 2, 2, 4, 4, 4, 4, 4, 4}, r.serving());
    assertArrayEquals(new int[] {2, 2, 4, 4, 4, 4, 4, 4, 4, 4}, r.billed());
    assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, r.actions());
    assertEquals(2, r.unitsAdded()[2]);
    assertEquals(1, r.events().size());
    assertEquals(2, r.stepsShort());
    assertEquals(36, r.totalBilled());
    assertEquals(Instant.parse("2020-01-01T00:10:00Z"), clock.instant());
    assertTrue(r.toCsv().startsWith("step,time,demand,serving,billed"));
    assertEquals(4, r.timeline().get(2).billed());
    ReplayResult later = r.skip(3);
    assertEquals(7, later.size());
    assertArrayEquals(new int[] {2, 4, 4, 4, 4, 4, 4}, later.serving());
    assertEquals(0, later.events().size());
    assertEquals(Instant.parse("2020-01-01T00:03:00Z"), later.start());
  }

  @Test
  void ticksOnlyAtTheIntervalAndValidatesItsConfiguration() {
    ManualClock clock = ManualClock.atEpoch2020();
    int[] ticks = {0};
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(ID, ScalingSettings.defaults(), (now, w) -> {
          ticks[0]++;
          return ResourceState.of(ID, now, 1, Map.of());
        }, ctx -> ScalingDecision.hold(1, "hold", "hold"), (s, d) -> ScalingOutcome.declined(1, "never"))
        .build();
    ReplayResult r = Replay.builder(autoscaler, clock).demand(Demand.constant(1))
        .tickInterval(Duration.ofMinutes(3)).duration(Duration.ofMinutes(10)).run();
    assertEquals(4, ticks[0]); // minutes 0, 3, 6, 9
    assertTrue(r.ticked()[9]);
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, r.serving()); // the capacity the autoscaler knows
    assertThrows(IllegalArgumentException.class, () -> Replay.builder(autoscaler, clock).demand(Demand.constant(1))
        .tickInterval(Duration.ofSeconds(90)).steps(3).build());
    assertThrows(IllegalArgumentException.class, () -> Replay.builder(autoscaler, clock).steps(3).build());
  }
}
