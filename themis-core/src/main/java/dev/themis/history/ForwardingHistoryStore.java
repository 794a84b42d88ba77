package dev.themis.history;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link HistoryStore} that hands every call to another one: extend it to decorate a store (time it, count its
 * writes, inject faults in tests) by overriding only what changes.
 */
public abstract class ForwardingHistoryStore implements HistoryStore {
  private final HistoryStore delegate;

  protected ForwardingHistoryStore(HistoryStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are handed to. */
  protected HistoryStore delegate() {
    return delegate;
  }

  @Override
  public void record(ResourceOutcome outcome) {
    delegate.record(outcome);
  }

  @Override
  public List<ResourceOutcome> query(ResourceId id, Instant from, Instant to) {
    return delegate.query(id, from, to);
  }

  @Override
  public List<ResourceOutcome> latest(ResourceId id, int limit) {
    return delegate.latest(id, limit);
  }

  @Override
  public Set<ResourceId> resources() {
    return delegate.resources();
  }

  @Override
  public boolean keepsMemory() {
    return delegate.keepsMemory();
  }

  @Override
  public void remember(ResourceMemory memory) {
    delegate.remember(memory);
  }

  @Override
  public void rememberNow(ResourceMemory memory) {
    delegate.rememberNow(memory);
  }

  @Override
  public Map<ResourceId, ResourceMemory> memories(Collection<ResourceId> ids) {
    return delegate.memories(ids);
  }

  @Override
  public void flush() {
    delegate.flush();
  }
}
