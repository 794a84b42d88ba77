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
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;

/**
 * Issue 14, item 2: UpdateShardCount succeeded at Kinesis while the client timed out, and the call was not counted:
 * a stream made 10 calls in 24 h against a budget of 4. A mutating call whose result is unknown is reported started
 * ("result unknown ... counted as applied") and uses the budget.
 */
class UnknownReshardResultCountsAsAppliedTest extends EmulatorAndCloudWatchTestBase {
  @Test
  void aTimedOutUpdateShardCountThatKinesisAppliedUsesTheBudget(KinesisEmulator e, TestInfo info) {
    KinesisClient real = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(real, s, 2);
    List<Integer> applied = new ArrayList<>();
    // Kinesis applies the call; the answer never reaches the client.
    KinesisClient k = Faults.wrap(real, (op, req, r) -> {
      if (req instanceof UpdateShardCountRequest u) {
        r.updateShardCount(u);
        applied.add(u.targetShardCount());
        throw ApiCallTimeoutException.create(2000);
      }
      return null;
    });
    ManualClock clock = ManualClock.atEpoch2020();
    AtomicInteger target = new AtomicInteger(3);
    Autoscaler a = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", s, settings("scaling_budget_per_day", "2", "scale_up_reserve", "0",
            "scale_up_cooldown", "0")), c -> new ScalingDecision(target.get(), "test", "fixed"))
        .build();
    ResourceId id = ResourceId.of("kinesis", s);
    for (int i = 0; i < 6; i++) {
      TickReport r = a.tick();
      ResourceOutcome o = r.outcome(id).orElseThrow();
      if (i == 0) {
        ResourceOutcome.Applied first = assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
        assertEquals("UpdateShardCount 2 -> 3: result unknown (timeout): counted as applied",
            first.result().actions().get(0));
        assertTrue(first.result().actions().toString().contains("UpdateShardCount calls in the last 24 h: 1 of 2"),
            first.result().actions().toString());
      }
      KinesisEmulator.awaitActive(real, s);
      target.set(KinesisEmulator.openShards(real, s).size() + 1);
      clock.advance(Duration.ofMinutes(5));
    }
    assertEquals(2, applied.size(), "budget of 2 per 24 h, calls made: " + applied);
  }

  @Test
  void aServerErrorOnMergeIsStartedNotFailed(KinesisEmulator e, TestInfo info) {
    KinesisClient real = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(real, s, 3);
    KinesisClient k = Faults.wrap(real, (op, req, r) -> {
      if (op.equals("mergeShards") || op.equals("updateShardCount")) {
        throw KinesisException.builder().message("We encountered an internal error").statusCode(500).build();
      }
      return null;
    });
    ManualClock clock = ManualClock.atEpoch2020();
    Autoscaler a = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", s, settings("reshard_strategy", "split_merge")),
            c -> new ScalingDecision(2, "test", "fixed"))
        .build();
    ResourceOutcome o = a.tick().outcome(ResourceId.of("kinesis", s)).orElseThrow();
    ResourceOutcome.Applied started = assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertTrue(started.result().actions().get(0).startsWith("MergeShards"), started.result().actions().toString());
    assertTrue(started.result().actions().get(0).endsWith("result unknown (HTTP 500): counted as applied"),
        started.result().actions().toString());
  }
}
