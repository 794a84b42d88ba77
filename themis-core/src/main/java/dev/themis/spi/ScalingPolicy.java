package dev.themis.spi;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;

/**
 * Decides the capacity a resource should have. Must be pure: no I/O, no clock but {@link PolicyContext#now()},
 * the same decision for the same context. That makes policies property-testable and replayable on traces.
 *
 * <p>The autoscaler applies its guards (bounds, cooldowns, stabilisation, step limits...) after the policy, so a
 * policy states what it wants, not what is allowed.
 */
@FunctionalInterface
public interface ScalingPolicy {
  ScalingDecision decide(PolicyContext context);

  /** A short name shown in decisions and reports. */
  default String name() {
    return getClass().getSimpleName();
  }
}
