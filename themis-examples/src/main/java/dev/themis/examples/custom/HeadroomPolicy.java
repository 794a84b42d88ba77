package dev.themis.examples.custom;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.spi.ScalingPolicy;
import java.util.Locale;

/**
 * An example of a user's own policy: keep enough capacity for the observed load at a target utilisation, plus a
 * fixed headroom of spare units, and look at the whole monitoring window rather than the latest sample so a
 * single spike does not drive the decision: the load used is the highest seen in the window.
 *
 * <p>It keeps its target within the resource's bounds ({@code context.settings()}). It is pure (a function of its
 * {@link PolicyContext}), which is what makes it testable with the testkit's
 * invariant checks and replayable on traces.
 */
public final class HeadroomPolicy implements ScalingPolicy {
  private final String utilisationMetric;
  private final double targetUtilisation;
  private final int headroom;

  /**
   * @param utilisationMetric a metric in 0..1 of the serving capacity, e.g. {@code allnodes.average.cpu}
   * @param targetUtilisation the utilisation to plan for, in (0, 1]
   * @param headroom spare units to keep on top, >= 0
   */
  public HeadroomPolicy(String utilisationMetric, double targetUtilisation, int headroom) {
    if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
      throw new IllegalArgumentException("targetUtilisation: must be in (0, 1], was " + targetUtilisation);
    }
    if (headroom < 0) {
      throw new IllegalArgumentException("headroom: must be >= 0, was " + headroom);
    }
    this.utilisationMetric = utilisationMetric;
    this.targetUtilisation = targetUtilisation;
    this.headroom = headroom;
  }

  @Override
  public ScalingDecision decide(PolicyContext context) {
    int capacity = context.capacity();
    var current = context.state().metric(utilisationMetric);
    if (current.isEmpty()) {
      return ScalingDecision.hold(capacity, utilisationMetric + " missing", name());
    }
    // Load in units = utilisation x capacity, at each observation in the window; plan for the highest.
    double load = current.get() * capacity;
    for (var earlier : context.window()) {
      double u = earlier.metric(utilisationMetric).orElse(0.0);
      load = Math.max(load, u * earlier.capacity());
    }
    int wanted = (int) Math.ceil(load / targetUtilisation - 1e-9) + headroom;
    // The core clamps to the bounds anyway; clamping here too keeps the policy's own output meaningful in tests.
    int target = context.settings().clamp(wanted);
    return new ScalingDecision(target,
        String.format(Locale.ROOT, "peak load %.2f units at %.0f%% + %d headroom", load, targetUtilisation * 100,
            headroom),
        name());
  }

  @Override
  public String name() {
    return "headroom";
  }
}
