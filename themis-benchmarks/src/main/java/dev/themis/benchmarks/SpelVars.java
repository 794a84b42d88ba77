package dev.themis.benchmarks;

/**
 * The original's EMR variables as plain public objects, the way Spring SpEL and the hand-written lambda read them.
 * Field names follow the original ({@code tasknodes.count.nodes}, {@code time_based.minimum.nodes(now)}).
 */
public final class SpelVars {
  public final Group tasknodes;
  public final TimeBased time_based; // the original's name
  public final long now;

  public SpelVars(Group tasknodes, TimeBased timeBased, long now) {
    this.tasknodes = tasknodes;
    this.time_based = timeBased;
    this.now = now;
  }

  /** {@code tasknodes}. */
  public static final class Group {
    public final boolean running;
    public final boolean active;
    public final Count count;
    public final Load average;

    public Group(boolean running, boolean active, Count count, Load average) {
      this.running = running;
      this.active = active;
      this.count = count;
      this.average = average;
    }
  }

  /** {@code count.nodes}. */
  public static final class Count {
    public final int nodes;

    public Count(int nodes) {
      this.nodes = nodes;
    }
  }

  /** {@code average.cpu|mem}. */
  public static final class Load {
    public final double cpu;
    public final double mem;

    public Load(double cpu, double mem) {
      this.cpu = cpu;
      this.mem = mem;
    }
  }

  /** {@code time_based}. */
  public static final class TimeBased {
    public final boolean enabled;
    public final Minimum minimum;

    public TimeBased(boolean enabled, Minimum minimum) {
      this.enabled = enabled;
      this.minimum = minimum;
    }
  }

  /** {@code time_based.minimum.nodes(now)}: a fixed minimum here. */
  public static final class Minimum {
    private final int nodes;

    public Minimum(int nodes) {
      this.nodes = nodes;
    }

    public int nodes(long now) {
      return nodes;
    }
  }
}
