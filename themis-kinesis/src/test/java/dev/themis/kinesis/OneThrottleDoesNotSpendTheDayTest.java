package dev.themis.kinesis;

import static dev.themis.kinesis.KinesisEmulatorTest.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.ScalingDecision;
import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;

/**
 * Issue 14, item 3: a single LimitExceededException on UpdateShardCount marked the day's budget spent, so the next
 * reshard came 199 minutes later instead of after the back-off. A throttle is a back-off, not a spent budget.
 */
class OneThrottleDoesNotSpendTheDayTest extends EmulatorAndCloudWatchTestBase {
  @Test
  void afterTheBackOffUpdateShardCountIsCalledAgainWithTheWholeBudget(KinesisEmulator e, TestInfo info) {
    KinesisClient real = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(real, s, 2);
    AtomicBoolean throttled = new AtomicBoolean();
    KinesisClient k = Faults.wrap(real, (op, req, r) -> {
      if (req instanceof UpdateShardCountRequest && throttled.compareAndSet(false, true)) {
        throw LimitExceededException.builder().message("Rate exceeded for stream " + s).build();
      }
      return null;
    });
    ManualClock clock = ManualClock.atEpoch2020();
    Autoscaler a = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", s, settings("scaling_budget_per_day", "4", "scale_up_reserve", "0",
            "throttle_backoff", "2m")), c -> new ScalingDecision(4, "test", "fixed"))
        .build();
    ResourceId id = ResourceId.of("kinesis", s);
    ResourceOutcome first = a.tick().outcome(id).orElseThrow();
    assertInstanceOf(ResourceOutcome.Held.class, first, first::toString);
    assertTrue(first.reasons().toString().contains("LimitExceededException from Kinesis: backing off until"),
        first.reasons().toString());

    clock.advance(Duration.ofMinutes(2));
    ResourceOutcome after = a.tick().outcome(id).orElseThrow();
    ResourceOutcome.Applied applied = assertInstanceOf(ResourceOutcome.Applied.class, after, after::toString);
    assertEquals("UpdateShardCount 2 -> 4", applied.result().actions().get(0));
    assertTrue(applied.result().actions().contains("UpdateShardCount calls in the last 24 h: 1 of 4"),
        applied.result().actions().toString());
    KinesisEmulator.awaitActive(real, s);
    assertEquals(4, KinesisEmulator.openShards(real, s).size());
  }
}
