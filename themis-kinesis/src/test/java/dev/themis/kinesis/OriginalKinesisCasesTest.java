package dev.themis.kinesis;

import static dev.themis.kinesis.KinesisEmulatorTest.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The original's Kinesis test cases (test/test_kinesis_scaling.py), ported: its mock served DescribeStream with N
 * equal shards and a constant CloudWatch value per metric; here the emulator holds the stream and WireMock serves
 * the constant. Discovery (the original's ListStreams, first page only) is covered too.
 */
@ExtendWith(KinesisEmulatorExtension.class)
class OriginalKinesisCasesTest {
  static CloudWatchStub cloudWatch;
  static CloudWatchClient cw;

  @BeforeAll
  static void start() {
    cloudWatch = new CloudWatchStub();
    cw = cloudWatch.client();
  }

  @AfterAll
  static void stop() {
    cw.close();
    cloudWatch.close();
  }

  private TickReport tick(KinesisClient k, String stream, java.util.Map<String, String> s) {
    return Autoscaler.builder().clock(ManualClock.atEpoch2020()).component(KinesisClient.class, k)
        .component(CloudWatchClient.class, cw).resource(ResourceSpec.of("kinesis", stream, s)).build().tick();
  }

  @Test
  void defaultUpscaleExpressionAddsOneShardAndTheStoredStateHasTheAverage(KinesisEmulator e, TestInfo info) {
    // Original: IncomingBytes constant 1,000,000 per minute on one shard -> UPSCALE(+1), state average 1000000.
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(k, s, 1);
    cloudWatch.values(s, (metric, shard) -> metric.equals("IncomingBytes") ? 1_000_000.0 : 0.0);
    TickReport r = tick(k, s, settings());
    ResourceOutcome.Applied a = assertInstanceOf(ResourceOutcome.Applied.class,
        r.outcome(ResourceId.of("kinesis", s)).orElseThrow(), () -> r.toString());
    assertEquals(1, a.result().fromCapacity());
    assertEquals(2, a.result().toCapacity());
    assertTrue(a.decision().reason().contains("stream_upscale_expr = 1"), a.decision().reason());
    assertEquals(1_000_000.0, a.state().metric("stream.IncomingBytes.average").orElseThrow());
    KinesisEmulator.awaitActive(k, s);
    assertEquals(2, KinesisEmulator.openShards(k, s).size());
  }

  @Test
  void defaultExpressionsDoNothingWithoutTrafficOnOneShard(KinesisEmulator e, TestInfo info) {
    // Original: "none" case: the upscale expression yields 0, and one shard cannot be scaled down.
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(k, s, 1);
    cloudWatch.values(s, (metric, shard) -> 0.0);
    TickReport r = tick(k, s, settings());
    ResourceOutcome.Held h = assertInstanceOf(ResourceOutcome.Held.class,
        r.outcome(ResourceId.of("kinesis", s)).orElseThrow());
    assertEquals(0.0, h.state().metric("stream.IncomingBytes.average").orElseThrow());
    assertEquals(1, KinesisEmulator.openShards(k, s).size());
  }

  @Test
  void defaultDownscaleExpressionRemovesOneShardWithAnAdjacentMerge(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = KinesisEmulatorTest.name(info);
    KinesisEmulator.createStream(k, s, 3);
    cloudWatch.values(s, (metric, shard) -> metric.equals("IncomingBytes") ? 50_000.0 : 0.0);
    TickReport r = tick(k, s, settings("reshard_strategy", "split_merge"));
    ResourceOutcome.Applied a = assertInstanceOf(ResourceOutcome.Applied.class,
        r.outcome(ResourceId.of("kinesis", s)).orElseThrow(), () -> r.toString());
    assertTrue(a.decision().reason().contains("stream_downscale_expr = 1"), a.decision().reason());
    assertTrue(a.result().actions().get(0).startsWith("MergeShards"));
    KinesisEmulator.awaitActive(k, s);
    List<software.amazon.awssdk.services.kinesis.model.Shard> open = KinesisEmulator.openShards(k, s);
    assertEquals(2, open.size());
    KinesisEmulatorTest.assertCovers(open);
  }

  @Test
  void discoveryFindsEveryStreamWithThePrefixAndTags(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String prefix = "disc" + Long.toHexString(System.nanoTime() & 0xfffff) + "-";
    KinesisEmulator.createStream(k, prefix + "a", 1);
    KinesisEmulator.createStream(k, prefix + "b", 1);
    KinesisEmulator.createStream(k, "other-" + prefix, 1);
    k.addTagsToStream(r -> r.streamName(prefix + "a").tags(java.util.Map.of("team", "data")));
    Autoscaler byPrefix = Autoscaler.builder().clock(ManualClock.atEpoch2020()).component(KinesisClient.class, k)
        .component(CloudWatchClient.class, cw)
        .configuration(dev.themis.config.ThemisConfig.parse("settings:\n  kinesis_stream_prefix: " + prefix + "\n"))
        .build();
    TickReport r = byPrefix.tick();
    assertEquals(List.of(ResourceId.of("kinesis", prefix + "a"), ResourceId.of("kinesis", prefix + "b")),
        byPrefix.resources(), r.notes().toString());
    Autoscaler byTag = Autoscaler.builder().clock(ManualClock.atEpoch2020()).component(KinesisClient.class, k)
        .component(CloudWatchClient.class, cw)
        .configuration(dev.themis.config.ThemisConfig.parse("settings:\n  kinesis_stream_prefix: " + prefix
            + "\n  kinesis_stream_tags: team=data\n"))
        .build();
    byTag.tick();
    assertEquals(List.of(ResourceId.of("kinesis", prefix + "a")), byTag.resources());
  }
}
