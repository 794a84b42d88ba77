package dev.themis;

import dev.themis.spi.ResourceMonitor;
import dev.themis.spi.ScalingExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory resource for core tests: a capacity, a load in units, and a utilisation metric
 * {@code utilisation = load / capacity}. Its executor applies changes immediately unless told to keep them in
 * flight.
 */
final class FakeResource implements ResourceMonitor, ScalingExecutor {
  final ResourceId id;
  int capacity;
  double load;
  boolean inFlight;
  boolean completeSynchronously = true;
  Set<String> missing = Set.of();
  RuntimeException failObserve;
  RuntimeException failApply;
  final List<Integer> applied = new ArrayList<>();

  FakeResource(String name, int capacity, double load) {
    this.id = ResourceId.of("fake", name);
    this.capacity = capacity;
    this.load = load;
  }

  @Override
  public ResourceState observe(Instant now, Duration window) {
    if (failObserve != null) {
      throw failObserve;
    }
    double utilisation = capacity == 0 ? (load > 0 ? 1 : 0) : Math.min(1.0, load / capacity);
    return new ResourceState(id, now, capacity, inFlight, Map.of("utilisation", utilisation), missing, Map.of(),
        null);
  }

  @Override
  public ScalingOutcome apply(ResourceState state, ScalingDecision decision) {
    if (failApply != null) {
      throw failApply;
    }
    int from = capacity;
    capacity = decision.targetCapacity();
    applied.add(capacity);
    if (completeSynchronously) {
      return ScalingOutcome.completed(from, capacity, List.of("resize " + from + " -> " + capacity));
    }
    inFlight = true;
    return ScalingOutcome.started(from, capacity, List.of("resize " + from + " -> " + capacity));
  }
}
