package dev.themis;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link dev.themis.spi.ResourceMonitor} observed of one resource at one instant. Immutable.
 *
 * @param id the resource
 * @param observedAt when the observation was made (from the autoscaler's clock)
 * @param capacity the capacity the autoscaler scales, in units (task nodes, open shards), as currently requested;
 *     never negative
 * @param inFlight true while a scaling action or a state transition is under way (cluster resizing, stream
 *     {@code UPDATING}); the autoscaler takes no new action while it is true
 * @param metrics named numeric metrics (e.g. {@code tasknodes.average.cpu}); every value is finite
 * @param missingMetrics names of metrics that could not be observed or were invalid; the autoscaler never scales
 *     down while this is not empty
 * @param variables typed expression variables by name (e.g. {@code tasknodes}, {@code stream}), as the
 *     provider's expressions see them
 * @param detail provider-specific snapshot the executor needs (instance groups, shard layout); may be null. History
 *     keeps of it only what a {@link Summarizable} detail summarises (e.g. instance types, for pricing)
 */
public record ResourceState(
    ResourceId id,
    Instant observedAt,
    int capacity,
    boolean inFlight,
    Map<String, Double> metrics,
    Set<String> missingMetrics,
    Map<String, Object> variables,
    Object detail) {

  public ResourceState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(observedAt, "observedAt");
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity of " + id + ": must be >= 0, was " + capacity);
    }
    // Map.copyOf returns an already-immutable map as is: no copy per tick for monitors that build Map.of(...).
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            "metric " + e.getKey() + " of " + id + ": must be finite (report it as missing instead), was "
                + e.getValue());
      }
    }
    // Sorted, so that reasons naming missing metrics read the same in every run.
    missingMetrics = Objects.requireNonNull(missingMetrics, "missingMetrics").isEmpty()
        ? Set.of()
        : Collections.unmodifiableSortedSet(new TreeSet<>(missingMetrics));
    variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
  }

  /** A state with capacity and metrics only: no variables, nothing missing, not in flight. */
  public static ResourceState of(ResourceId id, Instant observedAt, int capacity, Map<String, Double> metrics) {
    return new ResourceState(id, observedAt, capacity, false, metrics, Set.of(), Map.of(), null);
  }

  /** The named metric, if it was observed. */
  public Optional<Double> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }

  /** True when every metric the monitor tried to read was read and valid. */
  public boolean complete() {
    return missingMetrics.isEmpty();
  }

  /**
   * The provider-specific detail, cast to {@code type}.
   *
   * @throws IllegalStateException if there is no detail or it is of another type
   */
  public <T> T detail(Class<T> type) {
    if (!type.isInstance(detail)) {
      throw new IllegalStateException(
          "state of " + id + ": expected detail of type " + type.getName() + ", was "
              + (detail == null ? "none" : detail.getClass().getName()));
    }
    return type.cast(detail);
  }

  /**
   * This state as history keeps it: no expression variables, and of the provider detail only its
   * {@link Summarizable#summary()} (an immutable {@code Map<String, String>}), if it has one.
   */
  public ResourceState compact() {
    Object kept = detail instanceof Summarizable s ? Map.copyOf(s.summary())
        : detail instanceof Map<?, ?> m && isSummary(m) ? detail : null;
    return new ResourceState(id, observedAt, capacity, inFlight, metrics, missingMetrics, Map.of(), kept);
  }

  /** Whether this state is already as {@link #compact()} makes it. */
  public boolean isCompact() {
    return variables.isEmpty() && (detail == null || detail instanceof Map<?, ?> m && isSummary(m));
  }

  private static boolean isSummary(Map<?, ?> m) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A provider detail that tells history what to keep of it: a few strings that later readers of the history need
   * (a price catalogue: the instance types and markets), not the whole snapshot.
   */
  public interface Summarizable {
    Map<String, String> summary();
  }

  public ResourceState withInFlight(boolean value) {
    return new ResourceState(id, observedAt, capacity, value, metrics, missingMetrics, variables, detail);
  }
}
