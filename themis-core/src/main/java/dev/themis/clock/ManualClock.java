package dev.themis.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A clock that moves only when told to: for tests, simulations and trace replay. Thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));
 * Autoscaler autoscaler = Autoscaler.builder().clock(clock)...build();
 * autoscaler.tick();
 * clock.advance(Duration.ofMinutes(3));
 * }</pre>
 */
public final class ManualClock implements InstantSource {
  private volatile Instant now;

  private ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  public static ManualClock at(Instant start) {
    return new ManualClock(start);
  }

  /** Starts at 2020-01-01T00:00:00Z. */
  public static ManualClock atEpoch2020() {
    return new ManualClock(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  /**
   * Moves the clock forward.
   *
   * @throws IllegalArgumentException if {@code by} is negative
   */
  public synchronized ManualClock advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("advance: the duration must not be negative, was " + by);
    }
    now = now.plus(by);
    return this;
  }

  /** Sets the clock to any instant, forwards or backwards. */
  public synchronized ManualClock set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
    return this;
  }

  @Override
  public String toString() {
    return "ManualClock[" + now + "]";
  }
}
