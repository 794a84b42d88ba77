package dev.themis.testkit;

import dev.themis.ResourceOutcome;
import dev.themis.TickReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Replay} recorded: per step (minute) the demand, the serving and billed units and the actions,
 * plus every applied or failed outcome. Array accessors return copies. Immutable.
 */
public final class ReplayResult {
  private final Instant start;
  private final Duration step;
  private final Duration tickInterval;
  private final double[] demand;
  private final int[] serving;
  private final int[] billed;
  private final int[] actions;
  private final int[] added;
  private final int[] removed;
  private final int[] failures;
  private final boolean[] ticked;
  private final List<Event> events;
  private final List<TickReport> reports;

  /**
   * An applied or failed outcome and the step it happened in.
   *
   * @param step the step index (minute since the start, with a one-minute step)
   * @param at the instant of the tick
   * @param outcome the autoscaler's outcome ({@link ResourceOutcome.Applied} or {@link ResourceOutcome.Failed})
   */
  public record Event(int step, Instant at, ResourceOutcome outcome) {
    public Event {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * One step of the timeline.
   *
   * @param index step index
   * @param at the step's instant
   * @param demand demand (units) at that instant
   * @param demandUnits {@code ceil(demand)}
   * @param serving units serving
   * @param billed units billed (booting, serving, draining)
   * @param actions scaling actions applied in this step
   * @param unitsAdded units requested by those actions
   * @param unitsRemoved units released by those actions
   * @param failures failed outcomes in this step
   * @param ticked whether the autoscaler ticked in this step
   */
  public record Step(int index, Instant at, double demand, int demandUnits, int serving, int billed, int actions,
      int unitsAdded, int unitsRemoved, int failures, boolean ticked) {}

  ReplayResult(Instant start, Duration step, Duration tickInterval, double[] demand, int[] serving, int[] billed,
      int[] actions, int[] added, int[] removed, int[] failures, boolean[] ticked, List<Event> events,
      List<TickReport> reports) {
    this.start = start;
    this.step = step;
    this.tickInterval = tickInterval;
    this.demand = demand;
    this.serving = serving;
    this.billed = billed;
    this.actions = actions;
    this.added = added;
    this.removed = removed;
    this.failures = failures;
    this.ticked = ticked;
    this.events = List.copyOf(events);
    this.reports = List.copyOf(reports);
  }

  public Instant start() {
    return start;
  }

  public Duration step() {
    return step;
  }

  public Duration tickInterval() {
    return tickInterval;
  }

  /** Number of steps. */
  public int size() {
    return demand.length;
  }

  /** Demand per step, in the units the replay was given. */
  public double[] demand() {
    return demand.clone();
  }

  /** {@code ceil(demand)} per step ({@code d_t} when the demand is a trace converted with {@link Trace#toUnits}). */
  public int[] demandUnits() {
    int[] u = new int[demand.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = (int) Math.ceil(demand[i] - 1e-9);
    }
    return u;
  }

  /** Serving units per step ({@code s_t}). */
  public int[] serving() {
    return serving.clone();
  }

  /** Billed units per step; their sum is the cost in unit-steps. */
  public int[] billed() {
    return billed.clone();
  }

  /** Scaling actions applied per step. */
  public int[] actions() {
    return actions.clone();
  }

  public int[] unitsAdded() {
    return added.clone();
  }

  public int[] unitsRemoved() {
    return removed.clone();
  }

  /** Failed outcomes per step. */
  public int[] failures() {
    return failures.clone();
  }

  /** Whether the autoscaler ticked in each step. */
  public boolean[] ticked() {
    return ticked.clone();
  }

  /** Applied and failed outcomes in order. */
  public List<Event> events() {
    return events;
  }

  /** Every tick's report, if the replay was asked to keep them; else empty. */
  public List<TickReport> reports() {
    return reports;
  }

  /** The timeline as one record per step. */
  public List<Step> timeline() {
    List<Step> out = new ArrayList<>(demand.length);
    int[] units = demandUnits();
    for (int i = 0; i < demand.length; i++) {
      out.add(new Step(i, start.plus(step.multipliedBy(i)), demand[i], units[i], serving[i], billed[i], actions[i],
          added[i], removed[i], failures[i], ticked[i]));
    }
    return out;
  }

  /**
   * The same result without its first {@code steps} steps (BENCHMARK.md leaves the first 60 minutes out of every
   * figure); events and reports are kept only for the remaining steps, renumbered from 0.
   */
  public ReplayResult skip(int steps) {
    if (steps < 0 || steps > demand.length) {
      throw new IllegalArgumentException("steps: must be in [0, " + demand.length + "], was " + steps);
    }
    int n = demand.length;
    List<Event> kept = new ArrayList<>();
    for (Event e : events) {
      if (e.step() >= steps) {
        kept.add(new Event(e.step() - steps, e.at(), e.outcome()));
      }
    }
    Instant from = start.plus(step.multipliedBy(steps));
    List<TickReport> keptReports = reports.stream().filter(r -> !r.startedAt().isBefore(from)).toList();
    return new ReplayResult(from, step, tickInterval, java.util.Arrays.copyOfRange(demand, steps, n),
        java.util.Arrays.copyOfRange(serving, steps, n), java.util.Arrays.copyOfRange(billed, steps, n),
        java.util.Arrays.copyOfRange(actions, steps, n), java.util.Arrays.copyOfRange(added, steps, n),
        java.util.Arrays.copyOfRange(removed, steps, n), java.util.Arrays.copyOfRange(failures, steps, n),
        java.util.Arrays.copyOfRange(ticked, steps, n), kept, keptReports);
  }

  /** Total billed unit-steps. */
  public long totalBilled() {
    long t = 0;
    for (int b : billed) {
      t += b;
    }
    return t;
  }

  /** Total scaling actions. */
  public int totalActions() {
    int t = 0;
    for (int a : actions) {
      t += a;
    }
    return t;
  }

  /** Steps in which fewer units served than demanded ({@code s_t < ceil(d_t)}). */
  public int stepsShort() {
    int[] u = demandUnits();
    int n = 0;
    for (int i = 0; i < u.length; i++) {
      if (serving[i] < u[i]) {
        n++;
      }
    }
    return n;
  }

  /** The timeline as CSV: {@code step,time,demand,serving,billed,actions,added,removed,failures}. */
  public String toCsv() {
    StringBuilder b = new StringBuilder("step,time,demand,serving,billed,actions,added,removed,failures\n");
    for (Step s : timeline()) {
      b.append(s.index()).append(',').append(s.at()).append(',').append(s.demand()).append(',').append(s.serving())
          .append(',').append(s.billed()).append(',').append(s.actions()).append(',').append(s.unitsAdded())
          .append(',').append(s.unitsRemoved()).append(',').append(s.failures()).append('\n');
    }
    return b.toString();
  }
}
