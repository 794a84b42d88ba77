package dev.themis.expr.vars;

/**
 * Statistics of one metric over the monitoring window, as expressions see them: {@code average}, {@code max},
 * {@code min}, {@code sum} and {@code last} (the most recent value). Immutable.
 *
 * <p>A statistic that could not be computed is {@code NaN}. Every comparison with {@code NaN} is false, so a rule
 * such as {@code stream.IncomingBytes.average < 100000} does not fire on missing data; the autoscaler never scales
 * down while metrics are missing anyway.
 */
public final class MetricStats {
  private static final MetricStats MISSING = new MetricStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public final double average;
  public final double max;
  public final double min;
  public final double sum;
  public final double last;

  private MetricStats(double average, double max, double min, double sum, double last) {
    this.average = average;
    this.max = max;
    this.min = min;
    this.sum = sum;
    this.last = last;
  }

  /** Explicit statistics. */
  public static MetricStats of(double average, double max, double min, double sum, double last) {
    return new MetricStats(average, max, min, sum, last);
  }

  /**
   * Statistics of a series, oldest value first. NaN values are ignored; an empty series (or one of NaN only)
   * gives {@link #missing()}.
   */
  public static MetricStats of(double[] series) {
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
    return n == 0 ? MISSING : new MetricStats(sum / n, max, min, sum, last);
  }

  /** All statistics NaN. */
  public static MetricStats missing() {
    return MISSING;
  }

  /** A constant series: every statistic is {@code value} except {@code sum}, which is {@code value * points}. */
  public static MetricStats constant(double value, int points) {
    return new MetricStats(value, value, value, value * points, value);
  }

  @Override
  public String toString() {
    return "{average=" + average + ", max=" + max + ", min=" + min + ", sum=" + sum + ", last=" + last + "}";
  }
}
