package dev.themis;

import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.config.Suggestions;
import dev.themis.config.ThemisConfig;
import dev.themis.history.HistoryStore;
import dev.themis.spi.CoordinationProvider;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceLeases;
import dev.themis.spi.ResourceProvider;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what an {@link Autoscaler.Builder} collected into an autoscaler: finds the providers, validates the global
 * section, binds every resource and sets up coordination, reporting every problem at once.
 */
final class Assembly {
  private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);

  private Assembly() {}

  static Autoscaler build(Autoscaler.Builder b) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, ResourceProvider> byType = collect(b.discover, b.providers, ResourceProvider.class,
        ResourceProvider::type, "resource type", problems);
    List<PolicyProvider> allPolicies = new ArrayList<>(b.policyProviders);
    allPolicies.add(new dev.themis.policy.TargetTrackingPolicyProvider());
    allPolicies.add(new dev.themis.policy.PredictivePolicyProvider());
    Map<String, PolicyProvider> byName = collect(b.discover, allPolicies, PolicyProvider.class, PolicyProvider::name,
        "policy", problems);

    Binder.checkGlobal(b.global, byType, problems);
    ZoneId z = b.zone;
    boolean dry = b.dryRun != null && b.dryRun;
    Duration discoveryPeriod = ThemisConfig.DISCOVERY_PERIOD.parse(null);
    if (problems.isEmpty()) {
      z = b.zone != null ? b.zone : b.global.get(ThemisConfig.TIME_ZONE);
      dry = b.dryRun != null ? b.dryRun : b.global.get(ThemisConfig.DRY_RUN);
      discoveryPeriod = b.global.get(ThemisConfig.DISCOVERY_PERIOD);
    }
    ProviderContext context =
        new Context(b.clock, z == null ? ZoneId.of("UTC") : z, Map.copyOf(b.components), b.global, b.history);

    List<ResourceRuntime> runtimes = new ArrayList<>(b.explicit);
    Set<ResourceId> seen = new LinkedHashSet<>();
    b.explicit.forEach(r -> {
      if (!seen.add(r.id)) {
        problems.add(new ConfigProblem(r.id.toString(), null, "resource listed twice"));
      }
    });
    for (ResourceSpec spec : b.specs) {
      if (!seen.add(spec.id())) {
        problems.add(new ConfigProblem(spec.settings().path(), null, "resource listed twice"));
        continue;
      }
      ResourceRuntime r = Binder.bind(spec, b.explicitPolicies.get(spec.id()), byType, byName, context, false,
          problems);
      if (r != null) {
        runtimes.add(r);
      }
    }
    ResourceLeases coordination = b.leases;
    if (coordination == null) {
      coordination = coordination(b, context, problems);
    }
    if (coordination != null && !b.history.keepsMemory()) {
      problems.add(new ConfigProblem(b.global.pathOf(dev.themis.config.CoordinationKeys.COORDINATION.name()), null,
          "a history store that keeps resource memory on the same database (themis-jdbc's JdbcHistoryStore):"
              + " fencing tokens are checked where intents are recorded; the store is "
              + b.history.getClass().getName()));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    b.warnings.forEach(w -> LOG.warn("configuration: {}", w));
    return new Autoscaler(b, byType, byName, context, runtimes, dry, discoveryPeriod, coordination);
  }

  /** The leases the {@code coordination} section asks for, from the engine's provider; null if none is set. */
  private static ResourceLeases coordination(Autoscaler.Builder b, ProviderContext context,
      List<ConfigProblem> problems) {
    java.util.Optional<CoordinationProvider.Coordination> section =
        dev.themis.config.CoordinationKeys.parse(b.global, problems);
    if (section.isEmpty()) {
      return null;
    }
    CoordinationProvider.Coordination c = section.get();
    Map<String, CoordinationProvider> engines = collect(b.discover, List.of(), CoordinationProvider.class,
        CoordinationProvider::engine, "coordination engine", problems);
    CoordinationProvider p = engines.get(c.engine());
    String path = c.section().pathOf(dev.themis.config.CoordinationKeys.ENGINE.name());
    if (p == null) {
      problems.add(new ConfigProblem(path, c.engine(), "a known coordination engine"
          + Suggestions.didYouMean(c.engine(), engines.keySet()) + "; known: " + new java.util.TreeSet<>(
              engines.keySet()) + " (jdbc comes with themis-jdbc on the classpath)"));
      return null;
    }
    try {
      return p.create(c, context);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    } catch (RuntimeException e) {
      problems.add(new ConfigProblem(path, c.engine(), "coordination engine " + p.getClass().getName()
          + " could not start: " + Autoscaler.describe(e)));
    }
    return null;
  }

  private static <P> Map<String, P> collect(boolean discover, List<P> explicitOnes, Class<P> type,
      java.util.function.Function<P, String> key, String what, List<ConfigProblem> problems) {
    List<P> all = new ArrayList<>(explicitOnes);
    if (discover) {
      java.util.Iterator<P> it = ServiceLoader.load(type, Thread.currentThread().getContextClassLoader()).iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          all.add(it.next());
        } catch (java.util.ServiceConfigurationError e) {
          problems.add(new ConfigProblem("META-INF/services/" + type.getName(), null,
              "a loadable provider class: " + e.getMessage()));
        }
      }
    }
    Map<String, P> byKey = new TreeMap<>();
    for (P p : all) {
      String k;
      try {
        k = key.apply(p);
      } catch (RuntimeException e) {
        problems.add(new ConfigProblem(what + " provider " + p.getClass().getName(), null,
            "a " + what + " name, but asking for it failed: " + Autoscaler.describe(e)));
        continue;
      }
      if (k == null || k.isBlank()) {
        problems.add(new ConfigProblem(what + " provider " + p.getClass().getName(), k,
            "a non-blank " + what + " name (" + (type == ResourceProvider.class ? "type()" : "name()")
                + " returned " + (k == null ? "null" : "'" + k + "'") + ")"));
        continue;
      }
      P other = byKey.get(k);
      if (other == null) {
        byKey.put(k, p);
      } else if (other.getClass() != p.getClass()) {
        problems.add(new ConfigProblem(what + " '" + k + "'", null,
            "exactly one provider, found two: " + other.getClass().getName() + " and " + p.getClass().getName()));
      }
    }
    return byKey;
  }

  private record Context(
      InstantSource clock, ZoneId zone, Map<Class<?>, Object> components, Settings global, HistoryStore history)
      implements ProviderContext {
    @Override
    public <T> Optional<T> component(Class<T> type) {
      return Optional.ofNullable(components.get(type)).map(type::cast);
    }
  }
}
