package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AutoscalerTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));

  private static ScalingPolicy wants(int target) {
    return ctx -> new ScalingDecision(target, "wants " + target, "fixed");
  }

  private Autoscaler.Builder builder() {
    return Autoscaler.builder().clock(clock).discoverProviders(false);
  }

  private Autoscaler single(FakeResource r, ScalingSettings settings, ScalingPolicy policy) {
    return builder().resource(r.id, settings, r, policy, r).build();
  }

  private static ScalingSettings.Builder noCooldowns() {
    return ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ZERO);
  }

  @Test
  void appliesTheDecisionOfThePolicy() {
    // given
    FakeResource r = new FakeResource("a", 4, 4);
    Autoscaler autoscaler = single(r, noCooldowns().build(), wants(7));
    // when
    TickReport report = autoscaler.tick();
    // then
    assertThat(report.outcomes()).singleElement().isInstanceOf(ResourceOutcome.Applied.class);
    ResourceOutcome.Applied applied = report.applied().get(0);
    assertThat(applied.result().fromCapacity()).isEqualTo(4);
    assertThat(applied.result().toCapacity()).isEqualTo(7);
    assertThat(r.capacity).isEqualTo(7);
    assertThat(autoscaler.history().latest(r.id, 10)).containsExactly(applied);
  }

  @Test
  void holdsWhenThePolicyWantsNoChange() {
    FakeResource r = new FakeResource("a", 4, 4);
    TickReport report = single(r, noCooldowns().build(), wants(4)).tick();
    assertThat(report.outcomes()).singleElement().isInstanceOf(ResourceOutcome.Held.class);
    assertThat(report.outcomes().get(0).reasons()).anySatisfy(s -> assertThat(s).startsWith("no change"));
    assertThat(r.applied).isEmpty();
  }

  @Test
  void aFailingMonitorPolicyOrExecutorFailsOnlyItsOwnResource() {
    // given three failing resources and a healthy one
    FakeResource badMonitor = new FakeResource("a-monitor", 2, 1);
    badMonitor.failObserve = new IllegalStateException("ThrottlingException: Rate exceeded");
    FakeResource badPolicy = new FakeResource("b-policy", 2, 1);
    FakeResource badExecutor = new FakeResource("c-executor", 2, 1);
    badExecutor.failApply = new RuntimeException("500 Internal Server Error");
    FakeResource healthy = new FakeResource("d-healthy", 2, 1);
    Autoscaler autoscaler = builder()
        .resource(badMonitor.id, noCooldowns().build(), badMonitor, wants(5), badMonitor)
        .resource(badPolicy.id, noCooldowns().build(), badPolicy, ctx -> {
          throw new ArithmeticException("/ by zero");
        }, badPolicy)
        .resource(badExecutor.id, noCooldowns().build(), badExecutor, wants(5), badExecutor)
        .resource(healthy.id, noCooldowns().build(), healthy, wants(5), healthy)
        .build();
    // when
    TickReport report = autoscaler.tick();
    // then
    assertThat(report.outcomes()).hasSize(4);
    assertThat(report.failures()).extracting(ResourceOutcome.Failed::stage)
        .containsExactly(ResourceOutcome.Stage.OBSERVE, ResourceOutcome.Stage.DECIDE, ResourceOutcome.Stage.APPLY);
    assertThat(report.failures().get(0).reasons().get(0)).contains("Rate exceeded");
    assertThat(report.outcome(healthy.id)).get().isInstanceOf(ResourceOutcome.Applied.class);
    assertThat(healthy.capacity).isEqualTo(5);
  }

  @Test
  void aListenerThatThrowsChangesNothing() {
    FakeResource r = new FakeResource("a", 2, 2);
    List<ResourceOutcome> seen = new ArrayList<>();
    Autoscaler autoscaler = builder()
        .resource(r.id, noCooldowns().build(), r, wants(3), r)
        .listener(new AutoscalerListener() {
          @Override
          public void onOutcome(ResourceOutcome outcome) {
            throw new IllegalStateException("listener bug");
          }
        })
        .listener(new AutoscalerListener() {
          @Override
          public void onApplied(ResourceOutcome.Applied applied) {
            seen.add(applied);
          }
        })
        .build();
    TickReport report = autoscaler.tick();
    assertThat(report.applied()).hasSize(1);
    assertThat(seen).hasSize(1);
  }

  @Test
  void dryRunDecidesButChangesNothing() {
    FakeResource r = new FakeResource("a", 2, 2);
    Autoscaler autoscaler = builder().dryRun(true).resource(r.id, noCooldowns().build(), r, wants(6), r).build();
    TickReport report = autoscaler.tick();
    assertThat(report.outcomes()).singleElement().isInstanceOf(ResourceOutcome.DryRun.class);
    assertThat(report.outcomes().get(0).decision().targetCapacity()).isEqualTo(6);
    assertThat(r.applied).isEmpty();
  }

  @Test
  void clampsToBoundsAndSaysSo() {
    FakeResource r = new FakeResource("a", 5, 5);
    TickReport report = single(r, noCooldowns().minCapacity(2).maxCapacity(8).build(), wants(30)).tick();
    assertThat(r.capacity).isEqualTo(8);
    assertThat(report.outcomes().get(0).reasons()).contains("bounds: target 30 capped at max 8");
  }

  @Test
  void noNewActionWhileOneIsInFlightAndCooldownRunsFromCompletion() {
    // given an executor whose changes complete asynchronously, and a 10-minute scale-up cooldown
    FakeResource r = new FakeResource("a", 2, 2);
    r.completeSynchronously = false;
    Autoscaler autoscaler = single(r, noCooldowns().scaleUpCooldown(Duration.ofMinutes(10)).build(), ctx ->
        new ScalingDecision(ctx.capacity() + 1, "one more", "grow"));
    // when the first action starts
    assertThat(autoscaler.tick().applied()).hasSize(1);
    // then nothing happens while it is in flight, however long it takes
    clock.advance(Duration.ofMinutes(30));
    TickReport whileInFlight = autoscaler.tick();
    assertThat(whileInFlight.outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(whileInFlight.outcomes().get(0).reasons().get(0)).startsWith("in flight");
    // when it completes (observed at t+35m), the cooldown starts then, not at t
    clock.advance(Duration.ofMinutes(5));
    r.inFlight = false;
    TickReport completed = autoscaler.tick();
    assertThat(completed.outcomes().get(0).reasons()).anySatisfy(s -> assertThat(s).startsWith("cooldown: scale-up completed "));
    clock.advance(Duration.ofMinutes(9));
    assertThat(autoscaler.tick().applied()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(autoscaler.tick().applied()).hasSize(1);
  }

  @Test
  void scaleDownIsStabilisedToTheHighestRecentRecommendation() {
    FakeResource r = new FakeResource("a", 10, 10);
    int[] wanted = {10};
    Autoscaler autoscaler = single(r, ScalingSettings.builder().cooldown(Duration.ZERO)
        .scaleDownStabilization(Duration.ofMinutes(5)).build(), ctx -> new ScalingDecision(wanted[0], "w", "p"));
    autoscaler.tick(); // recommends 10 at t0
    clock.advance(Duration.ofMinutes(2));
    wanted[0] = 4;
    TickReport report = autoscaler.tick();
    assertThat(report.outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(report.outcomes().get(0).reasons().get(0)).isEqualTo("scale-down stabilisation: highest recommendation in the last 5m is 10 (at "
        + Guards.time(clock.instant().minus(Duration.ofMinutes(2)), clock.instant(), java.time.ZoneOffset.UTC)
        + "); target 4 raised to 10");
    clock.advance(Duration.ofMinutes(4)); // the recommendation of 10 is now older than 5 minutes
    autoscaler.tick();
    assertThat(r.capacity).isEqualTo(4);
  }

  @Test
  void neverScalesDownOnMissingMetricsAndAppliesTheFallbackFloor() {
    FakeResource r = new FakeResource("a", 6, 1);
    r.missing = java.util.Set.of("tasknodes.average.cpu");
    Autoscaler holding = single(r, noCooldowns().build(), wants(1));
    TickReport report = holding.tick();
    assertThat(r.capacity).isEqualTo(6);
    assertThat(report.outcomes().get(0).reasons())
        .anySatisfy(s -> assertThat(s).contains("never scales down"));

    FakeResource s = new FakeResource("b", 2, 1);
    s.missing = java.util.Set.of("stream.IncomingBytes");
    single(s, noCooldowns().missingMetricsFallback(5).build(), wants(1)).tick();
    assertThat(s.capacity).isEqualTo(5);
  }

  @Test
  void stepLimitsToleranceAndPause() {
    FakeResource r = new FakeResource("a", 10, 10);
    single(r, noCooldowns().maxStep(3).maxStepPercent(20).build(), wants(40)).tick();
    assertThat(r.capacity).isEqualTo(12); // 20 % of 10 = 2 is stricter than 3

    FakeResource t = new FakeResource("b", 10, 10);
    TickReport tolerated = single(t, noCooldowns().tolerance(0.1).build(), wants(11)).tick();
    assertThat(t.applied).isEmpty();
    assertThat(tolerated.outcomes().get(0).reasons().get(0)).startsWith("tolerance: ");

    FakeResource p = new FakeResource("c", 10, 10);
    TickReport paused = single(p, noCooldowns().pauseScaleDown(true).build(), wants(3)).tick();
    assertThat(p.applied).isEmpty();
    assertThat(paused.outcomes().get(0).reasons()).contains("pause: scale-down paused (wanted 10 -> 3)");
  }

  @Test
  void concurrentTicksNeverActTwiceOnOneResource() throws Exception {
    // given a policy that blocks the first tick inside the resource until the second tick has run
    FakeResource r = new FakeResource("a", 1, 1);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Autoscaler autoscaler = single(r, noCooldowns().build(), ctx -> {
      inside.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ScalingDecision(ctx.capacity() + 1, "grow", "p");
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<TickReport> first = pool.submit(autoscaler::tick);
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      // when a second tick runs while the first holds the resource
      TickReport second = autoscaler.tick();
      release.countDown();
      // then the second holds and only the first acts
      assertThat(second.outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
      assertThat(second.outcomes().get(0).reasons()).containsExactly("another tick is acting on this resource");
      assertThat(first.get(10, TimeUnit.SECONDS).applied()).hasSize(1);
      assertThat(r.applied).containsExactly(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runsResourcesOnTheHostsExecutorWhenGiven() {
    FakeResource a = new FakeResource("a", 1, 1);
    FakeResource b = new FakeResource("b", 1, 1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Autoscaler autoscaler = builder().executor(pool)
          .resource(a.id, noCooldowns().build(), a, wants(3), a)
          .resource(b.id, noCooldowns().build(), b, wants(4), b)
          .build();
      TickReport report = autoscaler.tick();
      assertThat(report.outcomes()).extracting(ResourceOutcome::resource).containsExactly(a.id, b.id);
      assertThat(a.capacity).isEqualTo(3);
      assertThat(b.capacity).isEqualTo(4);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void costsAreAccountedFromHistory() {
    FakeResource r = new FakeResource("a", 10, 10);
    Autoscaler autoscaler = single(r, noCooldowns().build(), ctx -> new ScalingDecision(
        ctx.now().equals(Instant.parse("2016-05-31T02:00:00Z")) ? 5 : ctx.capacity(), "w", "p"));
    autoscaler.tick(); // 10 units from 01:00
    clock.advance(Duration.ofHours(1));
    autoscaler.tick(); // 5 units from 02:00
    clock.advance(Duration.ofHours(1));
    var report = autoscaler.costs(r.id, Duration.ofHours(2), 20, dev.themis.cost.PriceCatalogue.flat(0.5));
    assertThat(report.unitHours()).isEqualTo(15.0);
    assertThat(report.cost()).isEqualTo(7.5);
    assertThat(report.baselineCost()).isEqualTo(20.0);
    assertThat(report.saved()).isEqualTo(12.5);
  }
}
