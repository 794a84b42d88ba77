package dev.themis.expr.vars;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The variables of one EMR node group, as the original's {@code allnodes}, {@code tasknodes} and {@code corenodes}:
 * {@code running}, {@code active}, {@code count.nodes}, and {@code average|total|min|max.cpu|mem|sysload}.
 * Immutable.
 *
 * <ul>
 *   <li>{@code running}: every node is RUNNING (vacuously true for an empty group).
 *   <li>{@code active}: every node is active (vacuously true for an empty group). Unlike the original, where it
 *       was Presto-only and always false elsewhere, monitors of other engines report running nodes as active.
 *   <li>{@code average}: over the nodes <em>with</em> a value for that metric. The original divided by all nodes,
 *       diluting the average with nodes that lacked metrics (a known defect).
 *   <li>{@code total} (the original's {@code sum}), {@code min}, {@code max}: over nodes with a value.
 *   <li>A metric no node reported is NaN in every aggregate; comparisons with NaN are false.
 * </ul>
 */
public final class NodeGroupVars {
  private static final NodeGroupVars EMPTY = of(List.of());

  public final boolean running;
  public final boolean active;
  public final NodeCount count;
  public final LoadStats average;
  public final LoadStats total;
  public final LoadStats min;
  public final LoadStats max;

  private NodeGroupVars(
      boolean running, boolean active, NodeCount count, LoadStats average, LoadStats total, LoadStats min,
      LoadStats max) {
    this.running = running;
    this.active = active;
    this.count = count;
    this.average = average;
    this.total = total;
    this.min = min;
    this.max = max;
  }

  /** Aggregates the given nodes. */
  public static NodeGroupVars of(List<NodeSample> nodes) {
    boolean running = true;
    boolean active = true;
    for (NodeSample n : nodes) {
      running &= n.running();
      active &= n.active();
    }
    double[] cpu = agg(nodes, NodeSample::cpu);
    double[] mem = agg(nodes, NodeSample::mem);
    double[] load = agg(nodes, NodeSample::sysload);
    return new NodeGroupVars(
        running, active, NodeCount.of(nodes.size()),
        LoadStats.of(cpu[0], mem[0], load[0]),
        LoadStats.of(cpu[1], mem[1], load[1]),
        LoadStats.of(cpu[2], mem[2], load[2]),
        LoadStats.of(cpu[3], mem[3], load[3]));
  }

  /** Explicit values, e.g. for tests and replays. */
  public static NodeGroupVars of(
      boolean running, boolean active, int nodes, LoadStats average, LoadStats total, LoadStats min,
      LoadStats max) {
    return new NodeGroupVars(running, active, NodeCount.of(nodes), average, total, min, max);
  }

  /** A group without nodes: running and active (vacuously), count 0, every load NaN. */
  public static NodeGroupVars empty() {
    return EMPTY;
  }

  /** {average, total, min, max} over the nodes that have a (non-NaN) value; NaN if none has. */
  private static double[] agg(List<NodeSample> nodes, ToDoubleFunction<NodeSample> metric) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (NodeSample s : nodes) {
      double v = metric.applyAsDouble(s);
      if (!Double.isNaN(v)) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        n++;
      }
    }
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
    return new double[] {sum / n, sum, min, max};
  }

  @Override
  public String toString() {
    return "{running=" + running + ", active=" + active + ", count=" + count + ", average=" + average
        + ", total=" + total + ", min=" + min + ", max=" + max + "}";
  }
}
