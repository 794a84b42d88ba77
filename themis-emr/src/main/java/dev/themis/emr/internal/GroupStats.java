package dev.themis.emr.internal;

import dev.themis.emr.EmrClusterSnapshot.EmrNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates of one node group ({@code allnodes}, {@code tasknodes}, {@code corenodes}) as the original's expression
 * variables define them, written as flat metrics ({@code tasknodes.average.cpu}...). Unlike the original, an
 * average is over the nodes that reported (not diluted by nodes without data), and a running node without data
 * makes the group's load metrics <em>missing</em>, so the autoscaler never scales down on incomplete data.
 *
 * <p>Which nodes count: the monitor passes only nodes that are not <em>leaving</em>, i.e. not reported by YARN as
 * {@code DECOMMISSIONING}, {@code DECOMMISSIONED}, {@code LOST} or {@code SHUTDOWN}
 * ({@link dev.themis.emr.EmrClusterSnapshot.EmrNode#leaving()}). Such a node serves no new work (a draining node
 * reports cpu 0), so counting it would drag the averages down and invite further scale-down. {@code count.nodes} is
 * therefore the group's non-terminated instances (booting ones included, as they are in the requested count the
 * capacity is made of) minus the leaving ones; a node EMR is decommissioning has already left the requested count, so
 * {@code count.nodes} and the capacity agree. Load aggregates are over the counted nodes that are RUNNING. When YARN
 * cannot be read no node is known to be leaving and all are counted (the loads are then missing anyway).
 */
final class GroupStats {
  static final List<String> AGGREGATES = List.of("average", "total", "min", "max");
  static final List<String> LOADS = List.of("cpu", "mem");

  private GroupStats() {}

  /**
   * @param nodes counted nodes of the group (non-terminated instances that are not leaving)
   * @param loadNodes the nodes whose load is aggregated (not the master, which runs no NodeManager)
   * @param sysload whether sysload is read (Ganglia); if so its aggregates are added, or missing like cpu and mem
   */
  static void add(String group, List<EmrNode> nodes, List<EmrNode> loadNodes, boolean sysload,
      Map<String, Double> metrics, Set<String> missing) {
    metrics.put(group + ".count.nodes", (double) nodes.size());
    boolean running = nodes.stream().allMatch(EmrNode::running);
    metrics.put(group + ".running", running ? 1.0 : 0.0);
    metrics.put(group + ".active", running ? 1.0 : 0.0);
    if (loadNodes.isEmpty()) {
      return; // no load to aggregate: absent, not missing
    }
    boolean yarnIncomplete = loadNodes.stream().anyMatch(n -> n.running() && !n.load().reported());
    boolean sysloadIncomplete = loadNodes.stream().anyMatch(n -> n.running() && Double.isNaN(n.load().sysload()));
    for (String load : sysload ? List.of("cpu", "mem", "sysload") : LOADS) {
      boolean incomplete = load.equals("sysload") ? sysloadIncomplete : yarnIncomplete;
      for (EmrNode n : loadNodes) {
        // A running node that reported but not this load (a partial answer) leaves the aggregate incomplete.
        double v = load.equals("cpu") ? n.load().cpu() : load.equals("mem") ? n.load().mem() : n.load().sysload();
        incomplete |= n.running() && n.load().reported() && Double.isNaN(v);
      }
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int count = 0;
      for (EmrNode n : loadNodes) {
        double v = load.equals("cpu") ? n.load().cpu() : load.equals("mem") ? n.load().mem() : n.load().sysload();
        if (!Double.isNaN(v)) {
          sum += v;
          min = Math.min(min, v);
          max = Math.max(max, v);
          count++;
        }
      }
      double[] values = {sum / count, sum, min, max};
      for (int i = 0; i < AGGREGATES.size(); i++) {
        String name = group + "." + AGGREGATES.get(i) + "." + load;
        if (incomplete || count == 0) {
          missing.add(name);
        } else {
          metrics.put(name, values[i]);
        }
      }
    }
  }
}
