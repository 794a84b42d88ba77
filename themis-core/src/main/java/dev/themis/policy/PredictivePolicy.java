package dev.themis.policy;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.series.SeriesSpec;
import dev.themis.series.SeriesView;
import dev.themis.series.Signal;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Scales ahead of the load it forecasts from the resource's own history. The load, in units, is
 * {@code utilisation · serving units + pending · unitsPerPending} (serving units: a metric, else the capacity). The
 * core keeps it per minute for 15 days ({@link PolicyContext#series()}), and after each observation the policy
 * forecasts the load over the next {@code horizon} (boot time plus tick interval: what capacity asked for now must
 * cover):
 *
 * <ul>
 *   <li>{@link Method#SEASONAL} (default): seasonal-naive with level correction. The profile is the mean, over the
 *       last days (up to 7), of the load at the same time of day; once two weeks are held, the same time of the
 *       same weekday one and two weeks ago. It is scaled by the ratio of the last {@code levelWindow}'s load to the
 *       profile's over the same minutes, and its mean over the horizon is the forecast.
 *   <li>{@link Method#DAILY}: the same with daily lags only; {@link Method#PEAK}: the highest load of the last
 *       {@code levelWindow} scaled by how much the profile rises over the horizon; {@link Method#NAIVE}: the highest
 *       load of the last {@code levelWindow} (no seasonality), the reactive reference.
 * </ul>
 *
 * <p>Headroom comes from the policy's own errors: the core records each forecast and the error of the load against
 * the forecast made {@code horizon} earlier, over {@code errorWindow}; the headroom is their
 * {@code (1 − targetShortfall)}-quantile, so one knob trades cost for shortfall. The target is
 * {@code max(reactive floor, (forecast + headroom) / utilisation)}, where the floor is the capacity the current load
 * needs: a forecast adds capacity ahead of a rise and holds it through a dip, it never removes what the current load
 * needs. {@code utilisation} is the highest at which the service level holds. While there is too little history
 * (no forecast, or fewer than {@code 10 / targetShortfall} errors) it keeps the highest load of the last
 * {@code levelWindow}, reactively.
 *
 * <p>Pure, immutable and thread-safe; O(horizon + levelWindow) per decision plus a histogram walk.
 */
public final class PredictivePolicy implements ScalingPolicy {
  /** How the forecast is made. */
  public enum Method {
    SEASONAL,
    DAILY,
    PEAK,
    NAIVE
  }

  /** The default {@code target_shortfall}. */
  public static final double DEFAULT_TARGET_SHORTFALL = 0.1;

  static final Duration DAY = Duration.ofDays(1);
  static final int MAX_DAYS = 7;
  static final Duration RETENTION = Duration.ofDays(15);

  private final String metric;
  private final String pendingMetric;
  private final String servingMetric;
  private final double unitsPerPending;
  private final double targetShortfall;
  private final int horizon;
  private final int levelWindow;
  private final double utilisation;
  private final Method method;
  private final SeriesSpec.ErrorScale errorScale;
  private final int minErrors;
  private final int day;
  private final Optional<SeriesSpec> spec;

  private PredictivePolicy(Builder b) {
    this.metric = Objects.requireNonNull(b.metric, "metric");
    this.pendingMetric = b.pendingMetric;
    this.servingMetric = b.servingMetric;
    this.unitsPerPending = b.unitsPerPending;
    this.targetShortfall = b.targetShortfall;
    this.utilisation = b.utilisation;
    this.method = Objects.requireNonNull(b.method, "method");
    this.errorScale = Objects.requireNonNull(b.errorScale, "errorScale");
    Duration resolution = Duration.ofMinutes(1);
    this.horizon = (int) Math.max(1, b.horizon.toMinutes());
    this.levelWindow = (int) Math.max(1, b.levelWindow.toMinutes());
    this.day = (int) DAY.toMinutes();
    // at least ten expected exceedances, but no more than half the error window can hold
    this.minErrors = (int) Math.min(Math.ceil(10 / targetShortfall),
        Math.max(1, b.errorWindow.toMinutes() / 2));
    Signal signal = this::load;
    this.spec = Optional.of(new SeriesSpec(signal, this::forecast, resolution, RETENTION,
        Duration.ofMinutes(horizon), b.errorWindow, errorScale));
  }

  public static Builder builder(String metric) {
    return new Builder(metric);
  }

  @Override
  public Optional<SeriesSpec> series() {
    return spec;
  }

  /** The load in units, NaN when a metric is missing. */
  double load(int capacity, Map<String, Double> metrics) {
    Double u = metrics.get(metric);
    if (u == null) {
      return Double.NaN;
    }
    double serving = capacity;
    if (servingMetric != null) {
      Double n = metrics.get(servingMetric);
      if (n == null) {
        return Double.NaN;
      }
      serving = n;
    }
    double load = u * serving;
    if (pendingMetric != null) {
      Double p = metrics.get(pendingMetric);
      if (p == null) {
        return Double.NaN;
      }
      load += p * unitsPerPending;
    }
    return Math.max(0, load);
  }

  /**
   * The mean load expected over the next {@code horizon} minutes (the peak within it is the headroom's business:
   * the errors are those of single minutes against this forecast); NaN without enough history. Measured against
   * the highest profile value over the horizon: 1-2 % cheaper at the same τU on NASA, the same on Alibaba.
   */
  double forecast(SeriesView s) {
    if (method == Method.NAIVE) {
      return recentMax(s, levelWindow - 1);
    }
    int week = 7 * day;
    int[] lags;
    if (method != Method.DAILY && s.length() > 2 * week + levelWindow) {
      lags = new int[] {week, 2 * week};
    } else {
      int days = Math.min(MAX_DAYS, (s.length() - levelWindow) / day);
      if (days < 1) {
        return Double.NaN;
      }
      lags = new int[days];
      for (int k = 0; k < days; k++) {
        lags[k] = (k + 1) * day;
      }
    }
    // level: recent load against the profile's over the same minutes; one unit per minute keeps the ratio sane
    // when both are near zero
    double recent = levelWindow;
    double profiled = levelWindow;
    for (int i = 0; i < levelWindow; i++) {
      double v = s.value(i);
      double p = profile(s, lags, -i);
      if (!Double.isNaN(v) && !Double.isNaN(p)) {
        recent += v;
        profiled += p;
      }
    }
    if (method == Method.PEAK) {
      // the recent peak, scaled by how much higher the profile runs over the horizon than over the recent window
      double max = recentMax(s, levelWindow - 1);
      double ahead = Double.NaN;
      for (int j = 0; j <= horizon; j++) {
        double p = profile(s, lags, j);
        if (!Double.isNaN(p) && !(p <= ahead)) {
          ahead = p;
        }
      }
      double mean = (profiled - levelWindow) / levelWindow;
      return Double.isNaN(ahead) || !(mean > 0) ? max : max * Math.max(1, (ahead + 1) / (mean + 1));
    }
    double level = recent / profiled;
    double sum = 0;
    int n = 0;
    for (int j = 0; j <= horizon; j++) {
      double p = profile(s, lags, j);
      if (!Double.isNaN(p)) {
        sum += p;
        n++;
      }
    }
    return n == 0 ? recentMax(s, horizon) : sum / n * level;
  }

  /** Mean load at the lags, {@code ahead} minutes after now (negative: before); NaN if none is known. */
  private static double profile(SeriesView s, int[] lags, int ahead) {
    double sum = 0;
    int n = 0;
    for (int lag : lags) {
      double v = s.value(lag - ahead);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double recentMax(SeriesView s, int buckets) {
    double m = Double.NaN;
    for (int i = 0; i <= buckets; i++) {
      double v = s.value(i);
      if (!Double.isNaN(v) && !(v <= m)) {
        m = v;
      }
    }
    return m;
  }

  @Override
  public ScalingDecision decide(PolicyContext context) {
    int capacity = context.capacity();
    double load = load(capacity, context.state().metrics());
    if (Double.isNaN(load)) {
      return ScalingDecision.hold(capacity, "load metrics missing (" + metric
          + (pendingMetric == null ? "" : ", " + pendingMetric) + ")", name());
    }
    int floor = units(load / utilisation);
    SeriesView s = context.series();
    double forecast = s.forecast(0);
    int errors = s.errorCount();
    if (Double.isNaN(forecast) || errors < minErrors) {
      double recent = load;
      for (int i = 0; i < levelWindow; i++) {
        double v = s.value(i);
        if (v > recent) {
          recent = v;
        }
      }
      int target = Math.max(floor, units(recent / utilisation));
      return new ScalingDecision(target, "reactive fallback: highest load of the last " + levelWindow + " min "
          + fmt(recent) + " units at utilisation " + fmt(utilisation) + " (history: " + s.length() + " min, "
          + errors + " of " + minErrors + " forecast errors)", name());
    }
    double q = s.errorQuantile(1 - targetShortfall);
    double planned = errorScale == SeriesSpec.ErrorScale.RATIO
        ? forecast * q
        : forecast + q * Math.sqrt(Math.max(forecast, 1));
    int ahead = units(planned / utilisation);
    int target = Math.max(floor, ahead);
    return new ScalingDecision(target, "forecast " + fmt(forecast) + " units over " + horizon + " min, headroom "
        + (errorScale == SeriesSpec.ErrorScale.RATIO ? "x" + fmt(q) : "+" + fmt(q) + " sqrt") + " (the "
        + fmt(1 - targetShortfall) + " quantile of " + errors + " errors) -> " + ahead + "; reactive floor " + floor
        + " (load " + fmt(load) + ")", name());
  }

  private static int units(double x) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.ceil(x - 1e-9)));
  }

  /**
   * {@code v} with three decimals, as {@code %.3f} prints it (HALF_UP on the shortest decimal form of {@code v},
   * i.e. {@link Double#toString}), without a Formatter: this runs on every tick.
   */
  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
    double a = Math.abs(v);
    if (a < 1e6) {
      // Below 1e6, v and its shortest decimal form differ by less than 1e-10, and a * 1000 is off by less than 1e-7:
      // unless a * 1000 is within 1e-5 of a tie (x.5), rounding it to the nearest integer rounds as HALF_UP on the
      // decimal form would, without the BigDecimal (about 230 bytes per number; a decision formats five).
      double scaled = a * 1000;
      double floor = Math.floor(scaled);
      double frac = scaled - floor;
      if (Math.abs(frac - 0.5) > 1e-5) {
        return thousandths((long) floor + (frac > 0.5 ? 1 : 0), v < 0);
      }
    }
    String s = java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    return s.equals("-0.000") ? "0.000" : s;
  }

  /** {@code units / 1000} with three decimals, e.g. 700 -> "0.700"; never "-0.000". */
  private static String thousandths(long units, boolean negative) {
    long whole = units / 1000;
    int digits = 1;
    for (long w = whole; w >= 10; w /= 10) {
      digits++;
    }
    boolean sign = negative && units != 0;
    char[] c = new char[(sign ? 1 : 0) + digits + 4];
    int i = c.length;
    long fraction = units % 1000;
    for (int k = 0; k < 3; k++, fraction /= 10) {
      c[--i] = (char) ('0' + fraction % 10);
    }
    c[--i] = '.';
    long w = whole;
    do {
      c[--i] = (char) ('0' + w % 10);
      w /= 10;
    } while (w > 0);
    if (sign) {
      c[0] = '-';
    }
    return new String(c);
  }

  @Override
  public String name() {
    return "predictive";
  }

  /** Builds a {@link PredictivePolicy}; every setting has the default of {@link PredictivePolicyProvider}. */
  public static final class Builder {
    private final String metric;
    private String pendingMetric;
    private String servingMetric;
    private double unitsPerPending = 1;
    private double targetShortfall = DEFAULT_TARGET_SHORTFALL;
    private Duration horizon = Duration.ofMinutes(10);
    private Duration levelWindow = Duration.ofHours(1);
    private Duration errorWindow = Duration.ofDays(3);
    private double utilisation = 0.8;
    private Method method = Method.SEASONAL;
    private SeriesSpec.ErrorScale errorScale = SeriesSpec.ErrorScale.SQRT;

    private Builder(String metric) {
      this.metric = Objects.requireNonNull(metric, "metric");
    }

    /** Work waiting for capacity (e.g. YARN pending containers), in units of {@code unitsPerPending}; or null. */
    public Builder pending(String metric, double unitsPerPending) {
      if (!(unitsPerPending > 0) || Double.isInfinite(unitsPerPending)) {
        throw new IllegalArgumentException("unitsPerPending: must be a finite number > 0, was " + unitsPerPending);
      }
      this.pendingMetric = metric;
      this.unitsPerPending = unitsPerPending;
      return this;
    }

    /**
     * The metric counting the units that serve (e.g. {@code cluster.capacity.running}), which the utilisation is
     * the average of; or null to use the capacity (then units still booting count as serving and inflate the load).
     */
    public Builder serving(String metric) {
      this.servingMetric = metric;
      return this;
    }

    /** The share of minutes the headroom is allowed to fall short, in (0, 0.5]. Default 0.1. */
    public Builder targetShortfall(double v) {
      if (!(v > 0 && v <= 0.5)) {
        throw new IllegalArgumentException("targetShortfall: must be in (0, 0.5], was " + v);
      }
      this.targetShortfall = v;
      return this;
    }

    /** How far ahead capacity must cover: boot time plus tick interval, at least 1 minute. Default 10 min. */
    public Builder horizon(Duration v) {
      this.horizon = positive("horizon", v, Duration.ofMinutes(1), Duration.ofHours(12));
      return this;
    }

    /** How far back the level correction compares load with the profile. Default 1 h. */
    public Builder levelWindow(Duration v) {
      this.levelWindow = positive("levelWindow", v, Duration.ofMinutes(1), Duration.ofHours(12));
      return this;
    }

    /** How far back forecast errors size the headroom. Default 3 days. */
    public Builder errorWindow(Duration v) {
      this.errorWindow = positive("errorWindow", v, Duration.ofHours(1), RETENTION);
      return this;
    }

    /**
     * The highest utilisation at which the service level holds, in (0, 1]: capacity is planned as
     * {@code load / utilisation}, for the forecast and for the reactive floor alike. Default 0.8.
     */
    public Builder utilisation(double v) {
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException("utilisation: must be in (0, 1], was " + v);
      }
      this.utilisation = v;
      return this;
    }

    public Builder method(Method v) {
      this.method = Objects.requireNonNull(v, "method");
      return this;
    }

    public Builder errorScale(SeriesSpec.ErrorScale v) {
      this.errorScale = Objects.requireNonNull(v, "errorScale");
      return this;
    }

    public PredictivePolicy build() {
      return new PredictivePolicy(this);
    }

    private static Duration positive(String name, Duration v, Duration min, Duration max) {
      if (v == null || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + ": must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    }
  }
}
