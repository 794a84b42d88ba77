package dev.themis;

import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.config.Suggestions;
import dev.themis.config.ThemisConfig;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceBinding;
import dev.themis.spi.ResourceProvider;
import dev.themis.spi.ScalingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds resource specs to providers and policies, collecting every configuration problem. */
final class Binder {
  private Binder() {}

  static ResourceRuntime bind(ResourceSpec spec, ScalingPolicy explicitPolicy,
      Map<String, ResourceProvider> providers, Map<String, PolicyProvider> policyProviders,
      ProviderContext context, boolean discovered, List<ConfigProblem> problems) {
    ResourceId id = spec.id();
    ResourceProvider provider = providers.get(id.type());
    if (provider == null) {
      problems.add(new ConfigProblem(id.type() + "." + id.name(), id.type(),
          "no provider for resource type '" + id.type() + "'" + Suggestions.didYouMean(id.type(), providers.keySet())
              + "; known types: " + new java.util.TreeSet<>(providers.keySet())
              + " (add the provider's module, e.g. themis-emr, to the class path or module path)"));
      return null;
    }
    Settings settings = applyAliases(spec.settings(), provider.aliases(), problems);
    ResourceSpec aliased = new ResourceSpec(id, settings);

    String policyName = settings.raw(Autoscaler.POLICY.name());
    PolicyProvider policyProvider = null;
    if (policyName != null && explicitPolicy == null) {
      policyProvider = policyProviders.get(policyName.trim());
      if (policyProvider == null) {
        problems.add(new ConfigProblem(settings.pathOf(Autoscaler.POLICY.name()), policyName,
            "a known policy name" + Suggestions.didYouMean(policyName, policyProviders.keySet()) + "; known: "
                + new java.util.TreeSet<>(policyProviders.keySet())));
      }
    }

    Set<String> known = new LinkedHashSet<>();
    ScalingSettings.KEYS.forEach(k -> known.add(k.name()));
    known.add(Autoscaler.POLICY.name());
    provider.configKeys().forEach(k -> known.add(k.name()));
    if (policyProvider != null) {
      policyProvider.configKeys().forEach(k -> known.add(k.name()));
    }
    Set<String> allPolicyKeys = new LinkedHashSet<>();
    policyProviders.values().forEach(p -> p.configKeys().forEach(k -> allPolicyKeys.add(k.name())));
    for (String key : settings.values().keySet()) {
      if (!known.contains(key)) {
        Set<String> candidates = new LinkedHashSet<>(known);
        candidates.addAll(provider.aliases().keySet());
        String hint = allPolicyKeys.contains(key) && policyProvider == null
            ? " (it belongs to a policy; select one with 'policy')"
            : Suggestions.didYouMean(key, candidates);
        problems.add(new ConfigProblem(settings.pathOf(key), settings.raw(key), "unknown key" + hint));
      }
    }

    ScalingSettings scaling = null;
    try {
      scaling = ScalingSettings.from(settings);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    ResourceBinding binding = null;
    try {
      binding = provider.create(aliased, context);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    } catch (RuntimeException e) {
      problems.add(new ConfigProblem(id.type() + "." + id.name(), null,
          "provider " + provider.getClass().getName() + " could not create the resource: " + Autoscaler.describe(e)));
    }
    ScalingPolicy policy = explicitPolicy;
    if (policy == null && policyProvider != null) {
      try {
        policy = policyProvider.create(aliased, context);
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException e) {
        problems.add(new ConfigProblem(settings.pathOf(Autoscaler.POLICY.name()), policyName,
            "policy provider " + policyProvider.getClass().getName() + " failed: " + Autoscaler.describe(e)));
      }
    }
    if (scaling == null || binding == null || (policyProvider != null && policy == null)) {
      return null;
    }
    return new ResourceRuntime(id, scaling, binding.monitor(), policy != null ? policy : binding.defaultPolicy(),
        binding.executor(), discovered);
  }

  /**
   * Binds a discovered resource, its type's configured {@code defaults} (may be null) under its own settings.
   *
   * @throws ConfigurationException listing every problem of the spec
   */
  static ResourceRuntime bindDiscovered(ResourceSpec spec, Map<String, String> defaults,
      Map<String, ResourceProvider> providers, Map<String, PolicyProvider> policyProviders, ProviderContext context) {
    ResourceSpec withDefaults = spec;
    if (defaults != null && !defaults.isEmpty()) {
      Map<String, String> values = new LinkedHashMap<>(defaults);
      values.putAll(spec.settings().values());
      withDefaults = new ResourceSpec(spec.id(), Settings.of(spec.settings().path(), values));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    ResourceRuntime r = bind(withDefaults, null, providers, policyProviders, context, true, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return r;
  }

  private static Settings applyAliases(Settings s, Map<String, String> aliases, List<ConfigProblem> problems) {
    if (aliases.isEmpty()) {
      return s;
    }
    Map<String, String> values = new LinkedHashMap<>();
    s.values().forEach((k, v) -> {
      String canonical = aliases.getOrDefault(k, k);
      if (values.containsKey(canonical) && !k.equals(canonical)) {
        problems.add(new ConfigProblem(s.pathOf(k), v, "set only one of '" + k + "' and '" + canonical + "'"));
      }
      values.put(canonical, v);
    });
    return Settings.of(s.path(), values);
  }

  /** Validates the global section: unknown keys, and the values of the core's and the providers' global keys. */
  static void checkGlobal(Settings global, Map<String, ResourceProvider> byType, List<ConfigProblem> problems) {
    Set<String> globalKnown = new LinkedHashSet<>(ThemisConfig.LEGACY_GLOBAL_KEYS);
    ThemisConfig.GLOBAL_KEYS.forEach(k -> globalKnown.add(k.name()));
    byType.values().forEach(p -> p.globalKeys().forEach(k -> globalKnown.add(k.name())));
    for (String key : global.values().keySet()) {
      if (!globalKnown.contains(key)) {
        problems.add(new ConfigProblem(global.pathOf(key), global.raw(key),
            "unknown global key" + Suggestions.didYouMean(key, globalKnown)));
      }
    }
    problems.addAll(global.check(ThemisConfig.GLOBAL_KEYS));
    byType.values().forEach(p -> problems.addAll(global.check(p.globalKeys())));
  }
}
