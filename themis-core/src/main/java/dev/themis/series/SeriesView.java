package dev.themis.series;

import java.time.Duration;
import java.time.Instant;

/**
 * A read-only view of one resource's {@link LoadSeries}, as a policy sees it through
 * {@link dev.themis.PolicyContext#series()}: the signal in fixed buckets (bucket 0 is the newest, the one the current
 * observation fell in), the forecast recorded in each bucket, and the distribution of the errors of
 * the forecasts made errorLag buckets before each value. Reads are O(1) (quantiles O(bins)); nothing is copied.
 *
 * <p>Valid only during the {@code decide} call it was given to: the core updates the series on the next tick.
 */
public interface SeriesView {
  /** The width of one bucket. */
  Duration resolution();

  /** The start of the newest bucket, or null when nothing was observed yet. */
  Instant newest();

  /** Buckets held, the newest included (0 when empty). */
  int length();

  /** The signal in the bucket {@code ago} buckets before the newest (0 = newest); NaN if unknown or not held. */
  double value(int ago);

  /** The forecast recorded in the bucket {@code ago} buckets before the newest; NaN if none. */
  double forecast(int ago);

  /** How many errors the error window holds. */
  int errorCount();

  /**
   * The {@code q}-quantile of the errors in the error window, measured as the spec's
   * {@link SeriesSpec.ErrorScale} says and rounded up to the histogram's bin edge; NaN when there are none.
   *
   * @param q in [0, 1]
   */
  double errorQuantile(double q);

  /** A series with nothing in it: what policies that declare no {@link SeriesSpec} see. */
  static SeriesView empty() {
    return EmptySeries.INSTANCE;
  }
}
