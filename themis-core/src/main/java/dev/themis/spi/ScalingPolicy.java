package dev.themis.spi;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.series.SeriesSpec;
import java.util.Optional;

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

  /**
   * The long history this policy needs, if any: the core keeps it per resource (O(1) per tick, rebuilt from the
   * history store after a restart) and passes it as {@link PolicyContext#series()}. Called once per tick, so return
   * a constant. Default: none.
   */
  default Optional<SeriesSpec> series() {
    return Optional.empty();
  }

  /** A short name shown in decisions and reports. */
  default String name() {
    return getClass().getSimpleName();
  }
}
