package dev.themis.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * How many AWS calls one steady tick (nothing to change) makes per stream, counted by an SDK interceptor on the
 * real clients (emulator + WireMock). Prints the table and pins the counts.
 */
@ExtendWith(KinesisEmulatorExtension.class)
class SteadyTickCallsTest {
  record Row(int shards, String monitoring, int metricsPerShard, Map<String, Integer> calls) {
    int total() {
      return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** GetMetricData calls: 6 stream-level queries plus shards x metrics, 500 queries per call. */
  static int callsFor(int shards, int metricsPerShard) {
    return (6 + shards * metricsPerShard + 499) / 500;
  }

  @Test
  void aSteadyTickMakesTwoCallsAndOneGetMetricDataFor200ShardsWithTwoShardMetrics(KinesisEmulator e,
      TestInfo info) {
    CallCounter counter = new CallCounter();
    KinesisClient k = e.client(counter);
    List<Row> rows = new ArrayList<>();
    try (CloudWatchStub stub = new CloudWatchStub(); CloudWatchClient cw = stub.client(counter)) {
      for (int shards : new int[] {4, 200}) {
        String s = KinesisEmulatorTest.name(info) + "-" + shards;
        KinesisEmulator.createStream(k, s, shards);
        // Enough traffic that the original's default expressions hold at both sizes.
        stub.values(s, (metric, shard) -> metric.equals("IncomingBytes") && shard == null ? 1_000_000.0 : 10.0);
        for (String[] mode : new String[][] {
            {"stream-level only", "false", null},
            {"+ shard-level (default 2 metrics)", "true", null},
            {"+ shard-level (ALL 7 metrics)", "true", "ALL"}}) {
          Map<String, String> settings = new java.util.HashMap<>();
          settings.put("enable_enhanced_monitoring", mode[1]);
          if (mode[2] != null) {
            settings.put("shard_metrics", mode[2]);
          }
          ManualClock clock = ManualClock.atEpoch2020();
          Autoscaler a = Autoscaler.builder().clock(clock).component(KinesisClient.class, k)
              .component(CloudWatchClient.class, cw).resource(ResourceSpec.of("kinesis", s, settings)).build();
          a.tick(); // may switch enhanced monitoring on or off
          KinesisEmulator.awaitActive(k, s);
          clock.advance(Duration.ofMinutes(3));
          counter.reset();
          TickReport r = a.tick();
          assertInstanceOf(ResourceOutcome.Held.class, r.outcome(ResourceId.of("kinesis", s)).orElseThrow(),
              () -> r.outcome(ResourceId.of("kinesis", s)).toString());
          int perShard = mode[1].equals("false") ? 0 : mode[2] == null ? 2 : 7;
          rows.add(new Row(shards, mode[0], perShard, counter.snapshot()));
        }
      }
    }
    // ListShards only when the summary shows a change (see shardsAreListedAgainWhenTheSummaryShowsAChange).
    StringBuilder table = new StringBuilder("\nAWS calls per steady tick, one stream\n")
        .append(String.format("| %-6s | %-34s | %-8s | %-15s | %s%n", "shards", "metrics", "emulator", "AWS (1000/page)",
            "by operation (emulator)"));
    for (Row r : rows) {
      int aws = 1 + callsFor(r.shards(), r.metricsPerShard());
      table.append(String.format("| %-6d | %-34s | %-8d | %-15d | %s%n", r.shards(), r.monitoring(), r.total(), aws,
          r.calls()));
    }
    System.out.println(table);
    int[] expected = {2, 2, 2, 2, 2, 4};
    int[] getMetricData = {1, 1, 1, 1, 1, 3};
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertEquals(expected[i], r.total(), r.toString());
      assertEquals(1, r.calls().get("Kinesis.DescribeStreamSummary"));
      assertEquals(null, r.calls().get("Kinesis.ListShards"), "the shards are as last listed");
      assertEquals(getMetricData[i], r.calls().get("CloudWatch.GetMetricData"));
      assertEquals(getMetricData[i], callsFor(r.shards(), r.metricsPerShard()));
    }
  }

  @Test
  void shardsAreListedAgainWhenTheSummaryShowsAChangeOrAfterAReshard(KinesisEmulator e, TestInfo info) {
    CallCounter counter = new CallCounter();
    KinesisClient k = e.client(counter);
    String s = KinesisEmulatorTest.name(info);
    ResourceId id = ResourceId.of("kinesis", s);
    try (CloudWatchStub stub = new CloudWatchStub(); CloudWatchClient cw = stub.client(counter)) {
      KinesisEmulator.createStream(k, s, 2);
      stub.values(s, (metric, shard) -> metric.equals("IncomingBytes") && shard == null ? 1_000_000.0 : 10.0);
      ManualClock clock = ManualClock.atEpoch2020();
      Autoscaler a = Autoscaler.builder().clock(clock).component(KinesisClient.class, k)
          .component(CloudWatchClient.class, cw)
          .resource(ResourceSpec.of("kinesis", s, Map.of("scale_down_stabilization", "0", "scale_down_cooldown", "0")))
          .build();
      // given a first tick that lists the shards
      counter.reset();
      a.tick();
      assertEquals(1, counter.snapshot().get("Kinesis.ListShards"));
      // when someone else reshards the stream
      k.updateShardCount(r -> r.streamName(s).targetShardCount(4).scalingType("UNIFORM_SCALING"));
      KinesisEmulator.awaitActive(k, s);
      clock.advance(Duration.ofMinutes(3));
      counter.reset();
      TickReport changed = a.tick();
      // then the changed open shard count in the summary makes the next tick list them again
      assertEquals(1, counter.snapshot().get("Kinesis.ListShards"));
      assertEquals(4, changed.outcome(id).orElseThrow().state().capacity());
      clock.advance(Duration.ofMinutes(3));
      counter.reset();
      a.tick();
      assertEquals(null, counter.snapshot().get("Kinesis.ListShards"), "steady again");
      // and after the executor acts (a quiet stream of 4 is scaled down), the next tick lists them too
      stub.values(s, (metric, shard) -> 10.0);
      clock.advance(Duration.ofMinutes(3));
      TickReport down = a.tick();
      assertInstanceOf(ResourceOutcome.Applied.class, down.outcome(id).orElseThrow(), down::toString);
      KinesisEmulator.awaitActive(k, s);
      clock.advance(Duration.ofMinutes(3));
      counter.reset();
      a.tick();
      assertEquals(1, counter.snapshot().get("Kinesis.ListShards"));
    }
  }
}
