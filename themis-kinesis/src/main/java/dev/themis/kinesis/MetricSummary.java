package dev.themis.kinesis;

import dev.themis.expr.vars.MetricStats;

/**
 * Statistics of one CloudWatch metric over the monitoring window, from one value per period (oldest first):
 * {@code average}, {@code max}, {@code min}, {@code sum} and {@code last}. Missing periods within the settled part
 * of the window count as zero, as in the original; a metric without any datapoint has every statistic NaN
 * ({@link #missing()}). Immutable.
 *
 * @param average mean of the per-period values
 * @param max largest per-period value
 * @param min smallest per-period value
 * @param sum sum of the per-period values
 * @param last the most recent per-period value
 * @param points number of per-period values the statistics were computed from
 */
public record MetricSummary(double average, double max, double min, double sum, double last, int points) {
  private static final MetricSummary MISSING =
      new MetricSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

  public MetricSummary {
    if (points < 0) {
      throw new IllegalArgumentException("points: must be >= 0, was " + points);
    }
  }

  /** No data. */
  public static MetricSummary missing() {
    return MISSING;
  }

  /** Statistics of a series, oldest first; NaN values are skipped; empty gives {@link #missing()}. */
  public static MetricSummary of(double[] series) {
    int points = 0;
    for (double v : series) {
      if (!Double.isNaN(v)) {
        points++;
      }
    }
    if (points == 0) {
      return MISSING;
    }
    MetricStats s = MetricStats.of(series); // the one place the statistics are computed
    return new MetricSummary(s.average, s.max, s.min, s.sum, s.last, points);
  }

  /** True when there was at least one datapoint. */
  public boolean present() {
    return points > 0;
  }
}
