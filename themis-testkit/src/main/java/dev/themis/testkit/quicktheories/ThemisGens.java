package dev.themis.testkit.quicktheories;

import dev.themis.PolicyContext;
import dev.themis.ResourceState;
import dev.themis.ScalingSettings;
import dev.themis.testkit.Generator;
import dev.themis.testkit.StateGenerators;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories adapters for the testkit's framework-neutral {@link Generator}s. QuickTheories is an optional
 * dependency of the testkit: add {@code org.quicktheories:quicktheories} to use this class.
 *
 * <p>Each value is made by the generator from a {@link SplittableRandom} seeded with one draw from QuickTheories'
 * randomness source, so QuickTheories' seed reproduces it. QuickTheories cannot shrink inside such a value; the
 * generators mix edge cases in instead.
 *
 * <pre>{@code
 * ThemisGens.qt().forAll(ThemisGens.contexts(states, ThemisGens.settings(50)))
 *     .check(ctx -> PolicyInvariants.deterministic(policy, ctx, null).isEmpty());
 * }</pre>
 */
public final class ThemisGens {
  private ThemisGens() {}

  /** A QuickTheories {@code Gen} drawing from {@code generator}. */
  public static <T> Gen<T> gen(Generator<T> generator) {
    Objects.requireNonNull(generator, "generator");
    return in -> generator.next(new SplittableRandom(in.next(Constraint.none())));
  }

  /** {@code qt()} with the project's example count: system property {@code themis.qt.examples}, else 1000. */
  public static QuickTheory qt() {
    return QuickTheory.qt().withExamples(Integer.getInteger("themis.qt.examples", 1000));
  }

  public static Gen<Double> utilisation() {
    return gen(StateGenerators.utilisation());
  }

  public static Gen<ScalingSettings> settings(int maxCapacity) {
    return gen(StateGenerators.settings(maxCapacity));
  }

  /** States from a builder configured with {@link StateGenerators#states()}. */
  public static Gen<ResourceState> states(StateGenerators.States states) {
    return gen(states.build());
  }

  /** Contexts with up to 5 earlier observations, 3 minutes apart. */
  public static Gen<PolicyContext> contexts(Generator<ResourceState> states, Generator<ScalingSettings> settings) {
    return gen(StateGenerators.contexts(states, settings, 5, Duration.ofMinutes(3)));
  }
}
