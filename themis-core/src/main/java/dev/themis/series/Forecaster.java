package dev.themis.series;

/**
 * A policy's forecast, computed by the core once per observation from the series as it stands, and recorded beside
 * the observed value so that the policy can size its headroom from its own past errors
 * ({@link SeriesView#errorQuantile(double)}). Must be pure: the core replays it over stored history after a restart.
 */
@FunctionalInterface
public interface Forecaster {
  /**
   * @param series the series including the newest observation (bucket 0)
   * @return the forecast in the signal's unit, or {@code NaN} when there is too little history to forecast
   */
  double forecast(SeriesView series);
}
