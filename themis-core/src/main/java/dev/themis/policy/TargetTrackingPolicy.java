package dev.themis.policy;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.spi.ScalingPolicy;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a utilisation metric near a target, as the Kubernetes Horizontal Pod Autoscaler does:
 * {@code desired = ceil(capacity * utilisation / target)}, unless {@code |utilisation / target - 1| <= tolerance}.
 * With zero capacity, any positive utilisation asks for one unit. A missing metric holds.
 *
 * <p>Immutable and thread-safe.
 */
public final class TargetTrackingPolicy implements ScalingPolicy {
  private final String metric;
  private final double target;
  private final double tolerance;
  /** Named in every decision: built once, not per tick. */
  private final String name;

  private TargetTrackingPolicy(String metric, double target, double tolerance) {
    this.metric = Objects.requireNonNull(metric, "metric");
    if (!(target > 0) || Double.isInfinite(target)) {
      throw new IllegalArgumentException("target of metric " + metric + ": must be a finite number > 0, was " + target);
    }
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance: must be in [0, 1), was " + tolerance);
    }
    this.target = target;
    this.tolerance = tolerance;
    this.name = "target-tracking(" + metric + ")";
  }

  /**
   * @param metric name of a utilisation metric in {@link dev.themis.ResourceState#metrics()} (e.g.
   *     {@code allnodes.average.cpu})
   * @param target the utilisation to keep, in the metric's unit (e.g. 0.7)
   * @param tolerance ignore ratios within {@code 1 ± tolerance} (HPA default 0.1)
   */
  public static TargetTrackingPolicy of(String metric, double target, double tolerance) {
    return new TargetTrackingPolicy(metric, target, tolerance);
  }

  @Override
  public ScalingDecision decide(PolicyContext context) {
    int capacity = context.capacity();
    Optional<Double> value = context.state().metric(metric);
    if (value.isEmpty()) {
      return ScalingDecision.hold(capacity, metric + " missing", name());
    }
    double utilisation = value.get();
    if (capacity == 0) {
      return utilisation > 0
          ? new ScalingDecision(1, metric + " = " + fmt(utilisation) + " at zero capacity", name())
          : ScalingDecision.hold(0, metric + " = 0 at zero capacity", name());
    }
    double ratio = utilisation / target;
    if (Math.abs(ratio - 1) <= tolerance) {
      return ScalingDecision.hold(capacity, metric + " = " + fmt(utilisation) + " within tolerance of " + fmt(target),
          name());
    }
    // Subtract a hair before ceil so that exact ratios (e.g. 10 * 0.7 / 0.7) are not rounded up by FP noise.
    int desired = (int) Math.min(Integer.MAX_VALUE, Math.ceil(capacity * ratio - 1e-9));
    return new ScalingDecision(Math.max(0, desired),
        metric + " = " + fmt(utilisation) + ", target " + fmt(target), name());
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * {@code v} with three decimals, as {@code %.3f} prints it (HALF_UP on the shortest decimal form of {@code v},
   * i.e. {@link Double#toString}), without a Formatter:
   * this runs on every tick.
   */
  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
    double a = Math.abs(v);
    if (a < 1e6) {
      // Below 1e6, v and its shortest decimal form differ by less than 1e-10, and a * 1000 is off by less than 1e-7:
      // unless a * 1000 is within 1e-5 of a tie (x.5), rounding it to the nearest integer rounds as HALF_UP on the
      // decimal form would, without the BigDecimal (about 230 bytes per number; a steady tick formats two).
      double scaled = a * 1000;
      double floor = Math.floor(scaled);
      double frac = scaled - floor;
      if (Math.abs(frac - 0.5) > 1e-5) {
        return thousandths((long) floor + (frac > 0.5 ? 1 : 0), v < 0);
      }
    }
    String s = java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    return s.equals("-0.000") ? "0.000" : s;
  }

  /** {@code units / 1000} with three decimals, e.g. 700 -> "0.700"; never "-0.000". */
  private static String thousandths(long units, boolean negative) {
    long whole = units / 1000;
    int digits = 1;
    for (long w = whole; w >= 10; w /= 10) {
      digits++;
    }
    boolean sign = negative && units != 0;
    char[] c = new char[(sign ? 1 : 0) + digits + 4];
    int i = c.length;
    long fraction = units % 1000;
    for (int k = 0; k < 3; k++, fraction /= 10) {
      c[--i] = (char) ('0' + fraction % 10);
    }
    c[--i] = '.';
    long w = whole;
    do {
      c[--i] = (char) ('0' + w % 10);
      w /= 10;
    } while (w > 0);
    if (sign) {
      c[0] = '-';
    }
    return new String(c);
  }
}
