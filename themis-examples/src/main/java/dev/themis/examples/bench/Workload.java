package dev.themis.examples.bench;

import java.util.Objects;

/**
 * A trace turned into demand on a one-minute grid, as BENCHMARK.md §1 defines it:
 * {@code d_t = max(1, ceil(value_t / (C * rho)))}.
 *
 * @param trace the trace's name
 * @param scale how {@code C} was chosen
 * @param values the trace's value in each minute (zero-order hold)
 * @param unitCapacity {@code C}: what one unit serves, in the trace's unit
 * @param rho the highest utilisation at which the service level holds
 * @param demand {@code d_t} in units
 */
public record Workload(String trace, Scale scale, double[] values, double unitCapacity, double rho, int[] demand) {
  /** Minutes left out of every figure at the start. */
  public static final int WARM_UP = 60;

  /** How {@code C} is chosen. */
  public enum Scale {
    /** Mean demand of 10 units. */
    MEAN10("mean=10"),
    /** The peak fits 25 units (the original's default cap). */
    PEAK25("peak=25");

    private final String label;

    Scale(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Workload {
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(scale, "scale");
    if (values.length != demand.length) {
      throw new IllegalArgumentException("values and demand differ in length");
    }
  }

  /** Demand for {@code values} at {@code scale}, with {@code rho}. */
  public static Workload of(String trace, double[] values, Scale scale, double rho) {
    if (values.length <= WARM_UP + 1) {
      throw new IllegalArgumentException("trace " + trace + ": needs more than " + (WARM_UP + 1)
          + " minutes (the first " + WARM_UP + " are left out of every figure), has " + values.length);
    }
    double peak = 0;
    for (double v : values) {
      peak = Math.max(peak, v);
    }
    if (!(peak > 0)) {
      throw new IllegalArgumentException("trace " + trace + ": every value is 0; no unit capacity fits");
    }
    double c = scale == Scale.PEAK25 ? peak / (25 * rho) : capacityForMeanDemand(values, 10, rho);
    return new Workload(trace, scale, values, c, rho, units(values, c, rho));
  }

  /** {@code d_t = max(1, ceil(value_t / (c * rho)))}. */
  public static int[] units(double[] values, double c, double rho) {
    int[] d = new int[values.length];
    for (int i = 0; i < d.length; i++) {
      // a hair below ceil so that exact multiples are not pushed up by floating-point noise
      d[i] = (int) Math.max(1, Math.ceil(values[i] / (c * rho) - 1e-9));
    }
    return d;
  }

  /**
   * The smallest {@code C} (to 1e-9 relative) for which the mean of {@code d_t} is at most {@code meanUnits}: mean
   * demand falls as {@code C} grows, so bisect.
   */
  static double capacityForMeanDemand(double[] values, double meanUnits, double rho) {
    double peak = 0;
    for (double v : values) {
      peak = Math.max(peak, v);
    }
    double lo = peak / (rho * 1e6);
    double hi = peak / rho; // mean demand 1 here
    for (int i = 0; i < 200 && (hi - lo) > hi * 1e-12; i++) {
      double mid = (lo + hi) / 2;
      if (mean(units(values, mid, rho)) <= meanUnits) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  static double mean(int[] d) {
    long s = 0;
    for (int v : d) {
      s += v;
    }
    return (double) s / d.length;
  }

  public int minutes() {
    return demand.length;
  }

  public int peakDemand() {
    int p = 0;
    for (int v : demand) {
      p = Math.max(p, v);
    }
    return p;
  }

  public double meanDemand() {
    return mean(demand);
  }

  /** Mean demand over the evaluated minutes, rounded up: the static-mean baseline. */
  public int evaluatedMeanDemand() {
    long s = 0;
    for (int t = WARM_UP; t < demand.length; t++) {
      s += demand[t];
    }
    return (int) Math.ceil((double) s / (demand.length - WARM_UP));
  }
}
