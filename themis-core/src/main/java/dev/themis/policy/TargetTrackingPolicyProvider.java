package dev.themis.policy;

import dev.themis.ResourceSpec;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ScalingPolicy;
import java.util.List;

/** {@code policy: target-tracking} with {@code target_metric}, {@code target_value}, {@code target_tolerance}. */
public final class TargetTrackingPolicyProvider implements PolicyProvider {
  public static final ConfigKey<String> TARGET_METRIC = ConfigKey.string(
      "target_metric", null, "Metric to keep near target_value (e.g. allnodes.average.cpu). Required.");
  public static final ConfigKey<Double> TARGET_VALUE =
      ConfigKey.decimal("target_value", 0.7, 1e-9, 1e12, "Utilisation to keep, in the metric's unit.");
  public static final ConfigKey<Double> TARGET_TOLERANCE = ConfigKey.decimal(
      "target_tolerance", 0.1, 0, 0.99, "Ignore utilisation ratios within 1 ± this fraction.");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public TargetTrackingPolicyProvider() {}

  @Override
  public String name() {
    return "target-tracking";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(TARGET_METRIC, TARGET_VALUE, TARGET_TOLERANCE);
  }

  @Override
  public ScalingPolicy create(ResourceSpec spec, ProviderContext context) {
    Settings s = spec.settings();
    var problems = new java.util.ArrayList<>(s.check(configKeys()));
    if (s.raw(TARGET_METRIC.name()) == null) {
      problems.add(new dev.themis.config.ConfigProblem(
          s.pathOf(TARGET_METRIC.name()), null, "required by policy target-tracking"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return TargetTrackingPolicy.of(s.get(TARGET_METRIC), s.get(TARGET_VALUE), s.get(TARGET_TOLERANCE));
  }
}
