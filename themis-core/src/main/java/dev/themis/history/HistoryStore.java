package dev.themis.history;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Keeps what the autoscaler observed, decided and did: one {@link ResourceOutcome} per resource per tick (the
 * outcome carries the state, the decision and the action). Implementations must be thread-safe. The default is
 * {@link InMemoryHistoryStore}; a database-backed store implements this interface.
 */
public interface HistoryStore {
  void record(ResourceOutcome outcome);

  /** Outcomes of {@code id} with {@code from <= at < to}, oldest first. */
  List<ResourceOutcome> query(ResourceId id, Instant from, Instant to);

  /** The newest {@code limit} outcomes of {@code id}, newest first. */
  List<ResourceOutcome> latest(ResourceId id, int limit);

  /** Every resource with at least one stored outcome. */
  Set<ResourceId> resources();
}
