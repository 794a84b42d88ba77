package dev.themis.testkit;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays demand through an {@link Autoscaler} in virtual time: step by step (default one minute) it ticks the
 * autoscaler every tick interval, samples demand and supply, and advances the {@link ManualClock}. The result has
 * one entry per step (BENCHMARK.md's {@code d_t}, {@code s_t}, billed units, actions), for reports and figures.
 *
 * <p>Within step {@code m} (at {@code start + m * step}): first the tick, if one is due ({@code m} a multiple of
 * {@code tickInterval / step}); then demand, serving and billed units are sampled; then the clock moves one step.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.atEpoch2020();
 * SimulatedEmr emr = SimulatedEmr.builder(clock).build();
 * Demand nodes = trace.toUnits(c, 0.8).anchoredAt(clock.instant());
 * String id = emr.cluster("c")...demand(nodes).create();
 * Autoscaler autoscaler = ...;   // built on the same clock, with emr as its EmrClient
 * ReplayResult r = Replay.builder(autoscaler, clock)
 *     .demand(nodes).supply(emr.supply(id))
 *     .tickInterval(Duration.ofMinutes(3)).duration(Duration.ofDays(1))
 *     .run();
 * int[] s = r.serving();   // per minute
 * }</pre>
 *
 * <p>Not thread-safe; a replay owns its clock while it runs.
 */
public final class Replay {
  private final Autoscaler autoscaler;
  private final ManualClock clock;
  private final Demand demand;
  private final Supply supply;
  private final ResourceId resource;
  private final Duration step;
  private final Duration tickInterval;
  private final int steps;
  private final boolean keepReports;
  private final Progress progress;

