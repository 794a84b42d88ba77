package dev.themis.kinesis.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Instants of past operations within a rolling period (24 h for AWS's per-stream limits). Not thread-safe; the
 * executor that owns it is never called concurrently for one stream.
 */
final class RollingLog {
  private final Duration period;
  private final Deque<Instant> times = new ArrayDeque<>();

  RollingLog(Duration period) {
    this.period = period;
  }

  /** Operations made within {@code (now - period, now]}. */
  int count(Instant now) {
    prune(now);
    return times.size();
  }

  void record(Instant at) {
    times.addLast(at);
  }

  /** Whether an operation at or after {@code at} is logged. */
  boolean hasSince(Instant at) {
    return !times.isEmpty() && !times.peekLast().isBefore(at);
  }

  /** The logged instants, oldest first, comma-separated: what a stream's memory keeps. */
  String snapshot() {
    StringBuilder b = new StringBuilder();
    for (Instant t : times) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(t);
    }
    return b.toString();
  }

  /** Replaces the log with a {@link #snapshot()}. */
  void restore(String snapshot) {
    times.clear();
    if (snapshot == null || snapshot.isEmpty()) {
      return;
    }
    for (String t : snapshot.split(",")) {
      times.addLast(Instant.parse(t));
    }
  }

  /** When the oldest operation in the period leaves it, if any. */
  Optional<Instant> nextRelease(Instant now) {
    prune(now);
    return times.isEmpty() ? Optional.empty() : Optional.of(times.peekFirst().plus(period));
  }

  private void prune(Instant now) {
    Instant cutoff = now.minus(period);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
