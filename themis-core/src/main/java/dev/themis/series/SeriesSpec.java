package dev.themis.series;

import java.time.Duration;
import java.util.Objects;

/**
 * What a policy wants the core to keep for it between ticks ({@link dev.themis.spi.ScalingPolicy#series()}): a
 * signal, bucketed at {@code resolution} and kept for {@code retention}, with the policy's own forecast recorded in
 * each bucket and the ratio of each value to the forecast made {@code errorLag} earlier kept over
 * {@code errorWindow}.
 *
 * @param signal the value recorded per observation (a bucket keeps the highest value observed in it)
 * @param forecaster the policy's forecast, computed after each observation; null records none
 * @param resolution bucket width, at least 1 second
 * @param retention how far back values are kept (at most 2^20 buckets)
 * @param errorLag how long before a value the forecast it is compared with was made
 * @param errorWindow how far back errors are kept
 * @param errorScale how an error is measured
 */
public record SeriesSpec(Signal signal, Forecaster forecaster, Duration resolution, Duration retention,
    Duration errorLag, Duration errorWindow, ErrorScale errorScale) {
  /** How the error of a forecast {@code f} against the value {@code v} is measured. */
  public enum ErrorScale {
    /** {@code v / f}: errors proportional to the level; quantiles in bins of 1 % (ratios e^-3 to e^3). */
    RATIO,
    /**
     * {@code (v − f) / sqrt(max(f, 1))}: errors that grow with the square root of the level, as counts of
     * independent arrivals do; quantiles in bins of 0.05 (from −20 to 40).
     */
    SQRT
  }

  /** The most buckets a series may hold. */
  public static final int MAX_BUCKETS = 1 << 20;

  public SeriesSpec {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(errorLag, "errorLag");
    Objects.requireNonNull(errorWindow, "errorWindow");
    Objects.requireNonNull(errorScale, "errorScale");
    if (resolution.getSeconds() < 1) {
      throw new IllegalArgumentException("resolution: must be at least 1 s, was " + resolution);
    }
    if (retention.compareTo(resolution) < 0 || retention.getSeconds() / resolution.getSeconds() > MAX_BUCKETS) {
      throw new IllegalArgumentException("retention: must be between one bucket (" + resolution + ") and "
          + MAX_BUCKETS + " buckets, was " + retention);
    }
    if (errorLag.isNegative() || errorLag.compareTo(retention) >= 0) {
      throw new IllegalArgumentException("errorLag: must be >= 0 and shorter than retention (" + retention
          + "), was " + errorLag);
    }
    if (errorWindow.compareTo(resolution) < 0 || errorWindow.compareTo(retention) > 0) {
      throw new IllegalArgumentException("errorWindow: must be between one bucket (" + resolution
          + ") and retention (" + retention + "), was " + errorWindow);
    }
  }

  int buckets() {
    return (int) (retention.getSeconds() / resolution.getSeconds());
  }

  int lagBuckets() {
    return (int) (errorLag.getSeconds() / resolution.getSeconds());
  }

  int errorBuckets() {
    return (int) Math.max(1, errorWindow.getSeconds() / resolution.getSeconds());
  }
}
