package dev.themis.history;

import dev.themis.ResourceId;
import dev.themis.ScalingDirection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the autoscaler and a resource's provider remember of one resource between ticks, as one immutable
 * value: the last action (and whether it is still in flight or its result unknown), the scale-down stabilisation
 * window's recommendations, and what each stateful component ({@link dev.themis.spi.StatefulComponent}: e.g. the
 * Kinesis UpdateShardCount log, EMR fallback units and quarantines) asked to keep. A {@link HistoryStore} saves it
 * and gives it back when a new autoscaler is built, so cooldowns, budgets and in-flight actions survive a restart.
 *
 * @param resource the resource
 * @param version increases by one with every saved change; 0 for a resource never saved
 * @param lastAction the last action the autoscaler took or intended, or null if none
 * @param recommendations the policy's recommendations within the scale-down stabilisation window that can still be
 *     the highest, oldest first. The newest one's time is when it was saved: the memory is not saved again while
 *     only that time moves (a steady target, tick after tick), and a restored autoscaler counts the newest one as made
 *     at the restore, so a restart never shortens a stabilisation hold
 * @param components each stateful component's own memory, by component ({@code monitor}, {@code executor})
 */
public record ResourceMemory(
    ResourceId resource, long version, Action lastAction, List<Recommendation> recommendations,
    Map<String, Map<String, String>> components) {

  public ResourceMemory {
    Objects.requireNonNull(resource, "resource");
    if (version < 0) {
      throw new IllegalArgumentException("version of " + resource + ": must be >= 0, was " + version);
    }
    recommendations = List.copyOf(recommendations);
    components = Map.copyOf(components);
    if (!components.isEmpty()) { // no iterator allocated on the common path: resources with no stateful parts
      components.values().forEach(m -> Objects.requireNonNull(m, "component memory"));
    }
  }

  /** What a resource remembers before anything happened to it. */
  public static ResourceMemory empty(ResourceId resource) {
    return new ResourceMemory(resource, 0, null, List.of(), Map.of());
  }

  /**
   * An action the autoscaler took or was about to take.
   *
   * @param direction up or down
   * @param fromCapacity the capacity it started from
   * @param toCapacity the capacity it asked for
   * @param appliedAt when it was (or was to be) applied
   * @param completedAt when it was seen to be complete; null while it is in flight or its result is unknown
   * @param confirmed true once the executor reported the action made; false for an intent recorded before the
   *     executor was called whose result is not known (a crash or an error during the call): it counts as applied
   *     until an observation shows what the cloud did
   * @param fencingToken the coordination lease's fencing token the action was recorded under; 0 without leases
   */
  public record Action(ScalingDirection direction, int fromCapacity, int toCapacity, Instant appliedAt,
      Instant completedAt, boolean confirmed, long fencingToken) {
    public Action {
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(appliedAt, "appliedAt");
      if (direction == ScalingDirection.NONE) {
        throw new IllegalArgumentException("direction: an action goes UP or DOWN, was NONE");
      }
    }

    /** In flight: not yet seen complete (for an unconfirmed intent: its result not yet seen). */
    public boolean inFlight() {
      return completedAt == null;
    }

    public Action completed(Instant at) {
      return new Action(direction, fromCapacity, toCapacity, appliedAt, at, confirmed, fencingToken);
    }
  }

  /** A policy's recommended capacity at one tick, for the scale-down stabilisation window. */
  public record Recommendation(Instant at, int target) {
    public Recommendation {
      Objects.requireNonNull(at, "at");
    }
  }
}
