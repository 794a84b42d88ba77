package dev.themis.policy;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.expr.Explainer;
import dev.themis.spi.ScalingPolicy;
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
  /** The steady hold's words around the utilisation, built once: a steady tick formats one number. */
  private final String holdPrefix;
  private final String holdSuffix;
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
    this.holdPrefix = "tolerance: " + metric + " ";
    this.holdSuffix = " vs target " + fmt(target) + " within " + fmt(tolerance);
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
          ? new ScalingDecision(1, metric + " " + fmt(utilisation) + " at zero capacity -> 1 unit", name())
          : ScalingDecision.hold(0, metric + " 0 at zero capacity", name());
    }
    double ratio = utilisation / target;
    if (Math.abs(ratio - 1) <= tolerance) {
      return ScalingDecision.hold(capacity, Explainer.number(holdPrefix, utilisation, holdSuffix), name());
    }
    // Subtract a hair before ceil so that exact ratios (e.g. 10 * 0.7 / 0.7) are not rounded up by FP noise.
    int desired = Math.max(0, (int) Math.min(Integer.MAX_VALUE, Math.ceil(capacity * ratio - 1e-9)));
    return new ScalingDecision(desired, metric + " " + fmt(utilisation) + (ratio > 1 ? " over" : " under")
        + " target " + fmt(target) + " -> " + desired + " units (" + capacity + " x " + fmt(utilisation) + " / "
        + fmt(target) + ", rounded up)", name());
  }

  @Override
  public String name() {
    return name;
  }

  private static String fmt(double v) {
    return Explainer.number(v);
  }
}
