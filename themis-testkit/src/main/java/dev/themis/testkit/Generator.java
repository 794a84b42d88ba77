package dev.themis.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Makes random values from a {@link RandomGenerator}: the framework-neutral base of the testkit's property-test
 * generators. The same generator and the same random sequence give the same values, so a seed reproduces a
 * failure. Adapters turn generators into a framework's own type ({@code dev.themis.testkit.quicktheories}).
 *
 * <pre>{@code
 * Generator<ResourceState> states = StateGenerators.states().metric("cpu", StateGenerators.utilisation()).build();
 * for (ResourceState s : states.sample(42, 1000)) { ... }
 * }</pre>
 */
@FunctionalInterface
public interface Generator<T> {
  T next(RandomGenerator random);

  default <R> Generator<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return r -> f.apply(next(r));
  }

  default <R> Generator<R> flatMap(Function<? super T, ? extends Generator<? extends R>> f) {
    Objects.requireNonNull(f, "f");
    return r -> f.apply(next(r)).next(r);
  }

  /** {@code n} values from a fresh {@link SplittableRandom} seeded with {@code seed}: deterministic per seed. */
  default List<T> sample(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next(random));
    }
    return out;
  }

  /** Always {@code value}. */
  static <T> Generator<T> constant(T value) {
    return r -> value;
  }

  /** One of the values, uniformly. */
  @SafeVarargs
  static <T> Generator<T> oneOf(T... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("oneOf: at least one value is required");
    }
    List<T> copy = new ArrayList<>(values.length);
    for (T v : values) {
      copy.add(Objects.requireNonNull(v, "oneOf: values must not be null"));
    }
    return r -> copy.get(r.nextInt(copy.size()));
  }

  /** With probability {@code p} from {@code rare}, else from {@code common}: mixes edge cases into a range. */
  static <T> Generator<T> frequently(Generator<T> common, double p, Generator<T> rare) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p: must be in [0, 1], was " + p);
    }
    return r -> r.nextDouble() < p ? rare.next(r) : common.next(r);
  }
}
