package dev.themis.expr.vars;

/**
 * YARN ResourceManager metrics of an EMR cluster (variable {@code yarn}; new, the original had none), from
 * {@code /ws/v1/cluster/metrics}. Immutable. Values that could not be read are NaN (doubles) or -1 (counts).
 *
 * <ul>
 *   <li>{@code containersPending}, {@code containersAllocated}: containers waiting for / holding resources
 *   <li>{@code memoryAvailablePercent}: available memory in percent of total memory, 0..100
 *   <li>{@code appsPending}, {@code appsRunning}: applications waiting / running
 * </ul>
 */
public final class YarnVars {
  private static final YarnVars MISSING = new YarnVars(-1, -1, Double.NaN, -1, -1);

  public final long containersPending;
  public final long containersAllocated;
  public final double memoryAvailablePercent;
  public final long appsPending;
  public final long appsRunning;

  private YarnVars(
      long containersPending, long containersAllocated, double memoryAvailablePercent, long appsPending,
      long appsRunning) {
    this.containersPending = containersPending;
    this.containersAllocated = containersAllocated;
    this.memoryAvailablePercent = memoryAvailablePercent;
    this.appsPending = appsPending;
    this.appsRunning = appsRunning;
  }

  public static YarnVars of(
      long containersPending, long containersAllocated, double memoryAvailablePercent, long appsPending,
      long appsRunning) {
    return new YarnVars(containersPending, containersAllocated, memoryAvailablePercent, appsPending, appsRunning);
  }

  /** YARN metrics could not be read. */
  public static YarnVars missing() {
    return MISSING;
  }
}
