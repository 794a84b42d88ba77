package dev.themis.kinesis;

import static dev.themis.kinesis.KinesisEmulatorTest.MIB_MINUTE;
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
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;

/**
 * Throttling, a stream deleted in the middle of a tick, a stream stuck UPDATING, on-demand streams and the
 * enhanced-monitoring toggle, against the emulator (faults injected around the real client) and CloudWatch in
 * WireMock. One stream's trouble never fails another's.
 */
class KinesisFailureModesTest extends EmulatorAndCloudWatchTestBase {
  static ScalingPolicy fixed(AtomicInteger target) {
    return c -> new ScalingDecision(target.get(), "test target " + target.get(), "fixed");
  }

  @Test
  void limitExceededOnOneStreamBacksItOffWhileTheOtherScales(KinesisEmulator e, TestInfo info) {
    KinesisClient real = e.client();
    String limited = KinesisEmulatorTest.name(info) + "-a";
    String fine = KinesisEmulatorTest.name(info) + "-b";
    KinesisEmulator.createStream(real, limited, 2);
    KinesisEmulator.createStream(real, fine, 2);
    AtomicInteger throttles = new AtomicInteger();
    KinesisClient k = Faults.wrap(real, (op, req, r) -> {
      if (req instanceof UpdateShardCountRequest u && u.streamName().equals(limited)
          && throttles.getAndIncrement() == 0) {
        throw LimitExceededException.builder().message("Rate exceeded for stream " + limited).build();
      }
      return null;
    });
    ManualClock clock = ManualClock.atEpoch2020();
    AtomicInteger target = new AtomicInteger(3);
    Autoscaler a = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", limited, settings("throttle_backoff", "2m")), fixed(target))
        .resource(ResourceSpec.of("kinesis", fine, settings()), fixed(target)).build();
    TickReport r = a.tick();
    ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class,
        r.outcome(ResourceId.of("kinesis", limited)).orElseThrow());
    assertTrue(held.reasons().toString().contains("LimitExceededException from Kinesis: backing off until"),
        held.reasons().toString());
    assertInstanceOf(ResourceOutcome.Applied.class, r.outcome(ResourceId.of("kinesis", fine)).orElseThrow());
    KinesisEmulator.awaitActive(real, fine);

