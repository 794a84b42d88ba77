package dev.themis.testkit.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;

/** After weeks of reshards, open and listed shards are still exactly those of the model, in id order. */
class SimulatedKinesisReshardHistoryTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
  private final SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(1))
      .pageSize(3).build();

  private List<String> shards(boolean openOnly) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListShardsResponse r = kinesis.listShards(b -> {
        if (t == null) {
          b.streamName("s");
          if (openOnly) {
            b.shardFilter(f -> f.type(ShardFilterType.AT_LATEST));
          }
        } else {
          b.nextToken(t);
        }
      });
      r.shards().stream().map(Shard::shardId).forEach(out::add);
      token = r.nextToken();
    } while (token != null);
    return out;
  }

  @Test
  void weeksOfReshardsListOpenAndRecentlyClosedShardsInIdOrder() {
    kinesis.createStream("s", 2);
    int next = 2;
    int open = 2;
    // Model: shard ids opened by each reshard, and when they closed.
    List<Instant> closedAt = new ArrayList<>(List.of(Instant.MAX, Instant.MAX));
    for (int day = 0; day < 30; day++) {
      for (int k = 0; k < 4; k++) {
        int target = open == 2 ? 4 : 2;
        kinesis.updateShardCount(r -> r.streamName("s").targetShardCount(target).scalingType("UNIFORM_SCALING"));
        clock.advance(Duration.ofMinutes(1));
        Instant at = clock.instant();
        for (int i = 0; i < closedAt.size(); i++) {
          if (closedAt.get(i).equals(Instant.MAX)) {
            closedAt.set(i, at);
          }
        }
        for (int i = 0; i < target; i++) {
          closedAt.add(Instant.MAX);
        }
        next += target;
        open = target;
        Instant now = clock.instant();
        List<String> expectedOpen = new ArrayList<>();
        List<String> expectedListed = new ArrayList<>();
        for (int i = 0; i < closedAt.size(); i++) {
          String id = String.format("shardId-%012d", i);
          if (closedAt.get(i).equals(Instant.MAX)) {
            expectedOpen.add(id);
          }
          if (closedAt.get(i).equals(Instant.MAX) || closedAt.get(i).plus(Duration.ofDays(1)).isAfter(now)) {
            expectedListed.add(id);
          }
        }
        assertEquals(expectedOpen, shards(true));
        assertEquals(expectedListed, shards(false));
        assertEquals(open, kinesis.openShards("s"));
        clock.advance(Duration.ofHours(6).minusMinutes(1));
      }
    }
    assertEquals(next, closedAt.size());
  }
}
