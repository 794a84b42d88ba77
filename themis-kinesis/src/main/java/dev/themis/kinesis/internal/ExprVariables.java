package dev.themis.kinesis.internal;

import dev.themis.expr.Variables;
import dev.themis.expr.vars.MetricStats;
import dev.themis.expr.vars.ShardVars;
import dev.themis.expr.vars.ShardsVars;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.StreamVars;
import dev.themis.kinesis.MetricSummary;
import dev.themis.kinesis.OpenShard;
import dev.themis.kinesis.StreamLoad;
import dev.themis.kinesis.StreamSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expression variables of a stream, as the original named them: {@code stream} (and its alias {@code total}),
 * {@code shards}, {@code shards_list}, plus {@code load} (utilisation against the per-shard limits and iterator
 * age), {@code now}, {@code time_based} and {@code stream_name}.
 */
final class ExprVariables implements VariablesFactory {
  static final Variables SCHEMA = StandardVariables.kinesis().toBuilder()
      .add("total", StreamVars.class)
      .add("load", StreamLoad.class)
      .build();

  @Override
  public Map<String, Object> variables(StreamSnapshot s, int openShards, Map<String, Double> metrics) {
    Map<String, MetricStats> stream = new HashMap<>();
    s.streamMetrics().forEach((name, m) -> stream.put(StreamMonitor.exprName(name), stats(m)));
    StreamVars sv = StreamVars.of(stream);
    List<ShardVars> list = new ArrayList<>();
    for (OpenShard shard : s.openShards()) {
      Map<String, MetricStats> m = new HashMap<>();
      shard.metrics().forEach((name, v) -> m.put(name, stats(v)));
      list.add(ShardVars.of(shard.shardId(), shard.range().start().toString(), shard.range().end().toString(), m));
    }
    Map<String, Object> out = new HashMap<>();
    out.put("stream", sv);
    out.put("total", sv);
    out.put("shards", ShardsVars.of(openShards, list));
    out.put("shards_list", ShardsVars.list(list));
    out.put("load", StreamLoad.of(metrics));
    return out;
  }

  private static MetricStats stats(MetricSummary m) {
    return m.present() ? MetricStats.of(m.average(), m.max(), m.min(), m.sum(), m.last()) : MetricStats.missing();
  }
}
