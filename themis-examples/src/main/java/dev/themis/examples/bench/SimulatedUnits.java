package dev.themis.examples.bench;

/**
 * An in-memory model of BENCHMARK.md §1 that knows nothing of AWS: units requested now serve after {@code boot}
 * minutes, units released now are billed for {@code drain} more minutes, and utilisation of the serving units is
 * capped at 100 %, the excess showing as pending work. Minute by minute, driven by {@link #beginMinute} and
 * {@link #endMinute}. Not thread-safe: one replay, one instance.
 */
public final class SimulatedUnits {
  private final double[] load;
  private final double unitCapacity;
  private final int boot;
  private final int drain;

  private int minute;
  private int serving;
  private final int[] bootingUntil; // count of units becoming ready at minute i
  private final int[] drainingUntil; // count of units whose drain ends (no longer billed) at minute i
  private int booting;
  private int draining;

  private final int[] supply;
  private final long[] billed;
  private final double[] utilisation;
  private final double[] pending;
  private final double[] accepted;
  private final int[] actions;
  private final int[] unitsChanged;

  /**
   * @param load the load in each minute, in the trace's unit
   * @param unitCapacity what one serving unit can take, in the same unit
   * @param initial units serving at minute 0
   */
  public SimulatedUnits(double[] load, double unitCapacity, int boot, int drain, int initial) {
    this.load = load;
    this.unitCapacity = unitCapacity;
    this.boot = boot;
    this.drain = drain;
    int n = load.length;
    this.bootingUntil = new int[n + boot + 1];
    this.drainingUntil = new int[n + drain + 1];
    this.supply = new int[n];
    this.billed = new long[n];
    this.utilisation = new double[n];
    this.pending = new double[n];
    this.accepted = new double[n];
    this.actions = new int[n];
    this.unitsChanged = new int[n];
    this.serving = initial;
  }

  /** Starts minute {@code m}: units whose boot ends now start serving, drains that end now stop billing. */
  public void beginMinute(int m) {
    minute = m;
    serving += bootingUntil[m];
    booting -= bootingUntil[m];
    draining -= drainingUntil[m];
  }

  /** Ends minute {@code m}: records supply, billing, utilisation and pending work. */
  public void endMinute(int m) {
    supply[m] = serving;
    billed[m] = (long) serving + booting + draining;
    double work = load[m] / unitCapacity;
    utilisation[m] = serving == 0 ? (work > 0 ? 1.0 : 0.0) : Math.min(1.0, work / serving);
    pending[m] = Math.max(0, work - serving);
    accepted[m] = Math.min(work, serving);
  }

  /** Units requested: serving plus booting. */
  public int requested() {
    return serving + booting;
  }

  public boolean booting() {
    return booting > 0;
  }

  public int serving() {
    return serving;
  }

  public int minute() {
    return minute;
  }

  /** Requests {@code target} units; released units are the serving ones (booting ones first). */
  public void request(int target) {
    int from = requested();
    if (target > from) {
      int add = target - from;
      if (boot == 0) {
        serving += add;
      } else {
        bootingUntil[minute + boot] += add;
        booting += add;
      }
    } else if (target < from) {
      int remove = from - target;
      for (int i = bootingUntil.length - 1; i > minute && remove > 0; i--) {
        int c = Math.min(remove, bootingUntil[i]);
        bootingUntil[i] -= c;
        booting -= c;
        remove -= c;
      }
      serving -= remove;
      if (drain > 0) {
        drainingUntil[minute + drain] += remove;
        draining += remove;
      }
    }
    actions[minute]++;
    unitsChanged[minute] += Math.abs(target - from);
  }

  /** Mean utilisation over the {@code window} minutes before the current one (the current one at minute 0). */
  public double meanUtilisation(int window) {
    return mean(utilisation, window);
  }

  /** Mean pending work in units over the {@code window} minutes before the current one. */
  public double meanPending(int window) {
    return mean(pending, window);
  }

  /**
   * Work served in each of the {@code window} minutes before the current one, in units, oldest first (empty at
   * minute 0).
   */
  public double[] acceptedSeries(int window) {
    int from = Math.max(0, minute - Math.max(1, window));
    return java.util.Arrays.copyOfRange(accepted, from, minute);
  }

  /** Utilisation in the last completed minute. */
  public double lastUtilisation() {
    return minute == 0 ? currentUtilisation() : utilisation[minute - 1];
  }

  private double currentUtilisation() {
    double work = load[0] / unitCapacity;
    return serving == 0 ? 1.0 : Math.min(1.0, work / serving);
  }

  private double mean(double[] series, int window) {
    if (minute == 0) {
      return series == utilisation ? currentUtilisation() : Math.max(0, load[0] / unitCapacity - serving);
    }
    int from = Math.max(0, minute - Math.max(1, window));
    double acc = 0;
    for (int t = from; t < minute; t++) {
      acc += series[t];
    }
    return acc / (minute - from);
  }

  public Replay replay() {
    return new Replay(supply, billed, actions, unitsChanged);
  }
}
