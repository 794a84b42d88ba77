package dev.themis.cost;

import java.time.Duration;
import java.time.Instant;

/**
 * Cost and savings of a resource over a period, against a static baseline capacity.
 *
 * @param from start of the period
 * @param to end of the period
 * @param unitHours capacity integrated over the period, in unit-hours
 * @param cost what the observed capacity cost
 * @param baselineCapacity the static capacity compared against (the original's {@code baseline_nodes})
 * @param baselineCost what the baseline would have cost over the same period, at the same unit prices
 * @param unpricedHours hours for which no price was known (not counted in either cost)
 */
public record CostReport(
    Instant from, Instant to, double unitHours, double cost, int baselineCapacity, double baselineCost,
    double unpricedHours) {

  public Duration duration() {
    return Duration.between(from, to);
  }

  /** Baseline cost minus actual cost; negative when the autoscaler spent more than the baseline. */
  public double saved() {
    return baselineCost - cost;
  }

  /** Savings per second of the period (the original UI's ticking counter). */
  public double savedPerSecond() {
    long s = duration().getSeconds();
    return s == 0 ? 0 : saved() / s;
  }
}