  /** Told after each step how far the replay has come; for progress bars. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param done steps replayed so far, 1..total
     * @param total steps in the replay
     */
    void step(int done, int total);
  }

  private Replay(Builder b) {
    this.autoscaler = b.autoscaler;
    this.clock = b.clock;
    this.demand = b.demand;
    this.supply = b.supply;
    this.resource = b.resource;
    this.step = b.step;
    this.tickInterval = b.tickInterval;
    this.steps = b.steps;
    this.keepReports = b.keepReports;
    this.progress = b.progress;
  }

  /**
   * A replay of {@code autoscaler}, which must have been built with {@code clock} as its clock (and the simulated
   * clouds with the same clock).
   */
  public static Builder builder(Autoscaler autoscaler, ManualClock clock) {
    return new Builder(autoscaler, clock);
  }

  /** Runs the replay from the clock's current time; the clock ends {@code steps * step} later. */
  public ReplayResult run() {
    Instant start = clock.instant();
    long every = tickInterval.toNanos() / step.toNanos();
    double[] d = new double[steps];
    int[] serving = new int[steps];
    int[] billed = new int[steps];
    int[] actions = new int[steps];
    int[] added = new int[steps];
    int[] removed = new int[steps];
    int[] failures = new int[steps];
    boolean[] ticked = new boolean[steps];
    List<ReplayResult.Event> events = new ArrayList<>();
    List<TickReport> reports = new ArrayList<>();
    int knownCapacity = -1;
    for (int m = 0; m < steps; m++) {
      Instant now = clock.instant();
      if (m % every == 0) {
        TickReport report = autoscaler.tick();
        ticked[m] = true;
        if (keepReports) {
          reports.add(report);
        }
        for (ResourceOutcome o : report.outcomes()) {
          if (resource != null && !o.resource().equals(resource)) {
            continue;
          }
          if (o.capacityAfter() >= 0) {
            knownCapacity = o.capacityAfter();
          }
          if (o instanceof ResourceOutcome.Applied a) {
            actions[m]++;
            int delta = a.result().toCapacity() - a.result().fromCapacity();
            if (delta > 0) {
              added[m] += delta;
            } else {
              removed[m] -= delta;
            }
            events.add(new ReplayResult.Event(m, now, o));
          } else if (o instanceof ResourceOutcome.Failed) {
            failures[m]++;
            events.add(new ReplayResult.Event(m, now, o));
          }
        }
      }
      d[m] = demand.at(now);
      if (supply != null) {
        serving[m] = supply.serving();
        billed[m] = supply.billed();
      } else {
        serving[m] = Math.max(0, knownCapacity);
        billed[m] = Math.max(0, knownCapacity);
      }
      clock.advance(step);
      progress.step(m + 1, steps);
    }
    return new ReplayResult(start, step, tickInterval, d, serving, billed, actions, added, removed, failures, ticked,
        events, reports);
  }

  /** Configures a {@link Replay}. */
  public static final class Builder {
    private final Autoscaler autoscaler;
    private final ManualClock clock;
    private Demand demand;
    private Supply supply;
    private ResourceId resource;
    private Duration step = Duration.ofMinutes(1);
    private Duration tickInterval = Duration.ofMinutes(1);
    private Duration duration;
    private int steps = -1;
    private boolean keepReports;
    private Progress progress = (done, total) -> {};

    private Builder(Autoscaler autoscaler, ManualClock clock) {
      this.autoscaler = Objects.requireNonNull(autoscaler, "autoscaler");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Demand in units (nodes, shards), sampled every step; required. */
    public Builder demand(Demand demand) {
      this.demand = Objects.requireNonNull(demand, "demand");
      return this;
    }

    /**
     * Where serving and billed units are read every step (a simulated cloud's {@code supply(...)}). Without one,
     * both are the capacity the autoscaler last reported for the resource.
     */
    public Builder supply(Supply supply) {
      this.supply = Objects.requireNonNull(supply, "supply");
      return this;
    }

    /** Counts only this resource's outcomes (default: every resource's). */
    public Builder resource(ResourceId id) {
      this.resource = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Length of one step. Default 1 min. */
    public Builder step(Duration step) {
      Objects.requireNonNull(step, "step");
      if (step.isZero() || step.isNegative()) {
        throw new IllegalArgumentException("step: must be > 0, was " + step);
      }
      this.step = step;
      return this;
    }

    /** How often the autoscaler ticks; a positive multiple of the step. Default 1 min. */
    public Builder tickInterval(Duration interval) {
      Objects.requireNonNull(interval, "tickInterval");
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("tickInterval: must be > 0, was " + interval);
      }
      this.tickInterval = interval;
      return this;
    }

    /** How long to replay (rounded down to whole steps). */
    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration");
      this.steps = -1;
      return this;
    }

    /** How many steps to replay. */
    public Builder steps(int steps) {
      if (steps < 0) {
        throw new IllegalArgumentException("steps: must be >= 0, was " + steps);
      }
      this.steps = steps;
      this.duration = null;
      return this;
    }

    /** Called after every step with the number of steps done and the total. Default: nothing. */
    public Builder progress(Progress progress) {
      this.progress = java.util.Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Keep every {@link TickReport} in the result (memory grows with the replay). Default false. */
    public Builder keepReports(boolean keep) {
      this.keepReports = keep;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the problem when the demand or the length is missing, or the tick
     *     interval is not a multiple of the step
     */
    public Replay build() {
      if (demand == null) {
        throw new IllegalArgumentException("demand: required");
      }
      if (duration == null && steps < 0) {
        throw new IllegalArgumentException("duration or steps: one is required");
      }
      if (tickInterval.toNanos() % step.toNanos() != 0) {
        throw new IllegalArgumentException("tickInterval: must be a multiple of the step (" + step + "), was "
            + tickInterval);
      }
      if (duration != null) {
        long n = duration.toNanos() / step.toNanos();
        if (n > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("duration: at most " + Integer.MAX_VALUE + " steps, was " + duration);
        }
        steps = (int) n;
      }
      return new Replay(this);
    }

    /** Builds and runs. */
    public ReplayResult run() {
      return build().run();
    }
  }
}
