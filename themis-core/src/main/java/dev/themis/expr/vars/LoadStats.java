package dev.themis.expr.vars;

/**
 * One aggregate (average, total, min or max) of the node load metrics of a group: {@code cpu} and {@code mem} as
 * fractions 0..1, {@code sysload} the 1-minute load average. A value that could not be computed is {@code NaN}
 * (comparisons with NaN are false). Immutable.
 */
public final class LoadStats {
  static final LoadStats MISSING = new LoadStats(Double.NaN, Double.NaN, Double.NaN);

  public final double cpu;
  public final double mem;
  public final double sysload;

  private LoadStats(double cpu, double mem, double sysload) {
    this.cpu = cpu;
    this.mem = mem;
    this.sysload = sysload;
  }

  public static LoadStats of(double cpu, double mem, double sysload) {
    return new LoadStats(cpu, mem, sysload);
  }

  @Override
  public String toString() {
    return "{cpu=" + cpu + ", mem=" + mem + ", sysload=" + sysload + "}";
  }
}
