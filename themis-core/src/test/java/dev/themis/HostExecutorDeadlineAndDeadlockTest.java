package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import dev.themis.spi.ResourceMonitor;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 9: a monitor hanging on the host's executor stalled the whole tick, and a pool that both called
 * {@code tick()} and was the builder's executor never completed a tick (the README's pattern deadlocked). A
 * resource past its deadline is {@code Failed} (timeout) while the others finish, its late observation is dropped,
 * and the calling thread runs what the pool has not started.
 */
class HostExecutorDeadlineAndDeadlockTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));

  private static ScalingPolicy wants(int target) {
    return ctx -> new ScalingDecision(target, "wants " + target, "fixed");
  }

  private static ScalingSettings noCooldowns() {
    return ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ZERO).build();
  }

  @Test
  void aHangingMonitorFailsWithATimeoutWhileTheOthersFinishAndItsLateResultIsDropped() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch lateDone = new CountDownLatch(1);
      FakeResource hung = new FakeResource("a-hung", 2, 1);
      ResourceMonitor hanging = (now, window) -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return hung.observe(now, window);
      };
      FakeResource fine = new FakeResource("b-fine", 2, 1);
      Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).executor(pool)
          .resourceDeadline(Duration.ofMillis(300))
          .listener(new AutoscalerListener() {
            @Override
            public void onOutcome(ResourceOutcome o) {
              if (o.resource().equals(hung.id)) {
                lateDone.countDown();
              }
            }
          })
          .resource(hung.id, noCooldowns(), hanging, wants(5), hung)
          .resource(fine.id, noCooldowns(), fine, wants(5), fine)
          .build();

      TickReport report = a.tick();

      ResourceOutcome timedOut = report.outcome(hung.id).orElseThrow();
      assertThat(timedOut).isInstanceOf(ResourceOutcome.Failed.class);
      assertThat(timedOut.reasons().get(0)).startsWith("timeout: no outcome within the resource deadline of");
      assertThat(report.outcome(fine.id).orElseThrow()).isInstanceOf(ResourceOutcome.Applied.class);
      assertThat(fine.capacity).isEqualTo(5);

      release.countDown();
      assertThat(lateDone.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(hung.applied).as("the late observation is not acted on").isEmpty();
      assertThat(a.history().latest(hung.id, 1)).singleElement().satisfies(o -> assertThat(o.reasons().get(0))
          .isEqualTo("observation arrived after the resource deadline; dropped, nothing decided or applied"));

      clock.advance(Duration.ofMinutes(1));
      assertThat(a.tick().outcome(hung.id).orElseThrow()).as("the next tick acts normally")
          .isInstanceOf(ResourceOutcome.Applied.class);
      assertThat(hung.applied).containsExactly(5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPoolThatCallsTickAndRunsItsResourcesCompletesEveryTick() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      FakeResource r1 = new FakeResource("a", 2, 1);
      FakeResource r2 = new FakeResource("b", 2, 1);
      Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).executor(pool)
          .resource(r1.id, noCooldowns(), r1, wants(4), r1)
          .resource(r2.id, noCooldowns(), r2, wants(6), r2)
          .build();
      Future<TickReport> tick = pool.submit(a::tick);
      TickReport report = tick.get(30, TimeUnit.SECONDS);
      assertThat(report.applied()).hasSize(2);
      assertThat(r1.capacity).isEqualTo(4);
      assertThat(r2.capacity).isEqualTo(6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRejectingExecutorOnlyCostsParallelism() {
    FakeResource r = new FakeResource("a", 2, 1);
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false)
        .executor(task -> {
          throw new java.util.concurrent.RejectedExecutionException("pool is shut down");
        })
        .resource(r.id, noCooldowns(), r, wants(3), r).build();
    assertThat(a.tick().outcome(r.id).orElseThrow()).isInstanceOf(ResourceOutcome.Applied.class);
  }
}
