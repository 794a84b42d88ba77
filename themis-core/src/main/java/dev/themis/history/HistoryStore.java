package dev.themis.history;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps what the autoscaler observed, decided and did: one {@link ResourceOutcome} per resource per tick (the
 * outcome carries the state, the decision and the action), and each resource's {@link ResourceMemory} (last action,
 * stabilisation window, what stateful components keep), from which a new autoscaler recovers after a restart.
 * Implementations must be thread-safe. The default is {@link InMemoryHistoryStore}; {@code themis-jdbc} keeps both
 * in PostgreSQL or an embedded database.
 *
 * <p>Stores keep outcomes {@linkplain #compact compact}: the observed state's expression variables and provider
 * detail (every node's samples, the shard map) are not kept, only a detail's
 * {@linkplain ResourceState.Summarizable summary}.
 *
 * <p>A store that implements only the outcome methods keeps no memory: the autoscaler then works as before, but a
 * new autoscaler starts with no cooldowns, budgets or in-flight actions (it logs that at build time).
 */
public interface HistoryStore {
  /** Records an outcome. A durable store may write it on the next {@link #flush()}. */
  void record(ResourceOutcome outcome);

  /** Outcomes of {@code id} with {@code from <= at < to}, oldest first. */
  List<ResourceOutcome> query(ResourceId id, Instant from, Instant to);

  /** The newest {@code limit} outcomes of {@code id}, newest first. */
  List<ResourceOutcome> latest(ResourceId id, int limit);

  /** Every resource with at least one stored outcome. */
  Set<ResourceId> resources();

  /** Whether this store keeps {@link ResourceMemory}, i.e. implements {@link #remember} and {@link #memories}. */
  default boolean keepsMemory() {
    return false;
  }

  /**
   * Saves a resource's memory, replacing the one saved before. A durable store may write it on the next
   * {@link #flush()}; only the newest memory of a resource matters.
   */
  default void remember(ResourceMemory memory) {}

  /**
   * Saves a resource's memory before returning: the autoscaler calls this with the intended action before it asks
   * the executor to act, and does not act if it throws.
   *
   * @throws HistoryUnavailableException if the memory could not be saved
   */
  default void rememberNow(ResourceMemory memory) {
    remember(memory);
  }

  /**
   * The saved memory of each of {@code ids} that has one.
   *
   * @throws HistoryUnavailableException if the store cannot be read; the autoscaler then acts on none of these
   *     resources until a later tick can read it
   */
  default Map<ResourceId, ResourceMemory> memories(Collection<ResourceId> ids) {
    return Map.of();
  }

  /**
   * Writes what {@link #record} and {@link #remember} deferred. The autoscaler calls it at the end of every tick.
   * A store that cannot write keeps what it has and tries again on the next flush; it does not throw.
   */
  default void flush() {}

  /**
   * The outcome as stores keep it: the state without its expression variables and provider detail, a failure's
   * cause without its stack trace. Returns {@code outcome} itself when there is nothing to drop.
   */
  static ResourceOutcome compact(ResourceOutcome outcome) {
    ResourceState s = outcome.state();
    ResourceState cs = s == null || s.isCompact() ? s : s.compact();
    if (outcome instanceof ResourceOutcome.Failed f) {
      RecordedFailure cause = RecordedFailure.of(f.cause());
      return cs == s && cause == f.cause() ? f
          : new ResourceOutcome.Failed(f.resource(), f.at(), f.stage(), cause, cs, f.decision(), f.reasons());
    }
    if (cs == s) {
      return outcome;
    }
    if (outcome instanceof ResourceOutcome.Applied a) {
      return new ResourceOutcome.Applied(a.resource(), a.at(), cs, a.decision(), a.result(), a.reasons());
    }
    if (outcome instanceof ResourceOutcome.DryRun d) {
      return new ResourceOutcome.DryRun(d.resource(), d.at(), cs, d.decision(), d.reasons());
    }
    ResourceOutcome.Held h = (ResourceOutcome.Held) outcome;
    return new ResourceOutcome.Held(h.resource(), h.at(), cs, h.decision(), h.reasons());
  }
}
