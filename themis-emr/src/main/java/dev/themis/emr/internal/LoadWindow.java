package dev.themis.emr.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per-node load samples of the recent ticks, so that a node's cpu and mem are averages over the monitoring window
 * rather than one sample. Samples older than the window are dropped; nodes no longer listed are forgotten.
 */
final class LoadWindow {
  private record Sample(Instant at, double cpu, double mem) {}

  private final Map<String, Deque<Sample>> samples = new HashMap<>();

  /** Adds a sample for a node and returns its {cpu, mem} averages over {@code (now - window, now]}. */
  double[] add(String node, Instant now, Duration window, double cpu, double mem) {
    Deque<Sample> d = samples.computeIfAbsent(node, k -> new ArrayDeque<>());
    while (!d.isEmpty() && !d.peekLast().at().isBefore(now)) {
      d.pollLast(); // a second observation at the same instant replaces the first
    }
    d.addLast(new Sample(now, cpu, mem));
    Instant from = now.minus(window);
    while (d.size() > 1 && !d.peekFirst().at().isAfter(from)) {
      d.pollFirst();
    }
    return new double[] {mean(d, true), mean(d, false)};
  }

  /** Forgets a node's history (its metrics failed: stale samples must not stand in for it). */
  void forget(String node) {
    samples.remove(node);
  }

  void retainOnly(Set<String> nodes) {
    samples.keySet().retainAll(nodes);
  }

  private static double mean(Deque<Sample> d, boolean cpu) {
    double sum = 0;
    int n = 0;
    for (Sample s : d) {
      double v = cpu ? s.cpu() : s.mem();
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
