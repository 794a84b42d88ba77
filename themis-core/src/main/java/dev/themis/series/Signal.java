package dev.themis.series;

import java.util.Map;

/**
 * The number a {@link LoadSeries} records from one observation, e.g. the load in units
 * ({@code utilisation · capacity + pending}). It may read only the capacity and the metrics, which every
 * {@link dev.themis.history.HistoryStore} keeps, so that the series can be rebuilt from stored outcomes after a
 * restart. Must be pure and cheap: it runs once per tick.
 */
@FunctionalInterface
public interface Signal {
  /**
   * @param capacity the observed capacity in units
   * @param metrics the observed metrics
   * @return the value, or {@code NaN} when it cannot be computed (a metric missing)
   */
  double value(int capacity, Map<String, Double> metrics);
}
