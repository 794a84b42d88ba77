package dev.themis.examples.bench;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.history.HistoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A history store that keeps nothing: replays of 40,000 ticks need no history and should not pay for one. */
enum NoHistory implements HistoryStore {
  INSTANCE;

  @Override
  public void record(ResourceOutcome outcome) {}

  @Override
  public List<ResourceOutcome> query(ResourceId id, Instant from, Instant to) {
    return List.of();
  }

  @Override
  public List<ResourceOutcome> latest(ResourceId id, int limit) {
    return List.of();
  }

  @Override
  public Set<ResourceId> resources() {
    return Set.of();
  }
}
