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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Hardening issue, item 1 (a variant): CloudWatch answering PartialData on its last page delivered only part of the
 * window. The load metrics are then missing, as with an empty answer, and missing never scales down.
 */
class PartialDataIsMissingTest extends EmulatorAndCloudWatchTestBase {
  @Test
  void aPartialLastPageMakesTheLoadMetricsMissing(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(k, s, 4);
    cloudWatch.values(s, (metric, shard) -> 0.0); // looks idle...
    cloudWatch.status(s, "PartialData"); // ...but CloudWatch says it did not deliver everything
    Autoscaler a = autoscaler(ManualClock.atEpoch2020(), k)
        .resource(ResourceSpec.of("kinesis", s, settings()), c -> new ScalingDecision(1, "scale in", "fixed"))
        .build();

    ResourceOutcome o = a.tick().outcome(ResourceId.of("kinesis", s)).orElseThrow();

    ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(held.state().missingMetrics().containsAll(List.of("stream.IncomingBytes", "stream.IncomingRecords")),
        held.state().missingMetrics().toString());
    assertTrue(held.reasons().toString().contains("never scales down"), held.reasons().toString());
    assertEquals(4, KinesisEmulator.openShards(k, s).size());
  }
}
