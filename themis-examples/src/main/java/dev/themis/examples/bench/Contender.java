package dev.themis.examples.bench;

import dev.themis.ScalingSettings;
import dev.themis.spi.ScalingPolicy;
import java.util.Objects;

/** A policy compared in the quality benchmark: a fixed schedule, or a policy driven through the autoscaler. */
public sealed interface Contender permits Contender.Scheduled, Contender.Autoscaled {
  String name();

  /** Minutes between decisions, for υ. */
  int interval();

  /** A supply fixed in advance (static baselines, the oracle): no autoscaler involved. */
  record Scheduled(String name, Planner planner) implements Contender {
    public Scheduled {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(planner, "planner");
    }

    @Override
    public int interval() {
      return 1;
    }
  }

  /** Computes a fixed supply for a workload and profile. */
  @FunctionalInterface
  interface Planner {
    Replay plan(Workload workload, Profile profile);
  }

  /**
   * A policy driven through the real {@link dev.themis.Autoscaler}, which ticks every {@code interval} minutes.
   *
   * @param settings the guards; the monitoring window is the monitor's aggregation window
   * @param factory creates the policy for a replay; a factory that returns null selects the provider's default
   *     policy (the original's expressions), configured by {@code providerSettings}
   * @param providerSettings provider configuration keys (e.g. {@code upscale_expr}) for a replay
   */
  record Autoscaled(String name, int interval, ScalingSettings settings, PolicyFactory factory,
      SettingsFactory providerSettings) implements Contender {
    public Autoscaled {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(providerSettings, "providerSettings");
      if (interval < 1) {
        throw new IllegalArgumentException("contender " + name + ": interval must be >= 1 minute, was " + interval);
      }
    }
  }

  /** A contender with its own policy and no provider settings. */
  static Autoscaled of(String name, int interval, ScalingSettings settings, PolicyFactory factory) {
    return new Autoscaled(name, interval, settings, factory, env -> java.util.Map.of());
  }

  /** Provider configuration for one replay. */
  @FunctionalInterface
  interface SettingsFactory {
    java.util.Map<String, String> create(ReplayEnv env);
  }

  /** Creates a contender's policy for one replay. */
  @FunctionalInterface
  interface PolicyFactory {
    ScalingPolicy create(ReplayEnv env);
  }
}
