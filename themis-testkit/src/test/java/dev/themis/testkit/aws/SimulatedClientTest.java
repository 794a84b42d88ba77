package dev.themis.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.clock.ManualClock;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;

class SimulatedClientTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));

  private SimulatedKinesis kinesis() {
    SimulatedKinesis k = SimulatedKinesis.builder(clock).build();
    k.createStream("s", 2);
    return k;
  }

  /** Which of {@code n} DescribeStreamSummary calls failed, as call indexes. */
  private static List<Integer> failedCalls(SimulatedKinesis k, int n) {
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        k.describeStreamSummary(b -> b.streamName("s"));
      } catch (LimitExceededException e) {
        failed.add(i);
      }
    }
    return failed;
  }

  @Test
  void randomFailuresAreTheSameCallsForTheSameSeedAndCountedAsCalls() {
    SimulatedKinesis a = kinesis();
    SimulatedKinesis b = kinesis();
    SimulatedKinesis c = kinesis();
    a.failRandomly("DescribeStreamSummary", 0.25, 42, SimulatedKinesis::throttling);
    b.failRandomly("DescribeStreamSummary", 0.25, 42, SimulatedKinesis::throttling);
    c.failRandomly("DescribeStreamSummary", 0.25, 43, SimulatedKinesis::throttling);

    List<Integer> failedA = failedCalls(a, 400);

    assertEquals(failedA, failedCalls(b, 400));
    assertNotEquals(failedA, failedCalls(c, 400));
    assertTrue(failedA.size() > 60 && failedA.size() < 140, "about a quarter of 400 calls: " + failedA.size());
    assertEquals(400L, a.totalCalls());
    assertEquals(failedA.size(), a.injectedFailures());
  }

  @Test
  void randomFailuresHitOnlyTheirOperation() {
    SimulatedKinesis k = kinesis();
    k.failRandomly("UpdateShardCount", 1.0, 1, SimulatedKinesis::throttling);

    assertEquals(List.of(), failedCalls(k, 20));
    assertThrows(LimitExceededException.class, () -> k.updateShardCount(b -> b.streamName("s")
        .targetShardCount(4).scalingType("UNIFORM_SCALING")));
    assertEquals(Map.of("DescribeStreamSummary", 20L, "UpdateShardCount", 1L), k.calls());
  }

  @Test
  void aScriptedFailureComesFirstAndProbabilityZeroStopsRandomOnes() {
    SimulatedKinesis k = kinesis();
    k.failNext("DescribeStreamSummary", () -> SimulatedKinesis.serviceError("InternalFailure", 500));
    k.failRandomly("DescribeStreamSummary", 1.0, 7, SimulatedKinesis::throttling);

    AwsServiceException first = assertThrows(KinesisException.class,
        () -> k.describeStreamSummary(b -> b.streamName("s")));
    assertEquals("InternalFailure", first.awsErrorDetails().errorCode());
    assertEquals(500, first.statusCode());
    assertThrows(LimitExceededException.class, () -> k.describeStreamSummary(b -> b.streamName("s")));
    k.failRandomly("DescribeStreamSummary", 0, 7, SimulatedKinesis::throttling);

    assertEquals(List.of(), failedCalls(k, 10));
    assertEquals(2L, k.injectedFailures());
    k.resetCalls();
    assertEquals(0L, k.injectedFailures());
    assertEquals(0L, k.totalCalls());
  }

  @Test
  void aScriptedFailureTakesItsCallsDrawSoTheRandomOnesDoNotShift() {
    SimulatedKinesis plain = kinesis();
    SimulatedKinesis scripted = kinesis();
    plain.failRandomly("DescribeStreamSummary", 0.5, 9, SimulatedKinesis::throttling);
    scripted.failRandomly("DescribeStreamSummary", 0.5, 9, SimulatedKinesis::throttling);
    scripted.failNext("DescribeStreamSummary", () -> new IllegalStateException("scripted"));

    List<Integer> failedPlain = failedCalls(plain, 50);
    assertThrows(IllegalStateException.class, () -> scripted.describeStreamSummary(b -> b.streamName("s")));
    List<Integer> failedAfter = failedCalls(scripted, 49);

    assertEquals(failedPlain.stream().filter(i -> i > 0).map(i -> i - 1).toList(), failedAfter);
  }

  @Test
  void probabilityOutsideZeroToOneIsRejectedWithItsValue() {
    SimulatedKinesis k = kinesis();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> k.failRandomly("ListShards", 1.5, 1, SimulatedKinesis::throttling));
    assertEquals("probability: must be within [0, 1], was 1.5", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> k.failRandomly("ListShards", Double.NaN, 1, SimulatedKinesis::throttling));
  }

  @Test
  void awsErrorsCarryTheServiceCodeStatusAndBothMessages() {
    EmrException e = AwsErrors.of("EMR").error(EmrException.builder(), EmrException.class, "InternalError", 503,
        "We encountered an internal error.", "internal error");

    assertEquals("InternalError", e.awsErrorDetails().errorCode());
    assertEquals("internal error", e.awsErrorDetails().errorMessage());
    assertEquals("EMR", e.awsErrorDetails().serviceName());
    assertEquals(503, e.statusCode());
    assertTrue(e.getMessage().startsWith("We encountered an internal error."), e.getMessage());
  }
}
