package dev.themis.expr.vars;

/**
 * One node as an EMR monitor observed it; input to {@link NodeGroupVars#of(java.util.List)}.
 *
 * @param running the node's EC2/EMR state is {@code RUNNING}
 * @param active the node's engine reports it active (Presto {@code ACTIVE}); monitors of engines without such a
 *     state pass {@code running}
 * @param cpu busy fraction 0..1 over the window, NaN if unknown
 * @param mem used memory fraction 0..1, NaN if unknown
 * @param sysload 1-minute load average, NaN if unknown
 */
public record NodeSample(boolean running, boolean active, double cpu, double mem, double sysload) {
  /** A running, active node with the given load. */
  public static NodeSample of(double cpu, double mem, double sysload) {
    return new NodeSample(true, true, cpu, mem, sysload);
  }
}
