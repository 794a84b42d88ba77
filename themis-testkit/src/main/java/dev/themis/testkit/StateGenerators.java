package dev.themis.testkit;

import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Framework-neutral generators of Themis values for property tests: capacities, utilisations, guard settings,
 * resource states and policy contexts. Every generator is a pure function of its {@link
 * java.util.random.RandomGenerator}, so a seed reproduces a run. Edge cases (0, 1, thresholds, bounds) come up
 * more often than uniform sampling would give them.
 */
public final class StateGenerators {
  private StateGenerators() {}

  /** Integers in {@code [min, max]}, the bounds one time in ten. */
  public static Generator<Integer> integers(int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("integers: min (" + min + ") must be <= max (" + max + ")");
    }
    Generator<Integer> uniform = r -> (int) r.nextLong(min, (long) max + 1);
    return Generator.frequently(uniform, 0.1, Generator.oneOf(min, max));
  }

  /** Doubles in {@code [min, max]}, the bounds one time in ten. */
  public static Generator<Double> doubles(double min, double max) {
    if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("doubles: need finite min <= max, were " + min + ", " + max);
    }
    Generator<Double> uniform = r -> min == max ? min : min + (max - min) * r.nextDouble();
    return Generator.frequently(uniform, 0.1, Generator.oneOf(min, max));
  }

  /**
   * Utilisations in {@code [0, 1]}; one time in five one of the values policies compare against (0, 0.5, 0.7, 0.9,
   * 0.95, 1).
   */
  public static Generator<Double> utilisation() {
    return Generator.frequently(r -> r.nextDouble(), 0.2, Generator.oneOf(0.0, 0.5, 0.7, 0.9, 0.95, 1.0));
  }

  /** Instants within {@code span} after {@code from}, whole seconds. */
  public static Generator<Instant> instants(Instant from, Duration span) {
    long seconds = span.getSeconds();
    return r -> from.plusSeconds(seconds <= 0 ? 0 : r.nextLong(seconds + 1));
  }

  /** Valid guard settings: {@code 0 <= min <= max <= maxCapacity}, cooldowns up to 30 min, steps, tolerance. */
  public static Generator<ScalingSettings> settings(int maxCapacity) {
    return r -> {
      int min = integers(0, Math.max(0, maxCapacity / 2)).next(r);
      int max = integers(min, maxCapacity).next(r);
      return ScalingSettings.builder()
          .minCapacity(min)
          .maxCapacity(max)
          .scaleUpCooldown(Duration.ofMinutes(integers(0, 30).next(r)))
          .scaleDownCooldown(Duration.ofMinutes(integers(0, 30).next(r)))
          .scaleDownStabilization(Duration.ofMinutes(integers(0, 15).next(r)))
          .maxStep(integers(0, 10).next(r))
          .tolerance(r.nextInt(3) == 0 ? 0 : doubles(0, 0.3).next(r))
          .build();
    };
  }

  /**
   * Demand traces of {@code minutes} one-minute samples in {@code [0, maxValue]}: a random walk with occasional
   * jumps and spikes, for replaying random demand through a policy or a simulated cloud.
   */
  public static Generator<Trace> demandTraces(int minutes, double maxValue) {
    if (minutes < 1) {
      throw new IllegalArgumentException("minutes: must be >= 1, was " + minutes);
    }
    if (!(maxValue > 0) || Double.isInfinite(maxValue)) {
      throw new IllegalArgumentException("maxValue: must be finite and > 0, was " + maxValue);
    }
    return r -> {
      double[] v = new double[minutes];
      double level = r.nextDouble() * maxValue;
      for (int i = 0; i < minutes; i++) {
        double u = r.nextDouble();
        if (u < 0.02) {
          level = r.nextDouble() * maxValue; // a jump
        } else {
          level += (r.nextDouble() - 0.5) * maxValue * 0.05;
        }
        level = Math.max(0, Math.min(maxValue, level));
        v[i] = u > 0.99 ? maxValue : level; // a one-minute spike now and then
      }
      return Trace.perMinute("random", v);
    };
  }

  /** A builder of {@link ResourceState} generators. */
  public static States states() {
    return new States();
  }

  /**
   * Policy contexts: a current state, a window of earlier states of the same resource (oldest first, one tick
   * apart, same capacity), settings and the state's time as {@code now}.
   *
   * @param maxWindow largest number of earlier observations
   */
  public static Generator<PolicyContext> contexts(Generator<ResourceState> states,
      Generator<ScalingSettings> settings, int maxWindow, Duration tick) {
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(settings, "settings");
    return r -> {
      ResourceState current = states.next(r);
      int n = maxWindow <= 0 ? 0 : r.nextInt(maxWindow + 1);
      List<ResourceState> window = new ArrayList<>(n);
      for (int i = n; i >= 1; i--) {
        ResourceState s = states.next(r);
        window.add(new ResourceState(current.id(), current.observedAt().minus(tick.multipliedBy(i)),
            current.capacity(), s.inFlight(), s.metrics(), s.missingMetrics(), s.variables(), s.detail()));
      }
      return new PolicyContext(current, window, settings.next(r), current.observedAt(), ZoneId.of("UTC"));
    };
  }

  /** Configures a generator of {@link ResourceState}s. Not thread-safe; the built generator is. */
  public static final class States {
    private Generator<ResourceId> id = Generator.constant(ResourceId.of("test", "resource"));
    private Generator<Instant> at = instants(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(7));
    private Generator<Integer> capacity = integers(0, 50);
    private final Map<String, Generator<Double>> metrics = new LinkedHashMap<>();
    private double missing;
    private double inFlight;

    private States() {}

    public States id(ResourceId value) {
      this.id = Generator.constant(Objects.requireNonNull(value, "id"));
      return this;
    }

    public States at(Generator<Instant> instants) {
      this.at = Objects.requireNonNull(instants, "instants");
      return this;
    }

    /** Capacities in {@code [min, max]}. Default 0..50. */
    public States capacity(int min, int max) {
      this.capacity = integers(min, max);
      return this;
    }

    /** A metric with values from {@code values}. */
    public States metric(String name, Generator<Double> values) {
      metrics.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(values, "values"));
      return this;
    }

    /** Probability that each metric is reported missing instead. Default 0. */
    public States missing(double probability) {
      this.missing = probability(probability, "missing");
      return this;
    }

    /** Probability that the state is in flight. Default 0. */
    public States inFlight(double probability) {
      this.inFlight = probability(probability, "inFlight");
      return this;
    }

    public Generator<ResourceState> build() {
      Generator<ResourceId> ids = id;
      Generator<Instant> instants = at;
      Generator<Integer> capacities = capacity;
      Map<String, Generator<Double>> ms = Map.copyOf(metrics);
      List<String> names = new ArrayList<>(new TreeSet<>(ms.keySet())); // a fixed order keeps seeds reproducible
      double pMissing = missing;
      double pInFlight = inFlight;
      return r -> {
        ResourceId rid = ids.next(r);
        Instant t = instants.next(r);
        int c = capacities.next(r);
        Map<String, Double> values = new LinkedHashMap<>();
        Set<String> absent = new TreeSet<>();
        for (String n : names) {
          double v = ms.get(n).next(r);
          if (pMissing > 0 && r.nextDouble() < pMissing) {
            absent.add(n);
          } else {
            values.put(n, v);
          }
        }
        boolean flight = pInFlight > 0 && r.nextDouble() < pInFlight;
        return new ResourceState(rid, t, c, flight, values, absent, Map.of(), null);
      };
    }

    private static double probability(double p, String name) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(name + ": must be a probability in [0, 1], was " + p);
      }
      return p;
    }
  }
}
