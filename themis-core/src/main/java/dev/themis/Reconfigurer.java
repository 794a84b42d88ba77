package dev.themis;

import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.config.ThemisConfig;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceProvider;
import dev.themis.spi.ScalingPolicy;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Live reconfiguration of an {@link Autoscaler}: validates a whole document exactly as the builder does, compiles
 * every expression, and only then switches. A resource that stays keeps what the core remembers of it (last
 * action, in-flight state, stabilisation window); its monitor, executor and policy are kept as they are when its
 * settings did not change, and rebuilt from the new settings otherwise (providers recover their own budgets, such
 * as Kinesis's UpdateShardCount log, from the history store).
 */
final class Reconfigurer {
  /** How many applied changes are kept for {@link Autoscaler#configChanges()}. */
  static final int KEEP = 1_000;

  /** Global keys whose value is fixed for the autoscaler's lifetime (they shape the context and discovery). */
  private static final List<ConfigKey<?>> FIXED_GLOBAL = List.of(ThemisConfig.TIME_ZONE, ThemisConfig.DISCOVERY_PERIOD);

  private final Map<String, ResourceProvider> providers;
  private final Map<String, PolicyProvider> policyProviders;
  private final ProviderContext context;
  private final Map<ResourceId, ScalingPolicy> explicitPolicies;
  private final InstantSource clock;

  // Guarded by the autoscaler's discovery lock, which reconfigure() holds.
  private ThemisConfig current;
  private final Deque<ConfigChange> changes = new ArrayDeque<>();
  private long sequence;

  Reconfigurer(Map<String, ResourceProvider> providers, Map<String, PolicyProvider> policyProviders,
      ProviderContext context, Map<ResourceId, ScalingPolicy> explicitPolicies, InstantSource clock,
      ThemisConfig initial) {
    this.providers = providers;
    this.policyProviders = policyProviders;
    this.context = context;
    this.explicitPolicies = Map.copyOf(explicitPolicies);
    this.clock = clock;
    this.current = initial;
  }

  ThemisConfig current() {
    return current;
  }

  /** Every key a resource of {@code id}'s type accepts under {@code policyName} (null: the provider's default). */
  List<ConfigKey<?>> keysOf(ResourceId id, String policyName) {
    List<ConfigKey<?>> keys = new ArrayList<>(ScalingSettings.KEYS);
    keys.add(Autoscaler.POLICY);
    ResourceProvider p = providers.get(id.type());
    if (p != null) {
      keys.addAll(p.configKeys());
    }
    PolicyProvider pp = policyName == null ? null : policyProviders.get(policyName.trim());
    if (pp != null) {
      keys.addAll(pp.configKeys());
    }
    return List.copyOf(keys);
  }

  /** Key names a resource of this type accepts for a core key, e.g. {@code max_shards -> max_capacity}. */
  Map<String, String> aliasesOf(ResourceId id) {
    ResourceProvider p = providers.get(id.type());
    return p == null ? Map.of() : Map.copyOf(p.aliases());
  }

  List<ConfigChange> changes() {
    return List.copyOf(changes);
  }

  /** What the autoscaler switches to. */
  record Plan(List<ResourceRuntime> runtimes, List<ResourceRuntime> retired, Map<ResourceRuntime, ResourceRuntime> inherits,
      ThemisConfig config, ConfigChange change) {}

  /**
   * Validates {@code next} and binds its resources; nothing is switched yet.
   *
   * @throws ConfigurationException with every problem, by key; the autoscaler is unchanged
   */
  Plan plan(ThemisConfig next, String actor, List<ResourceRuntime> running) {
    Objects.requireNonNull(next, "configuration");
    Objects.requireNonNull(actor, "actor");
    List<ConfigProblem> problems = new ArrayList<>();
    Settings global = next.global();
    Binder.checkGlobal(global, providers, problems);
    if (problems.isEmpty()) {
      List<ConfigKey<?>> fixed = new ArrayList<>(FIXED_GLOBAL);
      providers.values().forEach(p -> fixed.addAll(p.globalKeys()));
      for (ConfigKey<?> k : fixed) {
        Object before = current.global().get(k);
        Object after = global.get(k);
        if (!Objects.equals(before, after)) {
          problems.add(new ConfigProblem(global.pathOf(k.name()), global.raw(k.name()),
              "the value it had when the autoscaler was built ('" + current.global().raw(k.name())
                  + "'): it cannot change while running; rebuild the autoscaler to change it"));
        }
      }
    }

    Map<ResourceId, ResourceSpec> before = new LinkedHashMap<>();
    current.resources().forEach(s -> before.put(s.id(), s));
    Map<ResourceId, ResourceRuntime> byId = new LinkedHashMap<>();
    running.forEach(r -> byId.put(r.id, r));

    Set<ResourceId> seen = new LinkedHashSet<>();
    List<ResourceRuntime> fresh = new ArrayList<>();
    Map<ResourceRuntime, ResourceRuntime> inherits = new LinkedHashMap<>();
    for (ResourceSpec spec : next.resources()) {
      if (!seen.add(spec.id())) {
        problems.add(new ConfigProblem(spec.settings().path(), null, "resource listed twice"));
        continue;
      }
      ResourceRuntime old = byId.get(spec.id());
      ResourceSpec oldSpec = before.get(spec.id());
      if (old != null && oldSpec != null && oldSpec.settings().values().equals(spec.settings().values())) {
        fresh.add(old); // unchanged: the very same monitor, executor and policy, memory and all
        continue;
      }
      ResourceRuntime r = Binder.bind(spec, explicitPolicies.get(spec.id()), providers, policyProviders,
          context, false, problems);
      if (r != null) {
        fresh.add(r);
        if (old != null) {
          inherits.put(r, old);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }

    // Resources not listed in the configuration (explicit parts, discovered ones) stay as they are; a previously
    // listed resource no longer listed is dropped.
    List<ResourceRuntime> result = new ArrayList<>(fresh);
    List<ResourceRuntime> retired = new ArrayList<>();
    for (ResourceRuntime r : running) {
      boolean listedBefore = before.containsKey(r.id);
      if (seen.contains(r.id)) {
        if (!fresh.contains(r)) {
          retired.add(r);
        }
      } else if (listedBefore) {
        retired.add(r);
      } else {
        result.add(r);
      }
    }
    result.sort(Comparator.comparing(r -> r.id));
    ConfigChange change = new ConfigChange(sequence + 1, clock.instant(), actor, diff(current, next));
    return new Plan(List.copyOf(result), retired, inherits, next, change);
  }

  /** Called once the switch is made. */
  void committed(Plan plan) {
    current = plan.config();
    sequence = plan.change().sequence();
    changes.addLast(plan.change());
    while (changes.size() > KEEP) {
      changes.removeFirst();
    }
  }

  static List<ConfigChange.Entry> diff(ThemisConfig a, ThemisConfig b) {
    List<ConfigChange.Entry> entries = new ArrayList<>();
    diffSettings(a.global(), b.global(), entries);
    Set<String> types = new LinkedHashSet<>(a.defaults().keySet());
    types.addAll(b.defaults().keySet());
    for (String type : types) {
      diffSettings(Settings.of("defaults." + type, a.defaults().getOrDefault(type, Map.of())),
          Settings.of("defaults." + type, b.defaults().getOrDefault(type, Map.of())), entries);
    }
    Map<ResourceId, ResourceSpec> before = new LinkedHashMap<>();
    a.resources().forEach(s -> before.put(s.id(), s));
    Map<ResourceId, ResourceSpec> after = new LinkedHashMap<>();
    b.resources().forEach(s -> after.put(s.id(), s));
    for (ResourceSpec s : a.resources()) {
      if (!after.containsKey(s.id())) {
        entries.add(new ConfigChange.Entry(s.settings().path(), "managed", null));
      }
    }
    for (ResourceSpec s : b.resources()) {
      ResourceSpec old = before.get(s.id());
      if (old == null) {
        entries.add(new ConfigChange.Entry(s.settings().path(), null, "managed"));
      }
      diffSettings(old == null ? Settings.empty(s.settings().path()) : old.settings(), s.settings(), entries);
    }
    return entries;
  }

  private static void diffSettings(Settings a, Settings b, List<ConfigChange.Entry> into) {
    Set<String> keys = new LinkedHashSet<>(a.values().keySet());
    keys.addAll(b.values().keySet());
    for (String k : keys) {
      String x = a.raw(k);
      String y = b.raw(k);
      if (!Objects.equals(x, y)) {
        into.add(new ConfigChange.Entry(b.pathOf(k), x, y));
      }
    }
  }
}
