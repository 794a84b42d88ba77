package dev.themis.kinesis;

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
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Scales real streams in the kinesis-local emulator through the real KinesisClient, with CloudWatch in WireMock:
 * UpdateShardCount up and down in steps, split/merge with hot and cold shards, with the emulator's real
 * UPDATING -> ACTIVE transitions, and checks the shard layouts afterwards.
 */
class KinesisEmulatorTest extends EmulatorAndCloudWatchTestBase {
  static final double MIB_MINUTE = 1024 * 1024 * 60.0;
  static String name(TestInfo info) {
    return info.getTestMethod().orElseThrow().getName().replaceAll("[^A-Za-z0-9]", "").substring(0, 20) + "-"
        + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  static Map<String, String> settings(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("scale_down_stabilization", "0");
    m.put("scale_down_cooldown", "0");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Ticks, then waits (SDK waiter) for the emulator to finish what the tick started. */
  static TickReport tickAndSettle(Autoscaler a, ManualClock clock, KinesisClient k, String stream) {
    TickReport r = a.tick();
    KinesisEmulator.awaitActive(k, stream);
    clock.advance(Duration.ofMinutes(1));
    return r;
  }

  static void assertUniform(List<Shard> open) {
    for (int i = 0; i < open.size(); i++) {
      HashRange expected = HashRange.uniform(i, open.size());
      HashRange actual = HashRange.of(open.get(i).hashKeyRange().startingHashKey(),
          open.get(i).hashKeyRange().endingHashKey());
      assertTrue(expected.start().subtract(actual.start()).abs().compareTo(BigInteger.valueOf(open.size())) <= 0,
          "shard " + i + " of " + open.size() + " starts near " + expected.start() + ", was " + actual);
    }
    assertCovers(open);
  }

  static void assertCovers(List<Shard> open) {
    BigInteger expect = BigInteger.ZERO;
    for (Shard s : open) {
      assertEquals(expect, new BigInteger(s.hashKeyRange().startingHashKey()), "no gap or overlap");
      expect = new BigInteger(s.hashKeyRange().endingHashKey()).add(BigInteger.ONE);
    }
    assertEquals(HashRange.MAX_KEY.add(BigInteger.ONE), expect);
  }

  @Test
  void scalesUpAndDownThroughUpdateShardCountInStepsOfDoubleAndHalf(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = name(info);
    KinesisEmulator.createStream(k, s, 2);
    for (int i = 0; i < 20; i++) {
      int n = i;
      k.putRecord(r -> r.streamName(s).partitionKey("key-" + n)
          .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("record " + n)));
    }
    // 2 shards at 4x their write limit: target utilisation 0.5 wants 16 shards -> 2 -> 4 -> 8 -> 16.
    cloudWatch.values(s, (metric, shard) -> metric.equals("IncomingBytes") ? 2 * 4.0 * MIB_MINUTE : 0.0);
    ManualClock clock = ManualClock.atEpoch2020();
    Autoscaler a = autoscaler(clock, k)
        .resource(ResourceSpec.of("kinesis", s, settings("target_utilisation", "0.5", "min_shards", "1"))).build();
    ResourceId id = ResourceId.of("kinesis", s);

    for (int expected : new int[] {4, 8, 16}) {
      TickReport r = tickAndSettle(a, clock, k, s);
      ResourceOutcome.Applied applied = assertInstanceOf(ResourceOutcome.Applied.class, r.outcome(id).orElseThrow(),
          () -> r.outcome(id).toString());
      assertEquals(expected, applied.result().toCapacity());
      assertTrue(applied.result().actions().get(0).startsWith("UpdateShardCount"), applied.result().actions().toString());
      assertEquals(expected, KinesisEmulator.openShards(k, s).size());
    }
    assertUniform(KinesisEmulator.openShards(k, s));
    TickReport steady = tickAndSettle(a, clock, k, s);
    assertInstanceOf(ResourceOutcome.Held.class, steady.outcome(id).orElseThrow());

    // Traffic drops to 5% of 16 shards: 16 -> 8 -> 4 -> 2.
    cloudWatch.values(s, (metric, shard) -> metric.equals("IncomingBytes") ? 16 * 0.05 * MIB_MINUTE : 0.0);
    for (int expected : new int[] {8, 4, 2}) {
      TickReport r = tickAndSettle(a, clock, k, s);
      ResourceOutcome.Applied applied = assertInstanceOf(ResourceOutcome.Applied.class, r.outcome(id).orElseThrow(),
          () -> r.outcome(id).toString());
      assertEquals(expected, applied.result().toCapacity());
    }
    List<Shard> open = KinesisEmulator.openShards(k, s);
    assertEquals(2, open.size());
    assertUniform(open);
  }

  @Test
  void splitsTheHottestShardsAndMergesTheColdestAdjacentPairs(KinesisEmulator e, TestInfo info) {
    KinesisClient k = e.client();
    String s = name(info);
    KinesisEmulator.createStream(k, s, 3);
    List<Shard> initial = KinesisEmulator.openShards(k, s);
    String hot = initial.get(1).shardId();
    String warm = initial.get(2).shardId();
    cloudWatch.values(s, (metric, shard) -> {
      if (shard == null) {
        return metric.equals("IncomingBytes") ? 0.5 * MIB_MINUTE : 0.0;
      }
      if (!metric.equals("IncomingBytes")) {
        return 0.0;
      }
      return shard.equals(hot) ? 0.9 * MIB_MINUTE : shard.equals(warm) ? 0.3 * MIB_MINUTE : 0.01 * MIB_MINUTE;
    });
    AtomicInteger target = new AtomicInteger(5);
    ScalingPolicy fixed = c -> new ScalingDecision(target.get(), "test target " + target.get(), "fixed");
    ManualClock clock = ManualClock.atEpoch2020();
    Autoscaler a = autoscaler(clock, k).resource(ResourceSpec.of("kinesis", s, settings(
        "reshard_strategy", "split_merge", "enable_enhanced_monitoring", "true")), fixed).build();
    ResourceId id = ResourceId.of("kinesis", s);

    // The first tick enables shard-level metrics, which makes the stream UPDATING for a moment: no resharding.
    TickReport enabling = tickAndSettle(a, clock, k, s);
    assertTrue(enabling.outcome(id).orElseThrow().state().inFlight());
    TickReport first = tickAndSettle(a, clock, k, s);
    ResourceOutcome.Applied split1 = assertInstanceOf(ResourceOutcome.Applied.class, first.outcome(id).orElseThrow(),
        () -> first.outcome(id).toString());
    assertEquals("SplitShard " + hot + " at " + HashRange.of(initial.get(1).hashKeyRange().startingHashKey(),
        initial.get(1).hashKeyRange().endingHashKey()).midpoint(), split1.result().actions().get(0));
    TickReport second = tickAndSettle(a, clock, k, s);
    ResourceOutcome.Applied split2 = assertInstanceOf(ResourceOutcome.Applied.class, second.outcome(id).orElseThrow(),
        () -> second.outcome(id).toString());
    assertTrue(split2.result().actions().get(0).startsWith("SplitShard " + warm), split2.result().actions().toString());
    List<Shard> five = KinesisEmulator.openShards(k, s);
    assertEquals(5, five.size());
    assertCovers(five);
    assertTrue(five.stream().noneMatch(x -> x.shardId().equals(hot) || x.shardId().equals(warm)));
    assertTrue(five.stream().anyMatch(x -> x.shardId().equals(initial.get(0).shardId())), "cold shard untouched");

    target.set(2);
    for (int i = 0; i < 3; i++) {
      TickReport r = tickAndSettle(a, clock, k, s);
      ResourceOutcome.Applied m = assertInstanceOf(ResourceOutcome.Applied.class, r.outcome(id).orElseThrow(),
          () -> r.outcome(id).toString());
      assertTrue(m.result().actions().get(0).startsWith("MergeShards"), m.result().actions().toString());
    }
    List<Shard> two = KinesisEmulator.openShards(k, s);
    assertEquals(2, two.size());
    assertCovers(two);
  }
}
