package dev.themis.examples.custom;

import dev.themis.ResourceSpec;
import dev.themis.config.ConfigKey;
import dev.themis.config.Settings;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ScalingPolicy;
import java.util.List;

/**
 * Makes {@link HeadroomPolicy} available to configurations as {@code policy: headroom}. Registered in
 * {@code META-INF/services/dev.themis.spi.PolicyProvider}, so adding this jar to the classpath is all a host does.
 */
public final class HeadroomPolicyProvider implements PolicyProvider {
  static final ConfigKey<String> METRIC = ConfigKey.string(
      "headroom_metric", "allnodes.average.cpu", "Utilisation metric (0..1) the headroom policy plans from.");
  static final ConfigKey<Double> TARGET = ConfigKey.decimal(
      "headroom_target_utilisation", 0.7, 0.01, 1, "Utilisation the headroom policy plans for.");
  static final ConfigKey<Integer> HEADROOM =
      ConfigKey.integer("headroom_units", 1, 0, "Spare units the headroom policy keeps on top of the load.");

  @Override
  public String name() {
    return "headroom";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(METRIC, TARGET, HEADROOM);
  }

  @Override
  public ScalingPolicy create(ResourceSpec spec, ProviderContext context) {
    Settings s = spec.settings().requireValid(configKeys());
    return new HeadroomPolicy(s.get(METRIC), s.get(TARGET), s.get(HEADROOM));
  }
}
