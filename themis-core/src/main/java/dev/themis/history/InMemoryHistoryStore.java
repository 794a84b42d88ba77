package dev.themis.history;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.clock.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded in-memory history: per resource at most {@code maxEntriesPerResource} outcomes, none older than
 * {@code retention} behind the newest one (the original's history table grew forever), and at most about
 * {@code maxEntries} in all, shared evenly among the resources (with many resources each keeps fewer), kept
 * {@linkplain HistoryStore#compact compact}, and each resource's latest {@link ResourceMemory}. Handing the same
 * store to a new autoscaler recovers cooldowns, budgets and in-flight actions, as a database store does across
 * processes. Thread-safe.
 *
 * <p>Every outcome kept is an object the JVM's collector copies until it is old: a history of thousands of
 * resources times thousands of ticks costs the host heap and collection time, which is why the total is bounded.
 * For a long history of many resources use a database store ({@code themis-jdbc}).
 */
public final class InMemoryHistoryStore implements HistoryStore {
  private final int maxEntriesPerResource;
  private final int maxEntries;
  private final Duration retention;
  private final Map<ResourceId, Deque<ResourceOutcome>> entries = new ConcurrentHashMap<>();
  private final Map<ResourceId, ResourceMemory> memories = new ConcurrentHashMap<>();

  /**
   * A store bounded per resource only.
   *
   * @param maxEntriesPerResource at least 1
   * @param retention how long entries are kept, measured back from the newest entry of the same resource
   */
  public InMemoryHistoryStore(int maxEntriesPerResource, Duration retention) {
    this(maxEntriesPerResource, Integer.MAX_VALUE, retention);
  }

  /**
   * @param maxEntriesPerResource at least 1
   * @param maxEntries at least 1: with n resources, each keeps at most {@code max(1, maxEntries / n)} outcomes
   * @param retention how long entries are kept, measured back from the newest entry of the same resource
   */
  public InMemoryHistoryStore(int maxEntriesPerResource, int maxEntries, Duration retention) {
    if (maxEntriesPerResource < 1) {
      throw new IllegalArgumentException("maxEntriesPerResource: must be >= 1, was " + maxEntriesPerResource);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: must be >= 1, was " + maxEntries);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention: must be positive, was " + retention);
    }
    this.maxEntriesPerResource = maxEntriesPerResource;
    this.maxEntries = maxEntries;
    this.retention = retention;
  }

  /**
   * 2,000 entries (about four days of 3-minute ticks) and 7 days per resource, and 100,000 entries in all (a few
   * tens of MB): 50 resources keep 2,000 entries each, 1,000 resources 100 each.
   */
  public static InMemoryHistoryStore withDefaults() {
    return new InMemoryHistoryStore(2_000, 100_000, Duration.ofDays(7));
  }

  @Override
  public void record(ResourceOutcome outcome) {
    Deque<ResourceOutcome> deque = entries.computeIfAbsent(outcome.resource(), k -> new ArrayDeque<>());
    ResourceOutcome kept = HistoryStore.compact(outcome);
    int limit = Math.max(1, Math.min(maxEntriesPerResource, maxEntries / entries.size()));
    synchronized (deque) {
      deque.addLast(kept);
      while (deque.size() > limit
          || Instants.olderThan(deque.peekFirst().at(), outcome.at(), retention)) {
        deque.removeFirst();
      }
    }
  }

  @Override
  public List<ResourceOutcome> query(ResourceId id, Instant from, Instant to) {
    Deque<ResourceOutcome> deque = entries.get(id);
    if (deque == null) {
      return List.of();
    }
    List<ResourceOutcome> result = new ArrayList<>();
    synchronized (deque) {
      for (ResourceOutcome o : deque) {
        if (!o.at().isBefore(from) && o.at().isBefore(to)) {
          result.add(o);
        }
      }
    }
    return result;
  }

  @Override
  public List<ResourceOutcome> latest(ResourceId id, int limit) {
    Deque<ResourceOutcome> deque = entries.get(id);
    if (deque == null || limit <= 0) {
      return List.of();
    }
    List<ResourceOutcome> result = new ArrayList<>(Math.min(limit, 64));
    synchronized (deque) {
      Iterator<ResourceOutcome> it = deque.descendingIterator();
      while (it.hasNext() && result.size() < limit) {
        result.add(it.next());
      }
    }
    return result;
  }

  @Override
  public Set<ResourceId> resources() {
    return new TreeSet<>(entries.keySet());
  }

  @Override
  public boolean keepsMemory() {
    return true;
  }

  @Override
  public void remember(ResourceMemory memory) {
    memories.put(memory.resource(), memory);
  }

  @Override
  public Map<ResourceId, ResourceMemory> memories(Collection<ResourceId> ids) {
    Map<ResourceId, ResourceMemory> found = new HashMap<>();
    for (ResourceId id : ids) {
      ResourceMemory m = memories.get(id);
      if (m != null) {
        found.put(id, m);
      }
    }
    return found;
  }
}
