package dev.themis.kinesis;

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
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double last = Double.NaN;
    int n = 0;
    for (double v : series) {
      if (Double.isNaN(v)) {
        continue;
      }
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      last = v;
      n++;
    }
    return n == 0 ? MISSING : new MetricSummary(sum / n, max, min, sum, last, n);
  }

  /** True when there was at least one datapoint. */
  public boolean present() {
    return points > 0;
  }
}
