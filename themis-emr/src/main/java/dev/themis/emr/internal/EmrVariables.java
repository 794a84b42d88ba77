package dev.themis.emr.internal;

import dev.themis.emr.EmrClusterSnapshot;
import dev.themis.emr.EmrClusterSnapshot.EmrNode;
import dev.themis.expr.vars.NodeGroupVars;
import dev.themis.expr.vars.NodeSample;
import dev.themis.expr.vars.YarnVars;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The expression variables of an observed cluster, with the original's names: {@code allnodes}, {@code tasknodes},
 * {@code corenodes} ({@link NodeGroupVars}) and {@code yarn} ({@link YarnVars}). {@code now}, {@code time_based}
 * and {@code cluster_id} are bound by the expression policy. A node's {@code active} is its {@code running} (the
 * original's Presto-only state made the default rules never fire on other clusters); {@code sysload} comes from the
 * optional Ganglia source and is NaN without it. Nodes YARN reports leaving ({@link EmrNode#leaving()}: being
 * decommissioned, decommissioned, lost, shut down) are left out, as in the flat metrics ({@link GroupStats}).
 */
final class EmrVariables {
  private EmrVariables() {}

  static Map<String, Object> of(EmrClusterSnapshot snapshot, Map<String, Double> metrics) {
    return Map.of(
        "allnodes", group(snapshot, n -> true),
        "tasknodes", group(snapshot, n -> n.role().equals("TASK")),
        "corenodes", group(snapshot, n -> n.role().equals("CORE")),
        "yarn", yarn(metrics));
  }

  private static NodeGroupVars group(EmrClusterSnapshot snapshot, Predicate<EmrNode> filter) {
    List<NodeSample> samples = snapshot.nodes().stream().filter(n -> !n.leaving()).filter(filter)
        .map(n -> new NodeSample(n.running(), n.running(), n.load().cpu(), n.load().mem(), n.load().sysload()))
        .toList();
    return NodeGroupVars.of(samples);
  }

  private static YarnVars yarn(Map<String, Double> m) {
    Double pending = m.get("yarn.containers.pending");
    if (pending == null) {
      return YarnVars.missing();
    }
    return YarnVars.of(pending.longValue(), m.getOrDefault("yarn.containers.allocated", -1.0).longValue(),
        m.getOrDefault("yarn.memory.available.percent", Double.NaN),
        m.getOrDefault("yarn.apps.pending", -1.0).longValue(), m.getOrDefault("yarn.apps.running", -1.0).longValue());
  }
}
