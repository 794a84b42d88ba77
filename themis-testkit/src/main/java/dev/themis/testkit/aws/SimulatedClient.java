package dev.themis.testkit.aws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What every simulated client of the testkit shares ({@code SimulatedEmr}, {@code SimulatedYarn},
 * {@code SimulatedKinesis}, {@code SimulatedCloudWatch}): it counts its calls per operation and throws the failures
 * injected for them. A call is counted before its failure is thrown, so failed calls count too.
 *
 * <p>Operation names are the AWS API's ({@code ListInstances}, {@code UpdateShardCount}, {@code GetMetricData});
 * the simulated YARN ResourceManager uses its client's method names ({@code clusterMetrics}, {@code nodes}).
 * Thread-safe: counting and injection have their own lock, apart from the simulation's.
 */
public abstract class SimulatedClient {
  private final Object lock = new Object();
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Deque<Supplier<? extends RuntimeException>>> failures = new HashMap<>();

  /** For the simulated clients. */
  protected SimulatedClient() {}

  /** Calls per operation name (e.g. {@code ListInstances}) since creation or {@link #resetCalls()}. */
  public final Map<String, Long> calls() {
    synchronized (lock) {
      return Map.copyOf(counts);
    }
  }

  /** Forgets the calls counted so far; injected failures not yet thrown stay. */
  public final void resetCalls() {
    synchronized (lock) {
      counts.clear();
    }
  }

  /** All calls counted since creation or {@link #resetCalls()}. */
  public final long totalCalls() {
    synchronized (lock) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The next call of {@code operation} (e.g. {@code ModifyInstanceGroups}) throws what {@code failure} supplies,
   * after being counted. Failures injected for one operation are thrown in the order injected, one per call.
   *
   * @throws NullPointerException if {@code operation} or {@code failure} is null
   */
  public final void failNext(String operation, Supplier<? extends RuntimeException> failure) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(failure, "failure");
    synchronized (lock) {
      failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(failure);
    }
  }

  /**
   * Counts one call of {@code operation}, then throws the next failure injected for it, if any. Every operation of
   * a simulated client calls this first.
   */
  protected final void enter(String operation) {
    RuntimeException failure = null;
    synchronized (lock) {
      counts.merge(operation, 1L, Long::sum);
      Deque<Supplier<? extends RuntimeException>> q = failures.get(operation);
      if (q != null && !q.isEmpty()) {
        failure = q.poll().get();
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
