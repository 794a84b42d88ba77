package dev.themis.expr;

import dev.themis.expr.vars.MetricStats;
import dev.themis.expr.vars.NodeGroupVars;
import dev.themis.expr.vars.NodeSample;
import dev.themis.expr.vars.NowVar;
import dev.themis.expr.vars.ShardVars;
import dev.themis.expr.vars.ShardsVars;
import dev.themis.expr.vars.StreamVars;
import dev.themis.expr.vars.TimeBasedVars;
import dev.themis.expr.vars.YarnVars;
import dev.themis.schedule.Schedule;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test data shaped like the original's mocks. */
public final class Fixtures {
  /** Tue 2016-05-31 01:00:00 UTC, the original's time-based test date. */
  public static final ZonedDateTime TUESDAY_1AM = ZonedDateTime.of(2016, 5, 31, 1, 0, 0, 0, ZoneOffset.UTC);
  /** The original's test schedule. */
  public static final String TIME_BASED = "{\"(Mon|Tue|Wed|Thu|Fri).*01:.*:.*\": 14}";

  private Fixtures() {}

  public static NodeGroupVars tasknodes(int count, double cpu, double mem) {
    List<NodeSample> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(NodeSample.of(cpu, mem, 1.0));
    }
    return NodeGroupVars.of(nodes);
  }

  public static Map<String, Object> emrVariables(NodeGroupVars tasknodes) {
    Map<String, Object> m = new HashMap<>();
    m.put("allnodes", tasknodes);
    m.put("tasknodes", tasknodes);
    m.put("corenodes", NodeGroupVars.empty());
    m.put("yarn", YarnVars.missing());
    return m;
  }

  public static Bindings emrBindings(NodeGroupVars tasknodes, Schedule schedule, ZonedDateTime now) {
    return dev.themis.expr.vars.StandardVariables.emr().bindings()
        .putAll(emrVariables(tasknodes))
        .put("time_based", TimeBasedVars.of(schedule))
        .put("now", NowVar.of(now))
        .put("cluster_id", "j-TEST")
        .build();
  }

  public static Map<String, Object> kinesisVariables(int shards, double incomingBytes) {
    List<ShardVars> list = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      list.add(ShardVars.of("shardId-" + i, "0", "1",
          Map.of("IncomingBytes", MetricStats.constant(incomingBytes / shards, 20))));
    }
    Map<String, Object> m = new HashMap<>();
    m.put("stream", StreamVars.of(Map.of("IncomingBytes", MetricStats.constant(incomingBytes, 20))));
    m.put("shards", ShardsVars.of(shards, list));
    m.put("shards_list", ShardsVars.list(list));
    return m;
  }
}
