package dev.themis.testkit;

import java.time.Instant;

/**
 * Demand as a function of time: units of work (nodes' worth of load for EMR, records per minute for Kinesis...)
 * at an instant. The simulated clouds read it from their clock at every observation, so a {@link Trace} anchored
 * at the replay's start ({@link Trace#anchoredAt}) drives them. Implementations must be pure functions of the
 * instant.
 */
@FunctionalInterface
public interface Demand {
  /** The demand at {@code instant}; finite and {@code >= 0}. */
  double at(Instant instant);

  /** The same demand everywhere. */
  static Demand constant(double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("demand: must be finite and >= 0, was " + value);
    }
    return instant -> value;
  }

  /** This demand multiplied by {@code factor}. */
  default Demand times(double factor) {
    return instant -> at(instant) * factor;
  }
}
