package dev.themis.kinesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.clock.ManualClock;
import dev.themis.config.Settings;
import dev.themis.history.HistoryStore;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.kinesis.StreamSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

class StreamExecutorTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);
  private static final ResourceId ID = ResourceId.of("kinesis", "orders");

  static StreamConfig config(Map<String, String> values) {
    return StreamConfig.from("orders", Settings.of("kinesis.orders", values));
  }

  static ResourceState state(FakeKinesis k, Instant now) {
    StreamSnapshot snap = new StreamSnapshot("orders", "ACTIVE", "PROVISIONED", Set.of(), List.copyOf(k.shards),
        Map.of(), Duration.ofMinutes(1));
    return new ResourceState(ID, now, k.shards.size(), false, Map.of(), Set.of(), Map.of(), snap);
  }

  static ScalingDecision to(int target) {
    return new ScalingDecision(target, "test", "test");
  }

  @Test
  void theDailyBudgetIsNeverExceededAndScaleDownsLeaveTheReserveOverRandom48Hours() {
    qt().withExamples(Math.max(50, EXAMPLES / 10)).forAll(longs().all(), integers().between(0, 12),
        integers().between(0, 4)).checkAssert((seed, budget, reserveWanted) -> {
          int reserve = budget == 0 ? 0 : Math.min(reserveWanted, budget - 1);
          Random r = new Random(seed);
          ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
          FakeKinesis k = new FakeKinesis(clock, 1 + r.nextInt(8));
          StreamExecutor ex = new StreamExecutor(ID, config(Map.of("scaling_budget_per_day", "" + budget,
              "scale_up_reserve", "" + reserve)), () -> k, clock);
          Instant end = clock.instant().plus(Duration.ofHours(48));
          List<Instant> downCalls = new ArrayList<>();
          while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofMinutes(1 + r.nextInt(180)));
            int n = k.shards.size();
            int target = Math.max(1, Math.min(40, n + r.nextInt(2 * n + 1) - n));
            if (target == n) {
              continue;
            }
            int before = k.updateShardCountCalls.size();
            int usedInDay = countWithin(k.updateShardCountCalls, clock.instant());
            ScalingOutcome o = ex.apply(state(k, clock.instant()), to(target));
            if (k.updateShardCountCalls.size() > before && target < n) {
              assertTrue(usedInDay < budget - reserve,
                  "a scale-down used the reserve: " + usedInDay + " used of " + budget + " with reserve " + reserve);
              downCalls.add(clock.instant());
            }
            assertTrue(o.acted(), "split/merge always possible: " + o);
          }
          for (Instant t : k.updateShardCountCalls) {
            assertTrue(countWithin(k.updateShardCountCalls, t) <= budget,
                "more than " + budget + " UpdateShardCount calls in the 24 h up to " + t);
          }
        });
  }

  private static int countWithin(List<Instant> calls, Instant now) {
    return (int) calls.stream().filter(t -> t.isAfter(now.minus(Duration.ofHours(24))) && !t.isAfter(now)).count();
  }

  @Test
  void oneCallPerApplyAndTheRestOfThePlanIsReported() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 2);
    StreamExecutor ex = new StreamExecutor(ID, config(Map.of()), () -> k, clock);
    ScalingOutcome o = ex.apply(state(k, clock.instant()), to(10));
    assertEquals(List.of("UpdateShardCount 4"), k.calls);
    assertEquals(4, o.toCapacity());
    assertFalse(o.completed());
    assertTrue(o.actions().get(1).contains("plan 2 -> 10 in 3 steps"), o.actions().toString());
  }

  @Test
  void splitMergeStrategyNeverCallsUpdateShardCount() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 3);
    StreamExecutor ex = new StreamExecutor(ID, config(Map.of("reshard_strategy", "split_merge")), () -> k, clock);
    ex.apply(state(k, clock.instant()), to(5));
    ex.apply(state(k, clock.instant()), to(5));
    ex.apply(state(k, clock.instant()), to(2));
    assertEquals(3, k.calls.size());
    assertTrue(k.calls.get(0).startsWith("SplitShard") && k.calls.get(2).startsWith("MergeShards"), k.calls.toString());
  }

  @Test
  void limitExceededBacksOffThisStreamWithoutSpendingTheBudget() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 4);
    StreamExecutor ex = new StreamExecutor(ID, config(Map.of("throttle_backoff", "1m")), () -> k, clock);
    k.failNext = () -> LimitExceededException.builder().message("Rate exceeded for stream orders").build();
    ScalingOutcome o = ex.apply(state(k, clock.instant()), to(8));
    assertFalse(o.acted());
    assertTrue(o.actions().get(0).contains("LimitExceededException"), o.actions().toString());
    clock.advance(Duration.ofSeconds(30));
    ScalingOutcome waiting = ex.apply(state(k, clock.instant()), to(8));
    assertFalse(waiting.acted());
    assertTrue(waiting.actions().get(0).startsWith("backing off until"), waiting.actions().toString());
    assertEquals(1, k.calls.size(), "no call while backing off");
    clock.advance(Duration.ofSeconds(31));
    ScalingOutcome after = ex.apply(state(k, clock.instant()), to(8));
    assertTrue(after.acted());
    assertEquals("UpdateShardCount 8", k.calls.get(1), "a throttle is a back-off, not a spent budget: " + k.calls);
    assertEquals(1, ex.updateCallsInLastDay(), "only the call Kinesis accepted is counted");
  }

  @Test
  void limitExceededOnAMergeDoesNotSpendTheUpdateShardCountBudget() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 8);
    StreamExecutor ex = new StreamExecutor(ID, config(Map.of("scaling_budget_per_day", "3", "scale_up_reserve", "2",
        "throttle_backoff", "1m")), () -> k, clock);
    ex.apply(state(k, clock.instant()), to(6));
    assertEquals(List.of("UpdateShardCount 6"), k.calls);
    k.failNext = () -> LimitExceededException.builder().message("Rate exceeded for account").build();
    assertFalse(ex.apply(state(k, clock.instant()), to(5)).acted());
    assertTrue(k.calls.get(1).startsWith("MergeShards"), k.calls.toString());
    assertEquals(1, ex.updateCallsInLastDay(), "the merge's LimitExceeded is not about UpdateShardCount");
    clock.advance(Duration.ofMinutes(2));
    ex.apply(state(k, clock.instant()), to(8));
    assertEquals("UpdateShardCount 8", k.calls.get(2), "the reserve is still there for scale-ups");
  }

  @Test
  void resourceInUseBacksOffExponentially() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 4);
    StreamExecutor ex = new StreamExecutor(ID, config(Map.of("throttle_backoff", "1m")), () -> k, clock);
    k.failNext = () -> ResourceInUseException.builder().message("busy").build();
    assertFalse(ex.apply(state(k, clock.instant()), to(5)).acted());
    clock.advance(Duration.ofSeconds(61));
    k.failNext = () -> ResourceInUseException.builder().message("busy").build();
    assertFalse(ex.apply(state(k, clock.instant()), to(5)).acted());
    clock.advance(Duration.ofSeconds(61));
    assertTrue(ex.apply(state(k, clock.instant()), to(5)).actions().get(0).startsWith("backing off"),
        "second backoff is 2 min");
    clock.advance(Duration.ofSeconds(60));
    assertTrue(ex.apply(state(k, clock.instant()), to(5)).acted());
  }

  @Test
  void theBudgetIsRestoredFromTheSnapshotAfterARestart() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 4);
    StreamConfig cfg = config(Map.of("scaling_budget_per_day", "2", "scale_up_reserve", "0"));
    StreamExecutor first = new StreamExecutor(ID, cfg, () -> k, clock);
    for (int i = 0; i < 2; i++) {
      first.apply(state(k, clock.instant()), to(k.shards.size() + 1));
      clock.advance(Duration.ofHours(1));
    }
    assertEquals(2, k.updateShardCountCalls.size());
    StreamExecutor restarted = new StreamExecutor(ID, cfg, () -> k, clock);
    restarted.restore(first.snapshot(), Optional.empty());
    assertEquals(2, restarted.updateCallsInLastDay());
    restarted.apply(state(k, clock.instant()), to(k.shards.size() + 1));
    assertTrue(k.calls.get(2).startsWith("SplitShard"), k.calls.toString());
    clock.advance(Duration.ofHours(23));
    assertEquals(0, restarted.updateCallsInLastDay());
  }

  @Test
  void anUnresolvedIntentCountsAgainstTheBudgetAfterARestart() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 4);
    StreamConfig cfg = config(Map.of("scaling_budget_per_day", "1", "scale_up_reserve", "0"));
    StreamExecutor restarted = new StreamExecutor(ID, cfg, () -> k, clock);
    restarted.restore(Map.of(), Optional.of(new dev.themis.history.ResourceMemory.Action(
        dev.themis.ScalingDirection.UP, 4, 5, clock.instant().minus(Duration.ofMinutes(3)), null, false, 0)));
    assertEquals(1, restarted.updateCallsInLastDay());
  }

  @Test
  void theBackOffSurvivesARestart() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 4);
    k.failNext = () -> LimitExceededException.builder().message("Rate exceeded").build();
    StreamConfig cfg = config(Map.of("throttle_backoff", "1m"));
    StreamExecutor first = new StreamExecutor(ID, cfg, () -> k, clock);
    first.apply(state(k, clock.instant()), to(5));
    StreamExecutor restarted = new StreamExecutor(ID, cfg, () -> k, clock);
    restarted.restore(first.snapshot(), Optional.empty());
    assertTrue(restarted.apply(state(k, clock.instant()), to(5)).actions().get(0).startsWith("backing off"));
  }

  @Test
  void onDemandStreamsAreLeftAloneByDefault() {
    ManualClock clock = ManualClock.atEpoch2020();
    FakeKinesis k = new FakeKinesis(clock, 4);
    StreamExecutor ex = new StreamExecutor(ID, config(Map.of()), () -> k, clock);
    StreamSnapshot snap = new StreamSnapshot("orders", "ACTIVE", "ON_DEMAND", Set.of(), List.copyOf(k.shards),
        Map.of(), Duration.ofMinutes(1));
    ScalingOutcome o = ex.apply(new ResourceState(ID, clock.instant(), 4, false, Map.of(), Set.of(), Map.of(), snap),
        to(8));
    assertFalse(o.acted());
    assertTrue(o.actions().get(0).contains("ON_DEMAND stream: left alone"), o.actions().toString());
    assertTrue(k.calls.isEmpty());
  }
}
