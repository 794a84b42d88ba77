package dev.themis.clock;

import java.time.Duration;
import java.time.Instant;

/** Comparisons of instants that a tick makes for every resource, without building an instant for them. */
public final class Instants {
  private Instants() {}

  /**
   * {@code t} is before {@code now - window}: {@code t.isBefore(now.minus(window))} without building that instant,
   * which every resource would on every tick (for its monitoring window, its stabilisation window, its history).
   */
  public static boolean olderThan(Instant t, Instant now, Duration window) {
    long seconds = now.getEpochSecond() - window.getSeconds();
    int nanos = now.getNano() - window.getNano();
    if (nanos < 0) {
      nanos += 1_000_000_000;
      seconds--;
    }
    return t.getEpochSecond() < seconds || t.getEpochSecond() == seconds && t.getNano() < nanos;
  }
}
