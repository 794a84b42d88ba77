package dev.themis.examples.bench;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.spi.ScalingPolicy;
import java.util.Locale;

/**
 * A user-level policy: keeps utilisation of the whole load, served and waiting, at a target. Utilisation is capped
 * at 100 %, so a tracker that sees only utilisation can grow by at most {@code 1/target} per action when overloaded;
 * adding the pending work (YARN pending containers, throttled Kinesis writes) shows the real load:
 * {@code desired = ceil((utilisation · capacity + pending) / target)}. A missing metric holds.
 *
 * <p>Immutable and thread-safe.
 */
public final class LoadTrackingPolicy implements ScalingPolicy {
  private final String utilisationMetric;
  private final String pendingMetric;
  private final double unitsPerPending;
  private final double target;
  private final double tolerance;

  /**
   * @param unitsPerPending units of capacity one unit of the pending metric needs
   * @param target utilisation to keep, in (0, 1]
   * @param tolerance hold while {@code |load / (capacity · target) − 1| <= tolerance}
   */
  public LoadTrackingPolicy(String utilisationMetric, String pendingMetric, double unitsPerPending, double target,
      double tolerance) {
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("target: must be in (0, 1], was " + target);
    }
    this.utilisationMetric = utilisationMetric;
    this.pendingMetric = pendingMetric;
    this.unitsPerPending = unitsPerPending;
    this.target = target;
    this.tolerance = tolerance;
  }

  @Override
  public ScalingDecision decide(PolicyContext context) {
    int capacity = context.capacity();
    var u = context.state().metric(utilisationMetric);
    var pending = context.state().metric(pendingMetric);
    if (u.isEmpty() || pending.isEmpty()) {
      return ScalingDecision.hold(capacity, "load metrics missing", name());
    }
    double load = u.get() * capacity + pending.get() * unitsPerPending;
    double ratio = capacity == 0 ? Double.POSITIVE_INFINITY : load / (capacity * target);
    if (Math.abs(ratio - 1) <= tolerance) {
      return ScalingDecision.hold(capacity, "load within tolerance", name());
    }
    int desired = (int) Math.ceil(load / target - 1e-9);
    return new ScalingDecision(Math.max(0, desired),
        String.format(Locale.ROOT, "load %.2f units, target utilisation %.2f", load, target), name());
  }

  @Override
  public String name() {
    return "load-tracking";
  }
}
