package dev.themis.kinesis.internal;

import dev.themis.expr.Variables;
import dev.themis.expr.vars.MetricStats;
import dev.themis.expr.vars.ShardVars;
import dev.themis.expr.vars.ShardsVars;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.StreamVars;
import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.MetricSummary;
import dev.themis.kinesis.OpenShard;
import dev.themis.kinesis.StreamLoad;
import dev.themis.kinesis.StreamSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expression variables of a stream, as the original named them: {@code stream} (and its alias {@code total}),
 * {@code shards}, {@code shards_list}, plus {@code load} (utilisation against the per-shard limits and iterator
 * age), {@code now}, {@code time_based} and {@code stream_name}.
 *
 * <p>One instance serves one stream's monitor. It keeps the decimal text of the hash keys of the shards it last saw
 * ({@code shards_list[i].start_key}, {@code end_key}): formatting two 39-digit keys per shard was most of the cost of
 * these variables on every tick, and a shard's range never changes. The text is reused only for the same shard id
 * with an equal range (a re-created stream reuses shard ids), and only the shards of the last observation are kept.
 */
final class ExprVariables implements VariablesFactory {
  static final Variables SCHEMA = StandardVariables.kinesis().toBuilder()
      .add("total", StreamVars.class)
      .add("load", StreamLoad.class)
      .build();

  // The hash keys' text of the shards of the last observation, by shard id: replaced whole when a shard is new or
  // its range differs, never changed once published.
  private volatile Map<String, KeyText> keyText = Map.of();

  @Override
  public Map<String, Object> variables(StreamSnapshot s, int openShards, Map<String, Double> metrics) {
    Map<String, MetricStats> stream = new HashMap<>();
    s.streamMetrics().forEach((name, m) -> stream.put(StreamMonitor.exprName(name), stats(m)));
    StreamVars sv = StreamVars.of(stream);
    List<OpenShard> open = s.openShards();
    List<ShardVars> list = new ArrayList<>(open.size());
    Map<String, KeyText> known = keyText;
    KeyText[] texts = new KeyText[open.size()];
    boolean allKnown = known.size() == open.size();
    for (int i = 0; i < texts.length; i++) {
      OpenShard shard = open.get(i);
      KeyText k = known.get(shard.shardId());
      if (k == null || !k.range().equals(shard.range())) {
        k = KeyText.of(shard.range());
        allKnown = false;
      }
      texts[i] = k;
      Map<String, MetricStats> m = new HashMap<>();
      shard.metrics().forEach((name, v) -> m.put(name, stats(v)));
      list.add(ShardVars.of(shard.shardId(), k.start(), k.end(), m));
    }
    if (!allKnown) {
      Map<String, KeyText> next = new HashMap<>();
      for (int i = 0; i < texts.length; i++) {
        next.put(open.get(i).shardId(), texts[i]);
      }
      keyText = next;
    }
    Map<String, Object> out = new HashMap<>();
    out.put("stream", sv);
    out.put("total", sv);
    out.put("shards", ShardsVars.of(openShards, list));
    out.put("shards_list", ShardsVars.list(list));
    out.put("load", StreamLoad.of(metrics));
    return out;
  }

  /** The shard ids whose key text is kept; for tests. */
  Set<String> keptShards() {
    return keyText.keySet();
  }

  private static MetricStats stats(MetricSummary m) {
    return m.present() ? MetricStats.of(m.average(), m.max(), m.min(), m.sum(), m.last()) : MetricStats.missing();
  }

  /** A range and its keys in decimal, as Kinesis writes them. */
  private record KeyText(HashRange range, String start, String end) {
    static KeyText of(HashRange r) {
      return new KeyText(r, r.start().toString(), r.end().toString());
    }
  }
}
