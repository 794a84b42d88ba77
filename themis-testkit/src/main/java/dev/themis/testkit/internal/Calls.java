package dev.themis.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Counts API calls per operation and throws injected failures. Internal to the testkit: the simulated clients expose
 * {@code calls()}, {@code resetCalls()} and {@code failNext(...)}. Thread-safe.
 */
public final class Calls {
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Deque<Supplier<? extends RuntimeException>>> failures = new HashMap<>();

  /** Counts one call of {@code operation}, then throws the next failure injected for it, if any. */
  public synchronized void enter(String operation) {
    counts.merge(operation, 1L, Long::sum);
    Deque<Supplier<? extends RuntimeException>> q = failures.get(operation);
    if (q != null && !q.isEmpty()) {
      throw q.poll().get();
    }
  }

  /** Calls per operation name (AWS operation names, e.g. {@code ListInstances}), sorted by name. */
  public synchronized Map<String, Long> snapshot() {
    return Map.copyOf(counts);
  }

  public synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public synchronized void reset() {
    counts.clear();
  }

  /** The next call of {@code operation} throws what {@code failure} supplies (after being counted). */
  public synchronized void failNext(String operation, Supplier<? extends RuntimeException> failure) {
    failures.computeIfAbsent(Objects.requireNonNull(operation, "operation"), k -> new ArrayDeque<>())
        .add(Objects.requireNonNull(failure, "failure"));
  }
}
