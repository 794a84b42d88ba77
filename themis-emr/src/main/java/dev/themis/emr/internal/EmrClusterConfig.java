package dev.themis.emr.internal;

import dev.themis.ResourceSpec;
import dev.themis.ScalingSettings;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.emr.EmrKeys;
import dev.themis.emr.EmrPriceCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The typed per-cluster settings of the EMR provider, validated all at once. */
record EmrClusterConfig(
    String clusterId, String upscaleExpr, String downscaleExpr, String timeBasedScaling, String preference,
    int baselineNodes, String customDomain, String roleToAssume, boolean scaleCoreGroups, Duration quarantine,
    Duration decommissionTimeout, boolean hardTerminate, String yarnUrl, boolean cloudWatch, String region,
    String instancePrices, int minCapacity, int maxCapacity, String gangliaUrl) {

  static EmrClusterConfig from(ResourceSpec spec) {
    Settings s = spec.settings();
    List<ConfigProblem> problems = new ArrayList<>(s.check(EmrKeys.CLUSTER_KEYS));
    String yarnUrl = s.raw(EmrKeys.YARN_URL.name());
    if (yarnUrl != null && !yarnUrl.trim().startsWith("http://") && !yarnUrl.trim().startsWith("https://")) {
      problems.add(new ConfigProblem(s.pathOf(EmrKeys.YARN_URL.name()), yarnUrl,
          "expected an http:// or https:// URL, optionally with {master}, e.g. 'http://{master}:8088'"));
    }
    String ganglia = s.raw(EmrKeys.GANGLIA_URL.name());
    if (ganglia != null && !ganglia.isBlank() && !ganglia.trim().startsWith("http://")
        && !ganglia.trim().startsWith("https://")) {
      problems.add(new ConfigProblem(s.pathOf(EmrKeys.GANGLIA_URL.name()), ganglia,
          "empty, or an http:// or https:// URL, optionally with {master}, e.g. 'http://{master}/ganglia'"));
    }
    String prices = s.raw(EmrKeys.INSTANCE_PRICES.name());
    if (prices != null) {
      try {
        EmrPriceCatalogue.builder().prices(prices);
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(s.pathOf(EmrKeys.INSTANCE_PRICES.name()), prices, e.getMessage()));
      }
    }
    int min = 0;
    int max = Integer.MAX_VALUE;
    try {
      ScalingSettings scaling = ScalingSettings.from(s);
      min = scaling.minCapacity();
      max = scaling.maxCapacity();
    } catch (ConfigurationException e) {
      // The core reports these problems itself.
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new EmrClusterConfig(spec.id().name(), s.get(EmrKeys.UPSCALE_EXPR), s.get(EmrKeys.DOWNSCALE_EXPR),
        s.get(EmrKeys.TIME_BASED_SCALING), s.get(EmrKeys.GROUP_OR_PREFERRED_MARKET), s.get(EmrKeys.BASELINE_NODES),
        s.get(EmrKeys.CUSTOM_DOMAIN_NAME), s.get(EmrKeys.ROLE_TO_ASSUME), s.get(EmrKeys.SCALE_CORE_GROUPS),
        s.get(EmrKeys.CAPACITY_ERROR_QUARANTINE), s.get(EmrKeys.DECOMMISSION_TIMEOUT),
        s.get(EmrKeys.HARD_TERMINATE), s.get(EmrKeys.YARN_URL).trim(), s.get(EmrKeys.CLOUDWATCH_METRICS),
        blankToNull(s.get(EmrKeys.REGION)), s.get(EmrKeys.INSTANCE_PRICES), min, max,
        blankToNull(s.get(EmrKeys.GANGLIA_URL)));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static <T> T get(Settings s, ConfigKey<T> key) {
    return s.get(key);
  }
}
