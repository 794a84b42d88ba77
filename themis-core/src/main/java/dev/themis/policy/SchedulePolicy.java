package dev.themis.policy;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.schedule.Schedule;
import dev.themis.schedule.ScheduleEntry;
import dev.themis.spi.ScalingPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * Proactive scaling from a {@link Schedule}: raises capacity to the floor and lowers it to the cap of the entry
 * that applies now (the first in declaration order); holds otherwise. Meant to be combined with a reactive policy.
 * Pure and thread-safe.
 */
public final class SchedulePolicy implements ScalingPolicy {
  private final Schedule schedule;

  private SchedulePolicy(Schedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  public static SchedulePolicy of(Schedule schedule) {
    return new SchedulePolicy(schedule);
  }

  public Schedule schedule() {
    return schedule;
  }

  @Override
  public ScalingDecision decide(PolicyContext context) {
    int capacity = context.capacity();
    Optional<ScheduleEntry> entry = schedule.at(context.now());
    if (entry.isEmpty()) {
      return ScalingDecision.hold(capacity, "no schedule entry applies", name());
    }
    ScheduleEntry e = entry.get();
    if (e.floor().isPresent() && capacity < e.floor().getAsInt()) {
      return new ScalingDecision(e.floor().getAsInt(), "schedule minimum " + e.floor().getAsInt() + " ("
          + e.describeAt(context.now()) + ") raises " + capacity, name());
    }
    if (e.cap().isPresent() && capacity > e.cap().getAsInt()) {
      return new ScalingDecision(e.cap().getAsInt(), "schedule maximum " + e.cap().getAsInt() + " ("
          + e.describeAt(context.now()) + ") lowers " + capacity, name());
    }
    return ScalingDecision.hold(capacity, "schedule " + e + ": " + capacity + " within", name());
  }

  @Override
  public String name() {
    return "schedule";
  }
}
