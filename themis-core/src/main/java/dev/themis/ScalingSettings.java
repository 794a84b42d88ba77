package dev.themis;

import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The guards the autoscaler applies to every decision for one resource. Immutable; build with
 * {@link #builder()} or bind from configuration with {@link #from(Settings)}.
 *
 * @param minCapacity lowest capacity the autoscaler will request (default 0)
 * @param maxCapacity highest capacity the autoscaler will request (default {@link Integer#MAX_VALUE})
 * @param scaleUpCooldown no scale-up until this long after the last action completed (default 0)
 * @param scaleDownCooldown no scale-down until this long after the last action completed (default 5 min)
 * @param scaleDownStabilization a scale-down goes only as low as the highest recommendation within this window
 *     (default 5 min; zero disables)
 * @param maxStep largest change of one action in units; 0 means unlimited (default 0)
 * @param maxStepPercent largest change of one action in percent of current capacity (at least one unit); 0 means
 *     unlimited (default 0). With both limits set, the stricter wins.
 * @param tolerance changes smaller than this fraction of current capacity are ignored (default 0)
 * @param pauseScaleUp no scale-up at all (default false)
 * @param pauseScaleDown no scale-down at all (default false)
 * @param dryRun decide and report, change nothing (default false)
 * @param missingMetricsFallback what to do when metrics are missing: empty = hold; a value = move up to that
 *     capacity if below it. Never scales down on missing data.
 * @param monitoringWindow how far back monitors aggregate metrics and policies see history (default 10 min)
 */
public record ScalingSettings(
    int minCapacity,
    int maxCapacity,
    Duration scaleUpCooldown,
    Duration scaleDownCooldown,
    Duration scaleDownStabilization,
    int maxStep,
    double maxStepPercent,
    double tolerance,
    boolean pauseScaleUp,
    boolean pauseScaleDown,
    boolean dryRun,
    OptionalInt missingMetricsFallback,
    Duration monitoringWindow) {

  public static final ConfigKey<Integer> MIN_CAPACITY =
      ConfigKey.integer("min_capacity", 0, 0, "Lowest capacity (nodes, shards) the autoscaler will request.");
  /**
   * No resource is ever asked for more units than this, whatever its {@code max_capacity}: a policy wanting more
   * fails, an executor reporting more fails (and its action counts as applied until the cloud shows it).
   */
  public static final int SANITY_MAX_CAPACITY = 100_000;

  public static final ConfigKey<Integer> MAX_CAPACITY = ConfigKey.integer(
      "max_capacity", null, 0, "Highest capacity the autoscaler will request; unlimited if not set.");
  public static final ConfigKey<Duration> SCALE_UP_COOLDOWN = ConfigKey.duration(
      "scale_up_cooldown", Duration.ZERO, "No scale-up until this long after the last action completed.");
  public static final ConfigKey<Duration> SCALE_DOWN_COOLDOWN = ConfigKey.duration(
      "scale_down_cooldown", Duration.ofMinutes(5), "No scale-down until this long after the last action completed.");
  public static final ConfigKey<Duration> SCALE_DOWN_STABILIZATION = ConfigKey.duration(
      "scale_down_stabilization", Duration.ofMinutes(5),
      "Scale down only to the highest recommendation made within this window (0 disables).");
  public static final ConfigKey<Integer> MAX_STEP =
      ConfigKey.integer("max_step", 0, 0, "Largest change of one action in units; 0 = unlimited.");
  public static final ConfigKey<Double> MAX_STEP_PERCENT = ConfigKey.decimal(
      "max_step_percent", 0.0, 0, 10_000,
      "Largest change of one action in percent of current capacity (at least 1 unit); 0 = unlimited.");
  public static final ConfigKey<Double> TOLERANCE = ConfigKey.decimal(
      "tolerance", 0.0, 0, 1, "Ignore changes smaller than this fraction of current capacity.");
  public static final ConfigKey<Boolean> PAUSE_SCALE_UP =
      ConfigKey.bool("pause_scale_up", false, "Take no scale-up action.");
  public static final ConfigKey<Boolean> PAUSE_SCALE_DOWN =
      ConfigKey.bool("pause_scale_down", false, "Take no scale-down action.");
  public static final ConfigKey<Boolean> DRY_RUN =
      ConfigKey.bool("dry_run", false, "Decide and report, but change nothing.");
  public static final ConfigKey<OptionalInt> MISSING_METRICS_FALLBACK = new ConfigKey<>(
      "missing_metrics_fallback", "'hold' or integer >= 0", "hold",
      "When metrics are missing: 'hold' keeps capacity; a number raises capacity to at least that. Never scales down.",
      text -> text.equalsIgnoreCase("hold")
          ? OptionalInt.empty()
          : OptionalInt.of(parseFallback(text)));
  public static final ConfigKey<Duration> MONITORING_WINDOW = ConfigKey.duration(
      "monitoring_window", Duration.ofMinutes(10),
      "How far back metrics are aggregated and history is shown to policies (original: monitoring_time_window).");

  /** Every core per-resource key, in documentation order. */
  public static final List<ConfigKey<?>> KEYS = List.of(
      MIN_CAPACITY, MAX_CAPACITY, SCALE_UP_COOLDOWN, SCALE_DOWN_COOLDOWN, SCALE_DOWN_STABILIZATION, MAX_STEP,
      MAX_STEP_PERCENT, TOLERANCE, PAUSE_SCALE_UP, PAUSE_SCALE_DOWN, DRY_RUN, MISSING_METRICS_FALLBACK,
      MONITORING_WINDOW);

  public ScalingSettings {
    Objects.requireNonNull(scaleUpCooldown, "scaleUpCooldown");
    Objects.requireNonNull(scaleDownCooldown, "scaleDownCooldown");
    Objects.requireNonNull(scaleDownStabilization, "scaleDownStabilization");
    Objects.requireNonNull(missingMetricsFallback, "missingMetricsFallback");
    Objects.requireNonNull(monitoringWindow, "monitoringWindow");
    List<ConfigProblem> problems = new ArrayList<>();
    if (minCapacity < 0) {
      problems.add(new ConfigProblem("min_capacity", Integer.toString(minCapacity), "must be >= 0"));
    }
    if (maxCapacity < minCapacity) {
      problems.add(new ConfigProblem(
          "max_capacity", Integer.toString(maxCapacity), "must be >= min_capacity (" + minCapacity + ")"));
    }
    if (maxStep < 0) {
      problems.add(new ConfigProblem("max_step", Integer.toString(maxStep), "must be >= 0"));
    }
    if (!(maxStepPercent >= 0)) {
      problems.add(new ConfigProblem("max_step_percent", Double.toString(maxStepPercent), "must be >= 0"));
    }
    if (!(tolerance >= 0 && tolerance <= 1)) {
      problems.add(new ConfigProblem("tolerance", Double.toString(tolerance), "must be in [0, 1]"));
    }
    for (Duration d : List.of(scaleUpCooldown, scaleDownCooldown, scaleDownStabilization, monitoringWindow)) {
      if (d.isNegative()) {
        problems.add(new ConfigProblem("duration", d.toString(), "must not be negative"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  public static ScalingSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Binds the core keys of a resource's settings.
   *
   * @throws ConfigurationException with every problem, each with its full key path
   */
  public static ScalingSettings from(Settings settings) {
    List<ConfigProblem> problems = new ArrayList<>(settings.check(KEYS));
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    Integer max = settings.get(MAX_CAPACITY);
    int min = settings.get(MIN_CAPACITY);
    if (max != null && max < min) {
      throw new ConfigurationException(new ConfigProblem(
          settings.pathOf("max_capacity"), max.toString(), "must be >= min_capacity (" + min + ")"));
    }
    return new ScalingSettings(
        min,
        max == null ? Integer.MAX_VALUE : max,
        settings.get(SCALE_UP_COOLDOWN),
        settings.get(SCALE_DOWN_COOLDOWN),
        settings.get(SCALE_DOWN_STABILIZATION),
        settings.get(MAX_STEP),
        settings.get(MAX_STEP_PERCENT),
        settings.get(TOLERANCE),
        settings.get(PAUSE_SCALE_UP),
        settings.get(PAUSE_SCALE_DOWN),
        settings.get(DRY_RUN),
        settings.get(MISSING_METRICS_FALLBACK),
        settings.get(MONITORING_WINDOW));
  }

  /** Clamps {@code capacity} into [min, max]. */
  public int clamp(int capacity) {
    return Math.max(minCapacity, Math.min(maxCapacity, capacity));
  }

  /** The cooldown for a move in {@code direction}. */
  public Duration cooldown(ScalingDirection direction) {
    return direction == ScalingDirection.DOWN ? scaleDownCooldown : scaleUpCooldown;
  }

  private static int parseFallback(String text) {
    try {
      return ConfigKey.parseInt(text, 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected 'hold' or an integer >= 0", e);
    }
  }

  /** Mutable builder; bare-noun setters. Defaults as documented on the record. */
  public static final class Builder {
    private int minCapacity = 0;
    private int maxCapacity = Integer.MAX_VALUE;
    private Duration scaleUpCooldown = Duration.ZERO;
    private Duration scaleDownCooldown = Duration.ofMinutes(5);
    private Duration scaleDownStabilization = Duration.ofMinutes(5);
    private int maxStep = 0;
    private double maxStepPercent = 0;
    private double tolerance = 0;
    private boolean pauseScaleUp;
    private boolean pauseScaleDown;
    private boolean dryRun;
    private OptionalInt missingMetricsFallback = OptionalInt.empty();
    private Duration monitoringWindow = Duration.ofMinutes(10);

    private Builder() {}

    private Builder(ScalingSettings s) {
      minCapacity = s.minCapacity;
      maxCapacity = s.maxCapacity;
      scaleUpCooldown = s.scaleUpCooldown;
      scaleDownCooldown = s.scaleDownCooldown;
      scaleDownStabilization = s.scaleDownStabilization;
      maxStep = s.maxStep;
      maxStepPercent = s.maxStepPercent;
      tolerance = s.tolerance;
      pauseScaleUp = s.pauseScaleUp;
      pauseScaleDown = s.pauseScaleDown;
      dryRun = s.dryRun;
      missingMetricsFallback = s.missingMetricsFallback;
      monitoringWindow = s.monitoringWindow;
    }

    public Builder minCapacity(int v) {
      minCapacity = v;
      return this;
    }

    public Builder maxCapacity(int v) {
      maxCapacity = v;
      return this;
    }

    /** Sets both cooldowns. */
    public Builder cooldown(Duration v) {
      scaleUpCooldown = v;
      scaleDownCooldown = v;
      return this;
    }

    public Builder scaleUpCooldown(Duration v) {
      scaleUpCooldown = v;
      return this;
    }

    public Builder scaleDownCooldown(Duration v) {
      scaleDownCooldown = v;
      return this;
    }

    public Builder scaleDownStabilization(Duration v) {
      scaleDownStabilization = v;
      return this;
    }

    public Builder maxStep(int v) {
      maxStep = v;
      return this;
    }

    public Builder maxStepPercent(double v) {
      maxStepPercent = v;
      return this;
    }

    public Builder tolerance(double v) {
      tolerance = v;
      return this;
    }

    public Builder pauseScaleUp(boolean v) {
      pauseScaleUp = v;
      return this;
    }

    public Builder pauseScaleDown(boolean v) {
      pauseScaleDown = v;
      return this;
    }

    public Builder dryRun(boolean v) {
      dryRun = v;
      return this;
    }

    /** Fall back to at least {@code capacity} when metrics are missing (never scales down). */
    public Builder missingMetricsFallback(int capacity) {
      missingMetricsFallback = OptionalInt.of(capacity);
      return this;
    }

    /** Hold when metrics are missing (the default). */
    public Builder holdOnMissingMetrics() {
      missingMetricsFallback = OptionalInt.empty();
      return this;
    }

    public Builder monitoringWindow(Duration v) {
      monitoringWindow = v;
      return this;
    }

    /** @throws ConfigurationException listing every invalid value */
    public ScalingSettings build() {
      return new ScalingSettings(
          minCapacity, maxCapacity, scaleUpCooldown, scaleDownCooldown, scaleDownStabilization, maxStep,
          maxStepPercent, tolerance, pauseScaleUp, pauseScaleDown, dryRun, missingMetricsFallback, monitoringWindow);
    }
  }
}
