package dev.themis.policy;

import dev.themis.ResourceSpec;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.series.SeriesSpec;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code policy: predictive}: {@link PredictivePolicy}, configured by the keys below. */
public final class PredictivePolicyProvider implements PolicyProvider {
  public static final ConfigKey<String> METRIC = ConfigKey.string("predictive_metric", "tasknodes.average.cpu",
      "Utilisation metric (0..1) of the serving units; load = utilisation x serving units (+ pending).");
  public static final ConfigKey<String> PENDING_METRIC = ConfigKey.string("predictive_pending_metric", "",
      "Optional metric of work waiting for capacity (e.g. yarn.containers.pending), added to the load; empty: none.");
  public static final ConfigKey<String> SERVING_METRIC = ConfigKey.string("predictive_serving_metric", "",
      "Optional metric counting the units that serve, which the utilisation averages over (EMR: "
          + "cluster.capacity.running); empty: the capacity, so booting units count as serving.");
  public static final ConfigKey<Double> UNITS_PER_PENDING = ConfigKey.decimal("predictive_units_per_pending", 1.0,
      1e-9, 1e9, "Units of capacity one unit of predictive_pending_metric needs (e.g. 0.25 with 4 containers a node).");
  public static final ConfigKey<Double> TARGET_SHORTFALL = ConfigKey.decimal("target_shortfall",
      PredictivePolicy.DEFAULT_TARGET_SHORTFALL, 0.0001, 0.5,
      "Share of minutes the forecast plus headroom may fall short of the load: the headroom is the (1 - this) "
          + "quantile of the policy's own recent forecast errors. Lower costs more.");
  public static final ConfigKey<Duration> HORIZON = ConfigKey.duration("predictive_horizon", Duration.ofMinutes(10),
      "How far ahead capacity must cover: the resource's boot time (EMR node provisioning, Kinesis reshard) plus "
          + "the tick interval.");
  public static final ConfigKey<Duration> LEVEL_WINDOW = ConfigKey.duration("predictive_level_window",
      Duration.ofHours(1), "How far back the seasonal profile is scaled to the recent load.");
  public static final ConfigKey<Duration> ERROR_WINDOW = ConfigKey.duration("predictive_error_window",
      Duration.ofDays(3), "How far back the forecast errors that size the headroom are taken (1h to 15d).");
  public static final ConfigKey<Double> UTILISATION = ConfigKey.decimal("predictive_utilisation", 0.8, 0.01, 1,
      "Highest utilisation at which the service level holds: capacity = load / this, for the forecast and for the "
          + "reactive floor (never below ceil(current load / this)).");
  public static final ConfigKey<PredictivePolicy.Method> METHOD = new ConfigKey<>("predictive_method",
      "seasonal, daily, peak or naive", "seasonal",
      "Forecast: seasonal (daily profile, weekly once two weeks are held, scaled to the recent level), daily, "
          + "peak (recent maximum scaled by the profile's rise) or naive (recent maximum, no seasonality).",
      text -> parse(PredictivePolicy.Method.class, text));
  public static final ConfigKey<SeriesSpec.ErrorScale> ERROR_SCALE = new ConfigKey<>("predictive_error_scale",
      "sqrt or ratio", "sqrt",
      "How forecast errors are measured: sqrt ((load - forecast) / sqrt(forecast), for arrival counts) or ratio "
          + "(load / forecast).",
      text -> parse(SeriesSpec.ErrorScale.class, text));

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public PredictivePolicyProvider() {}

  @Override
  public String name() {
    return "predictive";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(METRIC, SERVING_METRIC, PENDING_METRIC, UNITS_PER_PENDING, TARGET_SHORTFALL, HORIZON, LEVEL_WINDOW, ERROR_WINDOW,
        UTILISATION, METHOD, ERROR_SCALE);
  }

  @Override
  public ScalingPolicy create(ResourceSpec spec, ProviderContext context) {
    Settings s = spec.settings();
    List<ConfigProblem> problems = new ArrayList<>(s.check(configKeys()));
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    PredictivePolicy.Builder b = PredictivePolicy.builder(s.get(METRIC))
        .targetShortfall(s.get(TARGET_SHORTFALL)).utilisation(s.get(UTILISATION)).method(s.get(METHOD))
        .errorScale(s.get(ERROR_SCALE));
    String serving = s.get(SERVING_METRIC);
    if (!serving.isBlank()) {
      b.serving(serving.trim());
    }
    String pending = s.get(PENDING_METRIC);
    if (!pending.isBlank()) {
      b.pending(pending.trim(), s.get(UNITS_PER_PENDING));
    }
    check(problems, s, HORIZON, () -> b.horizon(s.get(HORIZON)));
    check(problems, s, LEVEL_WINDOW, () -> b.levelWindow(s.get(LEVEL_WINDOW)));
    check(problems, s, ERROR_WINDOW, () -> b.errorWindow(s.get(ERROR_WINDOW)));
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return b.build();
  }

  private static void check(List<ConfigProblem> problems, Settings s, ConfigKey<?> key, Runnable set) {
    try {
      set.run();
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem(s.pathOf(key.name()), s.raw(key.name()), e.getMessage()));
    }
  }

  static <E extends Enum<E>> E parse(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException("expected one of " + names, e);
    }
  }
}
