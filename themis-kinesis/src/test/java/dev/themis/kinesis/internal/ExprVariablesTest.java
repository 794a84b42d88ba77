package dev.themis.kinesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.themis.expr.vars.ShardVars;
import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.MetricSummary;
import dev.themis.kinesis.OpenShard;
import dev.themis.kinesis.StreamSnapshot;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A stream's monitor keeps one {@link ExprVariables} and with it the text of its shards' hash keys: the variables it
 * builds are those a fresh one builds from the same observation, whatever was observed before.
 */
class ExprVariablesTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 300);

  @Test
  void aLongLivedInstanceBuildsWhatAFreshOneBuildsAfterAnyHistoryOfShards() {
    qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(1, 25)).checkAssert((seed, ticks) -> {
      Random rnd = new Random(seed);
      ExprVariables kept = new ExprVariables();
      Map<String, HashRange> ranges = new HashMap<>();
      for (int t = 0; t < ticks; t++) {
        StreamSnapshot snap = randomSnapshot(rnd, ranges);
        Map<String, Double> metrics = StreamMonitor.flatMetrics(snap, snap.openShards().size());
        Map<String, Object> got = kept.variables(snap, snap.openShards().size(), metrics);
        Map<String, Object> fresh = new ExprVariables().variables(snap, snap.openShards().size(), metrics);
        assertEquals(render(fresh), render(got), "tick " + t);
        ShardVars[] list = (ShardVars[]) got.get("shards_list");
        for (int i = 0; i < list.length; i++) {
          HashRange r = snap.openShards().get(i).range();
          assertEquals(r.start().toString(), list[i].start_key);
          assertEquals(r.end().toString(), list[i].end_key);
        }
        assertEquals(snap.openShards().stream().map(OpenShard::shardId).collect(Collectors.toSet()),
            kept.keptShards(), "only the last observation's shards are kept");
      }
    });
  }

  @Test
  void theTextIsReusedForTheSameShardAndRangeAndRebuiltWhenEitherChanges() {
    ExprVariables v = new ExprVariables();
    List<OpenShard> two = List.of(OpenShard.of("shardId-000000000000", HashRange.uniform(0, 2)),
        OpenShard.of("shardId-000000000001", HashRange.uniform(1, 2)));
    ShardVars[] first = list(v, two);
    ShardVars[] again = list(v, two);
    assertSame(first[0].start_key, again[0].start_key, "same shard, same range: the text is reused");
    assertSame(first[1].end_key, again[1].end_key);

    // A split of shard 1: it closes, two children open.
    HashRange parent = HashRange.uniform(1, 2);
    BigInteger mid = parent.midpoint();
    List<OpenShard> split = List.of(two.get(0),
        OpenShard.of("shardId-000000000002", new HashRange(parent.start(), mid.subtract(BigInteger.ONE))),
        OpenShard.of("shardId-000000000003", new HashRange(mid, parent.end())));
    ShardVars[] afterSplit = list(v, split);
    assertSame(first[0].start_key, afterSplit[0].start_key);
    assertEquals(parent.start().toString(), afterSplit[1].start_key);
    assertEquals(mid.subtract(BigInteger.ONE).toString(), afterSplit[1].end_key);
    assertEquals(mid.toString(), afterSplit[2].start_key);
    assertEquals(HashRange.MAX_KEY.toString(), afterSplit[2].end_key);
    assertEquals(Set.of("shardId-000000000000", "shardId-000000000002", "shardId-000000000003"), v.keptShards());

    // The stream deleted and created again with one shard: the same id now has the whole key space.
    ShardVars[] recreated = list(v, List.of(OpenShard.of("shardId-000000000000", HashRange.ALL)));
    assertNotSame(first[0].end_key, recreated[0].end_key);
    assertEquals("0", recreated[0].start_key);
    assertEquals("340282366920938463463374607431768211455", recreated[0].end_key);
    assertEquals(Set.of("shardId-000000000000"), v.keptShards());
  }

  private static ShardVars[] list(ExprVariables v, List<OpenShard> shards) {
    StreamSnapshot snap = new StreamSnapshot("s", "ACTIVE", "PROVISIONED", Set.of(), shards, Map.of(),
        Duration.ofMinutes(1));
    return (ShardVars[]) v.variables(snap, shards.size(), StreamMonitor.flatMetrics(snap, shards.size()))
        .get("shards_list");
  }

  /**
   * Up to 12 open shards with ids from a pool of 16, so that ids come back: most keep their range, some get
   * another (a re-created stream), some carry shard-level metrics.
   */
  private static StreamSnapshot randomSnapshot(Random rnd, Map<String, HashRange> ranges) {
    int n = rnd.nextInt(13);
    Set<String> ids = new LinkedHashSet<>();
    while (ids.size() < n) {
      ids.add(String.format("shardId-%012d", rnd.nextInt(16)));
    }
    List<OpenShard> shards = new ArrayList<>();
    for (String id : ids) {
      HashRange r = ranges.get(id);
      if (r == null || rnd.nextInt(5) == 0) {
        r = randomRange(rnd);
        ranges.put(id, r);
      } else if (rnd.nextBoolean()) {
        r = new HashRange(r.start(), r.end()); // equal, not the same object: a new listing
      }
      Map<String, MetricSummary> m = new TreeMap<>();
      if (rnd.nextBoolean()) {
        double[] series = rnd.doubles(1 + rnd.nextInt(5), 0, 1e6).toArray();
        m.put(rnd.nextBoolean() ? "IncomingBytes" : "IncomingRecords", MetricSummary.of(series));
      }
      shards.add(new OpenShard(id, r, m));
    }
    shards.sort((a, b) -> a.range().compareTo(b.range()));
    Map<String, MetricSummary> stream = Map.of("IncomingBytes",
        MetricSummary.of(rnd.doubles(3, 0, 1e7).toArray()));
    return new StreamSnapshot("s", "ACTIVE", "PROVISIONED", Set.of(), shards, stream, Duration.ofMinutes(1));
  }

  private static HashRange randomRange(Random rnd) {
    BigInteger a = new BigInteger(rnd.nextInt(129), rnd);
    BigInteger b = new BigInteger(rnd.nextInt(129), rnd);
    return a.compareTo(b) <= 0 ? new HashRange(a, b) : new HashRange(b, a);
  }

  /** Every public field of the variables, recursively, as text (the variables have no equals of their own). */
  private static String render(Object o) {
    if (o == null || o instanceof Number || o instanceof String || o instanceof Boolean) {
      return String.valueOf(o);
    }
    if (o instanceof Map<?, ?> m) {
      return new TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + "=" + render(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (o instanceof Object[] a) {
      List<String> parts = new ArrayList<>();
      for (Object x : a) {
        parts.add(render(x));
      }
      return parts.toString();
    }
    StringBuilder sb = new StringBuilder(o.getClass().getSimpleName()).append('(');
    for (Field f : o.getClass().getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        try {
          sb.append(f.getName()).append('=').append(render(f.get(o))).append(' ');
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return sb.append(')').toString();
  }
}