    clock.advance(Duration.ofMinutes(1));
    TickReport waiting = a.tick();
    assertTrue(waiting.outcome(ResourceId.of("kinesis", limited)).orElseThrow().reasons().toString()
        .contains("backing off until"));
    clock.advance(Duration.ofMinutes(2));
    TickReport after = a.tick();
    ResourceOutcome.Applied split = assertInstanceOf(ResourceOutcome.Applied.class,
        after.outcome(ResourceId.of("kinesis", limited)).orElseThrow(),
        () -> after.outcome(ResourceId.of("kinesis", limited)).toString());
    assertTrue(split.result().actions().get(0).startsWith("UpdateShardCount"),
        "a throttle is a back-off, not a spent budget: " + split.result().actions());
    KinesisEmulator.awaitActive(real, limited);
    assertEquals(3, KinesisEmulator.openShards(real, limited).size());
  }

  @Test
  void cloudWatchThrottlingMeansMissingMetricsAndNoScaleDownNotAFailure(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(k, s, 2);
    cloudWatch.throttle();
    try {
      ManualClock clock = ManualClock.atEpoch2020();
      Autoscaler a = autoscaler(clock, k).resource(ResourceSpec.of("kinesis", s, settings()),
          fixed(new AtomicInteger(1))).build();
      TickReport r = a.tick();
      ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class,
          r.outcome(ResourceId.of("kinesis", s)).orElseThrow(), () -> r.outcome(ResourceId.of("kinesis", s)).toString());
      assertTrue(held.state().missingMetrics().contains("stream.IncomingBytes"), held.state().missingMetrics().toString());
      assertTrue(held.reasons().toString().contains("never scales down"), held.reasons().toString());
      assertEquals(2, KinesisEmulator.openShards(k, s).size());
    } finally {
      cloudWatch.reset();
    }
  }

  @Test
  void aStreamDeletedMidTickFailsAloneAndTheOthersCarryOn(KinesisEmulator e, TestInfo info) {
    KinesisClient real = e.client();
    String doomed = KinesisEmulatorTest.name(info) + "-a";
    String other = KinesisEmulatorTest.name(info) + "-b";
    KinesisEmulator.createStream(real, doomed, 2);
    KinesisEmulator.createStream(real, other, 2);
    // The stream is deleted after DescribeStreamSummary answered and before ListShards runs.
    KinesisClient k = Faults.wrap(real, (op, req, r) -> {
      if (req instanceof ListShardsRequest l && doomed.equals(l.streamName())) {
        r.deleteStream(d -> d.streamName(doomed));
        KinesisEmulator.awaitDeleted(r, doomed);
      }
      return null;
    });
    ManualClock clock = ManualClock.atEpoch2020();
    AtomicInteger target = new AtomicInteger(3);
    Autoscaler a = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", doomed, settings()), fixed(target))
        .resource(ResourceSpec.of("kinesis", other, settings()), fixed(target)).build();
    TickReport r = a.tick();
    ResourceOutcome.Failed failed = assertInstanceOf(ResourceOutcome.Failed.class,
        r.outcome(ResourceId.of("kinesis", doomed)).orElseThrow());
    assertEquals(ResourceOutcome.Stage.OBSERVE, failed.stage());
    assertTrue(failed.reasons().get(0).contains("disappeared while its shards were being listed"),
        failed.reasons().toString());
    assertInstanceOf(ResourceOutcome.Applied.class, r.outcome(ResourceId.of("kinesis", other)).orElseThrow());
    clock.advance(Duration.ofMinutes(1));
    TickReport next = a.tick();
    assertInstanceOf(ResourceOutcome.Failed.class, next.outcome(ResourceId.of("kinesis", doomed)).orElseThrow());
  }

  @Test
  void aStreamStuckUpdatingIsHeldInFlightForHoursWithoutAnyCall(KinesisEmulator e, TestInfo info) {
    KinesisClient real = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(real, s, 2);
    CallCounter calls = new CallCounter();
    KinesisClient counted = e.client(calls);
    KinesisClient k = Faults.wrap(counted, (op, req, r) -> {
      if (req instanceof DescribeStreamSummaryRequest d) {
        DescribeStreamSummaryResponse resp = r.describeStreamSummary(d);
        return resp.toBuilder().streamDescriptionSummary(
            resp.streamDescriptionSummary().toBuilder().streamStatus(StreamStatus.UPDATING).build()).build();
      }
      return null;
    });
    ManualClock clock = ManualClock.atEpoch2020();
    Autoscaler a = autoscaler(clock, k).resource(ResourceSpec.of("kinesis", s, settings()),
        fixed(new AtomicInteger(4))).build();
    ResourceId id = ResourceId.of("kinesis", s);
    double lastUpdating = -1;
    for (int i = 0; i < 12; i++) {
      TickReport r = a.tick();
      ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class, r.outcome(id).orElseThrow());
      assertTrue(held.state().inFlight());
      assertTrue(held.reasons().get(0).startsWith("in flight"), held.reasons().toString());
      double updating = held.state().metric("status.updating_seconds").orElseThrow();
      assertTrue(updating > lastUpdating);
      lastUpdating = updating;
      clock.advance(Duration.ofMinutes(30));
    }
    assertEquals(5.5 * 3600, lastUpdating);
    assertTrue(calls.snapshot().keySet().stream().noneMatch(op -> op.contains("UpdateShardCount")
        || op.contains("SplitShard") || op.contains("MergeShards")), calls.snapshot().toString());
    assertEquals(2, KinesisEmulator.openShards(real, s).size());
  }

  @Test
  void onDemandStreamsAreReportedAndLeftAloneUnlessConfiguredToSwitch(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    k.createStream(r -> r.streamName(s).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
    KinesisEmulator.awaitActive(k, s);
    int shards = KinesisEmulator.openShards(k, s).size();
    ResourceId id = ResourceId.of("kinesis", s);
    ManualClock clock = ManualClock.atEpoch2020();
    AtomicInteger target = new AtomicInteger(shards + 1);

    Autoscaler ignoring = autoscaler(clock, k).resource(ResourceSpec.of("kinesis", s, settings()), fixed(target))
        .build();
    TickReport r = ignoring.tick();
    ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class, r.outcome(id).orElseThrow());
    assertEquals(1.0, held.state().metric("stream.on_demand").orElseThrow());
    assertTrue(held.reasons().toString().contains("ON_DEMAND stream: left alone"), held.reasons().toString());
    assertEquals(shards, KinesisEmulator.openShards(k, s).size());

    Autoscaler switching = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", s, settings("on_demand", "provisioned")), fixed(target)).build();
    TickReport sw = switching.tick();
    ResourceOutcome.Applied applied = assertInstanceOf(ResourceOutcome.Applied.class, sw.outcome(id).orElseThrow(),
        () -> sw.outcome(id).toString());
    assertTrue(applied.result().actions().get(0).startsWith("UpdateStreamMode PROVISIONED"));
    KinesisEmulator.awaitActive(k, s);
    assertEquals(StreamMode.PROVISIONED, k.describeStreamSummary(x -> x.streamName(s)).streamDescriptionSummary()
        .streamModeDetails().streamMode());
    clock.advance(Duration.ofMinutes(5));
    TickReport scaled = switching.tick();
    assertInstanceOf(ResourceOutcome.Applied.class, scaled.outcome(id).orElseThrow(), () -> scaled.outcome(id)
        .toString());
    KinesisEmulator.awaitActive(k, s);
    assertEquals(shards + 1, KinesisEmulator.openShards(k, s).size());
  }

  @Test
  void regressionOriginalCouldNeverDisableEnhancedMonitoring(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(k, s, 1);
    cloudWatch.values(s, (metric, shard) -> metric.equals("IncomingBytes") ? 0.2 * MIB_MINUTE : 0.0);
    ManualClock clock = ManualClock.atEpoch2020();
    AtomicInteger hold = new AtomicInteger(1);
    autoscaler(clock, k).resource(ResourceSpec.of("kinesis", s, settings("enable_enhanced_monitoring", "true")),
        fixed(hold)).build().tick();
    KinesisEmulator.awaitActive(k, s);
    assertTrue(enabled(k, s).containsAll(java.util.List.of("IncomingBytes", "IncomingRecords")), enabled(k, s).toString());

    TickReport untouched = autoscaler(clock, k).resource(ResourceSpec.of("kinesis", s, settings()), fixed(hold))
        .build().tick();
    assertTrue(!enabled(k, s).isEmpty(), "not set: left as someone enabled it");
    assertTrue(untouched.outcome(ResourceId.of("kinesis", s)).orElseThrow().state()
        .metric("shards.IncomingBytes.average").isPresent(), "and its shard-level metrics are read");

    autoscaler(clock, k).resource(ResourceSpec.of("kinesis", s, settings("enable_enhanced_monitoring", "false")),
        fixed(hold)).build().tick();
    KinesisEmulator.awaitActive(k, s);
    assertEquals(java.util.List.of(), enabled(k, s));
  }

  private static java.util.List<String> enabled(KinesisClient k, String s) {
    return k.describeStreamSummary(x -> x.streamName(s)).streamDescriptionSummary().enhancedMonitoring().stream()
        .flatMap(m -> m.shardLevelMetricsAsStrings().stream()).filter(m -> !m.equals("ALL")).sorted().toList();
  }
}
