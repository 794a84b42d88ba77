package dev.themis.testkit;

import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingSettings;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Reusable invariant checks for a {@link ScalingPolicy}: a user applies those their policy claims to their own
 * policy, without a cloud. Each check runs {@link #examples} generated examples from a seed and reports the first
 * counterexample with the seed and example number that reproduce it.
 *
 * <ul>
 *   <li>{@link #checkBounds()}: every target lies within the settings' {@code [minCapacity, maxCapacity]}. (The
 *       autoscaler clamps anyway; a policy that claims to respect bounds is checked here.)
 *   <li>{@link #checkDeterministic()}: the same context gives the same decision, also after deciding on other
 *       contexts in between (no hidden state, no clock, no randomness).
 *   <li>{@link #checkNoFlapping()}: under a constant load, feeding each decision back as the next capacity, the
 *       capacity never reverses direction (no up after down or down after up) within {@link #rounds} ticks.
 *   <li>{@link #checkMonotoneInLoad()}: at equal capacity, more load never gives a smaller target.
 * </ul>
 *
 * <pre>{@code
 * PolicyInvariants inv = PolicyInvariants.of(myPolicy, LoadModel.utilisation("tasknodes.average.cpu"))
 *     .settings(ScalingSettings.builder().minCapacity(1).maxCapacity(25).build());
 * inv.assertDeterministic();
 * inv.assertNoFlapping();
 * inv.assertMonotoneInLoad();
 * }</pre>
 *
 * <p>The {@code assert...} methods throw {@link AssertionError}, so they work in any test framework. Not
 * thread-safe while being configured.
 */
public final class PolicyInvariants {
  private static final ResourceId ID = ResourceId.of("test", "resource");
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  private final ScalingPolicy policy;
  private final LoadModel model;
  private ScalingSettings settings = ScalingSettings.builder().maxCapacity(100).build();
  private int examples = Integer.getInteger("themis.qt.examples", 1000);
  private long seed = Long.getLong("themis.seed", 20_160_531L);
  private int rounds = 30;
  private Duration tick = Duration.ofMinutes(3);
  private double maxLoadFactor = 2.0;

  private PolicyInvariants(ScalingPolicy policy, LoadModel model) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Checks for {@code policy}, whose observations under a given capacity and load come from {@code model}.
   */
  public static PolicyInvariants of(ScalingPolicy policy, LoadModel model) {
    return new PolicyInvariants(policy, model);
  }

  /** Settings given to the policy; capacities are drawn within their bounds. Default: 0..100, core defaults. */
  public PolicyInvariants settings(ScalingSettings value) {
    this.settings = Objects.requireNonNull(value, "settings");
    if (value.maxCapacity() == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("settings: maxCapacity must be set, capacities are drawn below it");
    }
    return this;
  }

  /** Examples per check. Default: system property {@code themis.qt.examples}, else 1000. */
  public PolicyInvariants examples(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("examples: must be >= 1, was " + n);
    }
    this.examples = n;
    return this;
  }

  /** Seed of the examples. Default: system property {@code themis.seed}, else a fixed value. */
  public PolicyInvariants seed(long value) {
    this.seed = value;
    return this;
  }

  /** Ticks simulated per no-flapping example. Default 30. */
  public PolicyInvariants rounds(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("rounds: must be >= 2, was " + n);
    }
    this.rounds = n;
    return this;
  }

  /** Time between two decisions of the no-flapping check. Default 3 min. */
  public PolicyInvariants tick(Duration value) {
    Objects.requireNonNull(value, "tick");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("tick: must be > 0, was " + value);
    }
    this.tick = value;
    return this;
  }

  /** Loads are drawn in {@code [0, factor * maxCapacity]}. Default 2 (half of the examples overload). */
  public PolicyInvariants maxLoadFactor(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("maxLoadFactor: must be finite and > 0, was " + factor);
    }
    this.maxLoadFactor = factor;
    return this;
  }

  /**
   * A counterexample to an invariant.
   *
   * @param invariant which invariant
   * @param seed the seed of the run
   * @param example the example number (0-based) within the run
   * @param description what was observed
   */
  public record Violation(String invariant, long seed, int example, String description) {
    @Override
    public String toString() {
      return invariant + " violated (seed " + seed + ", example " + example + "): " + description;
    }
  }

  // --- checks over generated examples

  public Optional<Violation> checkBounds() {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < examples; i++) {
      PolicyContext ctx = context(r);
      Optional<String> v = bounds(policy, ctx);
      if (v.isPresent()) {
        return Optional.of(new Violation("bounds respected", seed, i, v.get()));
      }
    }
    return Optional.empty();
  }

  public Optional<Violation> checkDeterministic() {
    SplittableRandom r = new SplittableRandom(seed);
    PolicyContext previous = null;
    for (int i = 0; i < examples; i++) {
      PolicyContext ctx = context(r);
      Optional<String> v = deterministic(policy, ctx, previous);
      if (v.isPresent()) {
        return Optional.of(new Violation("deterministic", seed, i, v.get()));
      }
      previous = ctx;
    }
    return Optional.empty();
  }

  public Optional<Violation> checkNoFlapping() {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < examples; i++) {
      int capacity = capacity(r);
      double load = load(r);
      Optional<String> v = noFlapping(policy, model, settings, capacity, load, rounds, tick);
      if (v.isPresent()) {
        return Optional.of(new Violation("no flapping under constant load", seed, i, v.get()));
      }
    }
    return Optional.empty();
  }

  public Optional<Violation> checkMonotoneInLoad() {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < examples; i++) {
      int capacity = capacity(r);
      double a = load(r);
      double b = load(r);
      Instant now = T0.plusSeconds(r.nextLong(7 * 24 * 3600));
      Optional<String> v = monotoneInLoad(policy, model, settings, capacity, Math.min(a, b), Math.max(a, b), now);
      if (v.isPresent()) {
        return Optional.of(new Violation("monotone in load", seed, i, v.get()));
      }
    }
    return Optional.empty();
  }

  /** Every check; returns every violation found (at most one per invariant). */
  public List<Violation> checkAll() {
    List<Violation> out = new ArrayList<>();
    checkBounds().ifPresent(out::add);
    checkDeterministic().ifPresent(out::add);
    checkNoFlapping().ifPresent(out::add);
    checkMonotoneInLoad().ifPresent(out::add);
    return out;
  }

  public void assertBounds() {
    fail(checkBounds());
  }

  public void assertDeterministic() {
    fail(checkDeterministic());
  }

  public void assertNoFlapping() {
    fail(checkNoFlapping());
  }

  public void assertMonotoneInLoad() {
    fail(checkMonotoneInLoad());
  }

  /** Asserts all four invariants. */
  public void assertAll() {
    List<Violation> v = checkAll();
    if (!v.isEmpty()) {
      throw new AssertionError(policy.name() + ": " + v);
    }
  }

  private void fail(Optional<Violation> v) {
    v.ifPresent(x -> {
      throw new AssertionError(policy.name() + ": " + x);
    });
  }

  private int capacity(SplittableRandom r) {
    return StateGenerators.integers(settings.minCapacity(), settings.maxCapacity()).next(r);
  }

  private double load(SplittableRandom r) {
    return StateGenerators.doubles(0, maxLoadFactor * Math.max(1, settings.maxCapacity())).next(r);
  }

  private PolicyContext context(SplittableRandom r) {
    int capacity = capacity(r);
    Instant now = T0.plusSeconds(r.nextLong(7 * 24 * 3600));
    ResourceState state = model.state(ID, now, capacity, load(r));
    int n = r.nextInt(4);
    List<ResourceState> window = new ArrayList<>(n);
    for (int k = n; k >= 1; k--) {
      window.add(model.state(ID, now.minus(tick.multipliedBy(k)), capacity, load(r)));
    }
    return new PolicyContext(state, window, settings, now, ZoneId.of("UTC"));
  }

  // --- single-example checks, usable from any property-test framework

  /** Empty if the decision for {@code ctx} lies within its settings' bounds; else what went wrong. */
  public static Optional<String> bounds(ScalingPolicy policy, PolicyContext ctx) {
    ScalingDecision d = policy.decide(ctx);
    if (d == null) {
      return Optional.of("no decision for " + describe(ctx));
    }
    ScalingSettings s = ctx.settings();
    if (d.targetCapacity() < s.minCapacity() || d.targetCapacity() > s.maxCapacity()) {
      return Optional.of("target " + d.targetCapacity() + " outside [" + s.minCapacity() + ", " + s.maxCapacity()
          + "] for " + describe(ctx) + " (" + d.reason() + ")");
    }
    return Optional.empty();
  }

  /**
   * Empty if deciding on {@code ctx} twice, with a decision on {@code other} (may be null) in between, gives the
   * same target and reason.
   */
  public static Optional<String> deterministic(ScalingPolicy policy, PolicyContext ctx, PolicyContext other) {
    ScalingDecision first = policy.decide(ctx);
    if (other != null) {
      policy.decide(other);
    }
    ScalingDecision again = policy.decide(ctx);
    if (first == null || again == null) {
      return Optional.of("no decision for " + describe(ctx));
    }
    if (first.targetCapacity() != again.targetCapacity() || !first.reason().equals(again.reason())) {
      return Optional.of("decided " + first.targetCapacity() + " (" + first.reason() + "), then "
          + again.targetCapacity() + " (" + again.reason() + ") for the same " + describe(ctx));
    }
    return Optional.empty();
  }

  /**
   * Empty if, from {@code capacity} under constant {@code load}, feeding each decision (clamped to the settings'
   * bounds) back as the next capacity for {@code rounds} ticks, the capacity never reverses direction.
   */
  public static Optional<String> noFlapping(ScalingPolicy policy, LoadModel model, ScalingSettings settings,
      int capacity, double load, int rounds, Duration tick) {
    List<Integer> path = new ArrayList<>();
    List<ResourceState> window = new ArrayList<>();
    int c = capacity;
    int lastDirection = 0;
    Instant now = T0;
    int windowSize = (int) Math.max(0, settings.monitoringWindow().toNanos() / tick.toNanos());
    path.add(c);
    for (int k = 0; k < rounds; k++) {
      ResourceState state = model.state(ID, now, c, load);
      ScalingDecision d = policy.decide(new PolicyContext(state, window, settings, now, ZoneId.of("UTC")));
      if (d == null) {
        return Optional.of("no decision at capacity " + c + ", load " + fmt(load));
      }
      int next = settings.clamp(d.targetCapacity());
      int direction = Integer.signum(next - c);
      path.add(next);
      if (direction != 0 && lastDirection != 0 && direction != lastDirection) {
        return Optional.of("under constant load " + fmt(load) + " the capacity went " + path + " (" + d.reason()
            + ")");
      }
      if (direction != 0) {
        lastDirection = direction;
      }
      window.add(state);
      while (window.size() > windowSize) {
        window.remove(0);
      }
      c = next;
      now = now.plus(tick);
    }
    return Optional.empty();
  }

  /** Empty if, at {@code capacity}, load {@code high >= low} gives a target at least that of load {@code low}. */
  public static Optional<String> monotoneInLoad(ScalingPolicy policy, LoadModel model, ScalingSettings settings,
      int capacity, double low, double high, Instant now) {
    if (high < low) {
      throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ")");
    }
    ScalingDecision a = policy.decide(new PolicyContext(model.state(ID, now, capacity, low), List.of(), settings, now,
        ZoneId.of("UTC")));
    ScalingDecision b = policy.decide(new PolicyContext(model.state(ID, now, capacity, high), List.of(), settings,
        now, ZoneId.of("UTC")));
    if (a == null || b == null) {
      return Optional.of("no decision at capacity " + capacity);
    }
    if (b.targetCapacity() < a.targetCapacity()) {
      return Optional.of("at capacity " + capacity + ", load " + fmt(low) + " gave " + a.targetCapacity() + " ("
          + a.reason() + ") but more load " + fmt(high) + " gave " + b.targetCapacity() + " (" + b.reason() + ")");
    }
    return Optional.empty();
  }

  private static String describe(PolicyContext ctx) {
    return "capacity " + ctx.capacity() + ", metrics " + ctx.state().metrics() + ", window " + ctx.window().size()
        + ", now " + ctx.now();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
