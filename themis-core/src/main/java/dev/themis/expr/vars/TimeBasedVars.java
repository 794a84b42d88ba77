package dev.themis.expr.vars;

import dev.themis.schedule.Schedule;
import java.util.Objects;

/**
 * The variable {@code time_based}: the original's proactive schedule. {@code time_based.enabled} is true when a
 * schedule is configured; {@code time_based.minimum.nodes(now)} is the minimum node count the schedule sets at
 * {@code now}, or {@link #DEFAULT_MINIMUM} (the original's {@code DEFAULT_MIN_TASK_NODES}) when no entry matches.
 * Immutable.
 */
public final class TimeBasedVars {
  /** The minimum when no schedule entry matches: 1, as the original's {@code DEFAULT_MIN_TASK_NODES}. */
  public static final int DEFAULT_MINIMUM = 1;

  private static final TimeBasedVars DISABLED = new TimeBasedVars(Schedule.none());

  public final boolean enabled;
  public final Minimum minimum;

  private TimeBasedVars(Schedule schedule) {
    this.enabled = !schedule.isEmpty();
    this.minimum = new Minimum(schedule);
  }

  public static TimeBasedVars of(Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return schedule.isEmpty() ? DISABLED : new TimeBasedVars(schedule);
  }

  /** No schedule: {@code enabled} false, minimum always 1. */
  public static TimeBasedVars disabled() {
    return DISABLED;
  }

  /**
   * {@code time_based.minimum}. Memoised: an expression calling {@code time_based.minimum.nodes(now)} many times in
   * one tick looks the schedule up once, so its cost stays bounded by its length.
   */
  public static final class Minimum {
    private final Schedule schedule;
    /** The last lookup; replaced whole, so concurrent ticks never see a half-written pair. */
    private volatile Memo last;
    private final java.util.concurrent.atomic.LongAdder lookups = new java.util.concurrent.atomic.LongAdder();

    private Minimum(Schedule schedule) {
      this.schedule = schedule;
    }

    /** The scheduled minimum at {@code now} (its floor), else {@link TimeBasedVars#DEFAULT_MINIMUM}. */
    public int nodes(NowVar now) {
      java.time.Instant at = now.instant();
      Memo m = last;
      if (m != null && m.at.equals(at)) {
        return m.nodes;
      }
      lookups.increment();
      int nodes = schedule.floorAt(at).orElse(DEFAULT_MINIMUM);
      last = new Memo(at, nodes);
      return nodes;
    }

    /** Schedule lookups made so far (tests: memoisation). */
    long lookups() {
      return lookups.sum();
    }

    private record Memo(java.time.Instant at, int nodes) {}
  }
}
