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

  /** {@code time_based.minimum}. */
  public static final class Minimum {
    private final Schedule schedule;

    private Minimum(Schedule schedule) {
      this.schedule = schedule;
    }

    /** The scheduled minimum at {@code now} (its floor), else {@link TimeBasedVars#DEFAULT_MINIMUM}. */
    public int nodes(NowVar now) {
      return schedule.floorAt(now.instant()).orElse(DEFAULT_MINIMUM);
    }
  }
}
