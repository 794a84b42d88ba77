package dev.themis;

import dev.themis.spi.ResourceMonitor;
import dev.themis.spi.ScalingExecutor;
import dev.themis.spi.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** One managed resource and what the autoscaler remembers of it between ticks. */
final class ResourceRuntime {
  final ResourceId id;
  final ScalingSettings settings;
  final ResourceMonitor monitor;
  final ScalingPolicy policy;
  final ScalingExecutor executor;
  final boolean discovered;

  /** Held while a tick works on this resource, so two concurrent ticks never act twice on it. */
  final ReentrantLock lock = new ReentrantLock();

  // Everything below is guarded by lock.
  private final Deque<ResourceState> window = new ArrayDeque<>();
  private final Deque<Recommendation> recommendations = new ArrayDeque<>();
  private LastAction lastAction;

  ResourceRuntime(
      ResourceId id, ScalingSettings settings, ResourceMonitor monitor, ScalingPolicy policy,
      ScalingExecutor executor, boolean discovered) {
    this.id = id;
    this.settings = settings;
    this.monitor = monitor;
    this.policy = policy;
    this.executor = executor;
    this.discovered = discovered;
  }

  record Recommendation(Instant at, int target) {}

  /**
   * The last action applied. {@code completedAt} is null while the action is in flight; it is set when the executor
   * reports completion or the first later observation shows the resource no longer in flight.
   */
  record LastAction(ScalingDirection direction, Instant appliedAt, Instant completedAt) {}

  /** Notes a fresh observation: completes an in-flight action, and returns earlier states within the window. */
  List<ResourceState> observed(ResourceState state, Instant now) {
    if (lastAction != null && lastAction.completedAt() == null && !state.inFlight()) {
      lastAction = new LastAction(lastAction.direction(), lastAction.appliedAt(), now);
    }
    Instant cutoff = now.minus(settings.monitoringWindow());
    while (!window.isEmpty() && window.peekFirst().observedAt().isBefore(cutoff)) {
      window.removeFirst();
    }
    List<ResourceState> before = List.copyOf(window); // immutable: PolicyContext keeps it without copying again
    window.addLast(state);
    return before;
  }

  /** Records a policy recommendation and returns the highest one within the stabilisation window. */
  int recommend(int target, Instant now) {
    Instant cutoff = now.minus(settings.scaleDownStabilization());
    while (!recommendations.isEmpty() && recommendations.peekFirst().at().isBefore(cutoff)) {
      recommendations.removeFirst();
    }
    recommendations.addLast(new Recommendation(now, target));
    int highest = target;
    for (Recommendation r : recommendations) {
      highest = Math.max(highest, r.target());
    }
    return highest;
  }

  LastAction lastAction() {
    return lastAction;
  }

  void applied(ScalingDirection direction, Instant now, boolean completed) {
    lastAction = new LastAction(direction, now, completed ? now : null);
  }

  /**
   * Takes over everything {@code previous} remembered between ticks (last action and whether it is in flight,
   * stabilisation recommendations, the observation window), for a resource whose configuration changed live.
   * The caller holds {@code previous.lock}; this runtime is not yet visible to any tick.
   */
  void inheritMemory(ResourceRuntime previous) {
    lock.lock();
    try {
      window.clear();
      window.addAll(previous.window);
      recommendations.clear();
      recommendations.addAll(previous.recommendations);
      lastAction = previous.lastAction;
    } finally {
      lock.unlock();
    }
  }
}
