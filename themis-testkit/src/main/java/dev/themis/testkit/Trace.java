package dev.themis.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A demand trace: samples {@code (timestamp_seconds, value)} held constant until the next sample (zero-order hold).
 * Immutable and thread-safe. Load one with {@link TraceLoader}, or build one with {@link #of}.
 *
 * <p>Before the first sample the first value holds; after the last sample the last value holds.
 *
 * <pre>{@code
 * Trace nasa = TraceLoader.load(Path.of("traces/nasa_http_jul1995_1min.csv"));
 * double c = nasa.capacityForMeanUnits(10, 0.8);
 * Demand nodes = nasa.toUnits(c, 0.8).anchoredAt(clock.instant());   // d_t = max(1, ceil(v / (c * 0.8)))
 * }</pre>
 */
public final class Trace {
  private final String name;
  private final long[] seconds;
  private final double[] values;

  private Trace(String name, long[] seconds, double[] values) {
    this.name = Objects.requireNonNull(name, "name");
    if (seconds.length != values.length) {
      throw new IllegalArgumentException(
          "trace " + name + ": timestamps and values differ in length: " + seconds.length + " vs " + values.length);
    }
    if (seconds.length == 0) {
      throw new IllegalArgumentException("trace " + name + ": must have at least one sample");
    }
    for (int i = 0; i < seconds.length; i++) {
      if (i > 0 && seconds[i] <= seconds[i - 1]) {
        throw new IllegalArgumentException("trace " + name + ": timestamps must increase strictly, sample " + i
            + " has " + seconds[i] + " after " + seconds[i - 1]);
      }
      if (!Double.isFinite(values[i]) || values[i] < 0) {
        throw new IllegalArgumentException(
            "trace " + name + ": values must be finite and >= 0, sample " + i + " was " + values[i]);
      }
    }
    this.seconds = seconds;
    this.values = values;
  }

  /**
   * A trace from arrays (copied).
   *
   * @param seconds sample times in seconds since the start of the trace, strictly increasing
   * @param values sample values, finite and {@code >= 0}
   * @throws IllegalArgumentException naming the first bad sample
   */
  public static Trace of(String name, long[] seconds, double[] values) {
    return new Trace(name, seconds.clone(), values.clone());
  }

  /** A trace holding one value forever. */
  public static Trace constant(String name, double value) {
    return new Trace(name, new long[] {0}, new double[] {value});
  }

  /** A trace with one value per minute, starting at second 0. */
  public static Trace perMinute(String name, double... valuesPerMinute) {
    long[] s = new long[valuesPerMinute.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = 60L * i;
    }
    return new Trace(name, s, valuesPerMinute.clone());
  }

  public String name() {
    return name;
  }

  public int size() {
    return seconds.length;
  }

  /** Time of sample {@code i}, seconds since the trace's start. */
  public long secondsAt(int i) {
    return seconds[i];
  }

  /** Value of sample {@code i}. */
  public double valueOf(int i) {
    return values[i];
  }

  /** Seconds from the first sample to the last. */
  public long spanSeconds() {
    return seconds[seconds.length - 1] - seconds[0];
  }

  /** The value at {@code secondsSinceStart} by zero-order hold. */
  public double valueAt(long secondsSinceStart) {
    int i = Arrays.binarySearch(seconds, secondsSinceStart);
    if (i >= 0) {
      return values[i];
    }
    int insertion = -i - 1;
    return values[Math.max(0, insertion - 1)];
  }

  /** The value {@code offset} after the trace's start (fractions of a second are truncated). */
  public double valueAt(Duration offset) {
    return valueAt(offset.getSeconds());
  }

  public double min() {
    return Arrays.stream(values).min().orElseThrow();
  }

  public double max() {
    return Arrays.stream(values).max().orElseThrow();
  }

  /** The arithmetic mean of the samples (not time-weighted; the shipped traces have a fixed step). */
  public double mean() {
    return Arrays.stream(values).average().orElseThrow();
  }

  /** Every value multiplied by {@code factor} ({@code >= 0}). */
  public Trace scaled(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor: must be finite and >= 0, was " + factor);
    }
    double[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return new Trace(name + "*" + factor, seconds, v);
  }

  /**
   * Demand in units, as BENCHMARK.md defines it: {@code d = max(1, ceil(value / (capacity * rho)))}.
   *
   * @param capacity what one unit (node, shard) can serve, in the trace's unit; {@code > 0}
   * @param rho the highest utilisation at which the service level holds, in (0, 1]
   */
  public Trace toUnits(double capacity, double rho) {
    if (!(capacity > 0) || Double.isInfinite(capacity)) {
      throw new IllegalArgumentException("capacity: must be finite and > 0, was " + capacity);
    }
    if (!(rho > 0 && rho <= 1)) {
      throw new IllegalArgumentException("rho: must be in (0, 1], was " + rho);
    }
    double[] v = new double[values.length];
    for (int i = 0; i < v.length; i++) {
      // A hair below ceil so that exact multiples are not pushed up by floating-point noise.
      v[i] = Math.max(1, Math.ceil(values[i] / (capacity * rho) - 1e-9));
    }
    return new Trace(name + " units", seconds, v);
  }

  /** The unit capacity {@code C} for which the mean value corresponds to {@code meanUnits} units at {@code rho}. */
  public double capacityForMeanUnits(double meanUnits, double rho) {
    return capacityFor(mean(), meanUnits, rho, "meanUnits");
  }

  /** The unit capacity {@code C} for which the peak value fits exactly {@code peakUnits} units at {@code rho}. */
  public double capacityForPeakUnits(double peakUnits, double rho) {
    return capacityFor(max(), peakUnits, rho, "peakUnits");
  }

  private static double capacityFor(double value, double units, double rho, String what) {
    if (!(units > 0)) {
      throw new IllegalArgumentException(what + ": must be > 0, was " + units);
    }
    if (!(rho > 0 && rho <= 1)) {
      throw new IllegalArgumentException("rho: must be in (0, 1], was " + rho);
    }
    if (!(value > 0)) {
      throw new IllegalArgumentException(what + ": the trace's values are all 0, no capacity fits");
    }
    return value / (units * rho);
  }

  /** This trace as a function of time, its second 0 at {@code start}. */
  public Demand anchoredAt(Instant start) {
    Objects.requireNonNull(start, "start");
    return new Demand() {
      @Override
      public double at(Instant instant) {
        return valueAt(Math.floorDiv(Duration.between(start, instant).toMillis(), 1000L));
      }

      @Override
      public String toString() {
        return name + "@" + start;
      }
    };
  }

  @Override
  public String toString() {
    return "Trace[" + name + ", " + seconds.length + " samples, " + spanSeconds() + " s]";
  }
}
