package dev.themis.testkit.aws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What every simulated client of the testkit shares ({@code SimulatedEmr}, {@code SimulatedYarn},
 * {@code SimulatedKinesis}, {@code SimulatedCloudWatch}): it counts its calls per operation and throws the failures
 * injected for them, scripted ({@link #failNext}: the next call fails) or at random from a seed ({@link
 * #failRandomly}: each call fails with a probability, the same calls for the same seed). A call is counted before its
 * failure is thrown, so failed calls count too.
 *
 * <p>Operation names are the AWS API's ({@code ListInstances}, {@code UpdateShardCount}, {@code GetMetricData});
 * the simulated YARN ResourceManager uses its client's method names ({@code clusterMetrics}, {@code nodes}).
 * Thread-safe: counting and injection have their own lock, apart from the simulation's.
 */
public abstract class SimulatedClient {
  private final Object lock = new Object();
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Deque<Supplier<? extends RuntimeException>>> failures = new HashMap<>();
  private final Map<String, RandomFailure> randomFailures = new HashMap<>();
  private long injected;

  /** For the simulated clients. */
  protected SimulatedClient() {}

  /** Calls per operation name (e.g. {@code ListInstances}) since creation or {@link #resetCalls()}. */
  public final Map<String, Long> calls() {
    synchronized (lock) {
      return Map.copyOf(counts);
    }
  }

  /** Forgets the calls and injected failures counted so far; failures injected and not yet thrown stay. */
  public final void resetCalls() {
    synchronized (lock) {
      counts.clear();
      injected = 0;
    }
  }

  /** All calls counted since creation or {@link #resetCalls()}. */
  public final long totalCalls() {
    synchronized (lock) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Injected failures thrown (scripted and random) since creation or {@link #resetCalls()}. */
  public final long injectedFailures() {
    synchronized (lock) {
      return injected;
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
   * From now on, each call of {@code operation} fails with {@code probability}, throwing what {@code failure}
   * supplies. The draws come from a generator seeded with {@code seed}, one per call of this operation, so the same
   * seed fails the same calls of the same sequence. A scripted failure ({@link #failNext}) still comes first, and
   * still takes its call's draw, so scripting does not shift which later calls fail. A new call for the same operation
   * replaces the previous one (its generator included); probability 0 stops random failures of the operation.
   *
   * @param probability from 0 (never) to 1 (every call)
   * @throws IllegalArgumentException if {@code probability} is not within [0, 1]
   * @throws NullPointerException if {@code operation} or {@code failure} is null
   */
  public final void failRandomly(String operation, double probability, long seed,
      Supplier<? extends RuntimeException> failure) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(failure, "failure");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability: must be within [0, 1], was " + probability);
    }
    synchronized (lock) {
      if (probability == 0) {
        randomFailures.remove(operation);
      } else {
        randomFailures.put(operation, new RandomFailure(probability, new SplittableRandom(seed), failure));
      }
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
      RandomFailure random = randomFailures.get(operation);
      boolean drawn = random != null && random.random.nextDouble() < random.probability;
      Deque<Supplier<? extends RuntimeException>> q = failures.get(operation);
      if (q != null && !q.isEmpty()) {
        failure = q.poll().get();
      } else if (drawn) {
        failure = random.failure.get();
      }
      if (failure != null) {
        injected++;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private record RandomFailure(double probability, SplittableRandom random,
      Supplier<? extends RuntimeException> failure) {}
}
