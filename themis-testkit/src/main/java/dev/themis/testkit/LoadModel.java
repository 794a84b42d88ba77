package dev.themis.testkit;

import dev.themis.ResourceId;
import dev.themis.ResourceState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a monitor would report for a resource of a given capacity under a given load: how {@link PolicyInvariants}
 * builds states for "constant load" and "more load" without a simulated cloud. Load is in units (the capacity at
 * which every unit would be exactly 100 % busy).
 */
@FunctionalInterface
public interface LoadModel {
  ResourceState state(ResourceId id, Instant now, int capacity, double load);

  /**
   * Each named metric is the utilisation of the serving units, {@code min(1, load / capacity)} (1 if the capacity is
   * 0 and there is load, 0 if there is none), as the testkit's simulated YARN reports node CPU.
   */
  static LoadModel utilisation(String... metrics) {
    List<String> names = List.of(metrics);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("utilisation: at least one metric name is required");
    }
    return (id, now, capacity, load) -> {
      double u = capacity == 0 ? (load > 0 ? 1 : 0) : Math.min(1.0, load / capacity);
      Map<String, Double> m = new LinkedHashMap<>();
      names.forEach(n -> m.put(n, u));
      return ResourceState.of(id, now, capacity, m);
    };
  }

  /** Adds a metric holding the load that does not fit, {@code max(0, load - capacity)} (e.g. pending work). */
  default LoadModel withBacklog(String metric) {
    Objects.requireNonNull(metric, "metric");
    return (id, now, capacity, load) -> {
      ResourceState s = state(id, now, capacity, load);
      Map<String, Double> m = new LinkedHashMap<>(s.metrics());
      m.put(metric, Math.max(0, load - capacity));
      return new ResourceState(s.id(), s.observedAt(), s.capacity(), s.inFlight(), m, s.missingMetrics(),
          s.variables(), s.detail());
    };
  }
}
