package dev.themis.series;

import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource's signal in fixed buckets, with the policy's forecast beside each value and a histogram of its
 * forecast errors: what a {@link SeriesSpec} asks the core to keep. Ring buffers of floats sized once (retention /
 * resolution buckets), so an observation costs O(1) plus one forecast and allocates nothing.
 *
 * <p>A bucket keeps the highest value observed in it. Buckets between two observations hold the earlier value
 * (zero-order hold, as a monitor's window average stands for the time since the last tick) for at most
 * {@link #MAX_HOLD}; longer gaps (a restart, an outage) stay unknown.
 *
 * <p>Everything it holds is a function of the stored outcomes' capacity and metrics, so {@link #seed} rebuilds it
 * from a {@link dev.themis.history.HistoryStore} after a restart. Not thread-safe: the autoscaler updates and reads
 * it under the resource's lock.
 */
public final class LoadSeries implements SeriesView {
  /** The longest gap between observations filled by holding the earlier value. */
  public static final Duration MAX_HOLD = Duration.ofHours(1);

  static final double LOG_MIN = -3;
  static final double LOG_STEP = 0.01;
  static final double Z_MIN = -20;
  static final double Z_STEP = 0.05;
  static final int BINS = 1200;

  private final SeriesSpec spec;
  private final long resolutionSeconds;
  private final int size;
  private final int lag;
  private final int errorSize;
  private final long maxHoldBuckets;
  private final float[] values;
  private final float[] forecasts;
  private final short[] errorBins; // per error-window slot: bin index, or -1
  private final int[] histogram = new int[BINS];
  private int errorCount;
  private long newest = Long.MIN_VALUE; // bucket number of bucket 0
  private long lastObserved = Long.MIN_VALUE;
  private int length;

  public LoadSeries(SeriesSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.resolutionSeconds = spec.resolution().getSeconds();
    this.size = spec.buckets();
    this.lag = spec.lagBuckets();
    this.errorSize = spec.errorBuckets();
    this.maxHoldBuckets = Math.max(1, MAX_HOLD.getSeconds() / resolutionSeconds);
    this.values = new float[size];
    this.forecasts = new float[size];
    this.errorBins = new short[errorSize];
    Arrays.fill(values, Float.NaN);
    Arrays.fill(forecasts, Float.NaN);
    Arrays.fill(errorBins, (short) -1);
  }

  /** A series rebuilt from stored outcomes, oldest first (outcomes without a state are skipped). */
  public static LoadSeries seed(SeriesSpec spec, List<ResourceOutcome> outcomes) {
    LoadSeries s = new LoadSeries(spec);
    for (ResourceOutcome o : outcomes) {
      ResourceState st = o.state();
      if (st != null) {
        s.observe(o.at(), st.capacity(), st.metrics());
      }
    }
    return s;
  }

  public SeriesSpec spec() {
    return spec;
  }

  /**
   * Records an observation made at {@code at}: moves the series to {@code at}'s bucket, records the signal and then
   * the policy's forecast. Observations older than the newest bucket are ignored.
   */
  public void observe(Instant at, int capacity, Map<String, Double> metrics) {
    long bucket = Math.floorDiv(at.getEpochSecond(), resolutionSeconds);
    if (newest != Long.MIN_VALUE && bucket < newest) {
      return;
    }
    advanceTo(bucket);
    double v = spec.signal().value(capacity, metrics);
    if (!Double.isNaN(v)) {
      int i = slot(0);
      values[i] = lastObserved == bucket && !Float.isNaN(values[i]) ? Math.max(values[i], (float) v) : (float) v;
      lastObserved = bucket;
    }
    if (spec.forecaster() != null) {
      forecasts[slot(0)] = (float) spec.forecaster().forecast(this);
    }
  }

  private void advanceTo(long bucket) {
    if (newest == Long.MIN_VALUE || bucket - newest > size) {
      reset();
      newest = bucket;
      length = 1;
      return;
    }
    while (newest < bucket) {
      closeNewest();
      float hold = lastObserved != Long.MIN_VALUE && newest + 1 - lastObserved <= maxHoldBuckets
          ? values[slot(0)] : Float.NaN;
      newest++;
      int i = slot(0);
      values[i] = hold;
      forecasts[i] = Float.NaN;
      length = Math.min(size, length + 1);
    }
  }

  /** The newest bucket is complete: its error ratio enters the window, the one errorSize buckets older leaves. */
  private void closeNewest() {
    int e = (int) Math.floorMod(newest, (long) errorSize);
    if (errorBins[e] >= 0) {
      histogram[errorBins[e]]--;
      errorCount--;
      errorBins[e] = -1;
    }
    double v = value(0);
    double f = forecast(lag);
    if (!Double.isNaN(v) && f > 0) {
      int bin = bin(spec.errorScale(), v, f);
      errorBins[e] = (short) bin;
      histogram[bin]++;
      errorCount++;
    }
  }

  static int bin(SeriesSpec.ErrorScale scale, double v, double f) {
    double x;
    if (scale == SeriesSpec.ErrorScale.RATIO) {
      if (!(v > 0)) {
        return 0;
      }
      x = (Math.log(v / f) - LOG_MIN) / LOG_STEP;
    } else {
      x = ((v - f) / Math.sqrt(Math.max(f, 1)) - Z_MIN) / Z_STEP;
    }
    return (int) Math.max(0, Math.min(BINS - 1, Math.floor(x)));
  }

  /** The upper edge of bin {@code b}, in the scale's unit. */
  static double edge(SeriesSpec.ErrorScale scale, int b) {
    return scale == SeriesSpec.ErrorScale.RATIO ? Math.exp(LOG_MIN + (b + 1) * LOG_STEP) : Z_MIN + (b + 1) * Z_STEP;
  }

  private void reset() {
    Arrays.fill(values, Float.NaN);
    Arrays.fill(forecasts, Float.NaN);
    Arrays.fill(errorBins, (short) -1);
    Arrays.fill(histogram, 0);
    errorCount = 0;
    lastObserved = Long.MIN_VALUE;
  }

  private int slot(int ago) {
    return (int) Math.floorMod(newest - ago, (long) size);
  }

  @Override
  public Duration resolution() {
    return spec.resolution();
  }

  @Override
  public Instant newest() {
    return newest == Long.MIN_VALUE ? null : Instant.ofEpochSecond(newest * resolutionSeconds);
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public double value(int ago) {
    return ago < 0 || ago >= length ? Double.NaN : values[slot(ago)];
  }

  @Override
  public double forecast(int ago) {
    return ago < 0 || ago >= length ? Double.NaN : forecasts[slot(ago)];
  }

  @Override
  public int errorCount() {
    return errorCount;
  }

  @Override
  public double errorQuantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q: must be in [0, 1], was " + q);
    }
    if (errorCount == 0) {
      return Double.NaN;
    }
    long needed = Math.max(1, (long) Math.ceil(q * errorCount - 1e-9));
    long acc = 0;
    for (int b = 0; b < BINS; b++) {
      acc += histogram[b];
      if (acc >= needed) {
        return edge(spec.errorScale(), b);
      }
    }
    return edge(spec.errorScale(), BINS - 1);
  }
}
