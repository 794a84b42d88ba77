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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Issue 14, item 1: CloudWatch answering Complete with no datapoints for two hours took a loaded stream from 10 shards
 * to 1, with no metric reported missing. A load metric without datapoints is missing, and missing never scales down.
 */
class EmptyDatapointsAreMissingTest extends EmulatorAndCloudWatchTestBase {
  @Test
  void completeAnswersWithoutDatapointsHoldTheStreamForHours(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(k, s, 4);
    // Every query answered "Complete" with no timestamps and no values.
    cloudWatch.values(s, (metric, shard) -> null);
    ManualClock clock = ManualClock.atEpoch2020();
    Autoscaler a = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", s, settings("enable_enhanced_monitoring", "true")),
            // A policy that reads "no load" as "scale in" (as the zero-filled series did).
            c -> new ScalingDecision(c.state().metric("stream.IncomingBytes.average").orElse(0.0) > 0 ? 4 : 1,
                "test", "fixed"))
        .resource(ResourceSpec.of("kinesis", s + "-d", settings()))
        .build();
    KinesisEmulator.createStream(k, s + "-d", 4);
    cloudWatch.values(s + "-d", (metric, shard) -> null);
    ResourceId id = ResourceId.of("kinesis", s);
    for (int minute = 0; minute <= 120; minute += 10) {
      TickReport r = a.tick();
      ResourceOutcome o = r.outcome(id).orElseThrow();
      if (minute > 0) { // the first tick enables shard-level metrics (the stream is briefly UPDATING)
        ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
        assertTrue(held.state().missingMetrics().containsAll(List.of("stream.IncomingBytes",
            "stream.IncomingRecords", "shards.IncomingBytes", "shards.IncomingRecords")),
            held.state().missingMetrics().toString());
        assertTrue(held.reasons().toString().contains("never scales down"), held.reasons().toString());
      }
      ResourceOutcome d = r.outcome(ResourceId.of("kinesis", s + "-d")).orElseThrow();
      assertInstanceOf(ResourceOutcome.Held.class, d, "the default expressions do not scale on it: " + d);
      KinesisEmulator.awaitActive(k, s);
      clock.advance(Duration.ofMinutes(10));
    }
    assertEquals(4, KinesisEmulator.openShards(k, s).size());
    assertEquals(4, KinesisEmulator.openShards(k, s + "-d").size());
  }
}
