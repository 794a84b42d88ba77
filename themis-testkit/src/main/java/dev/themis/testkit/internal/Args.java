package dev.themis.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/** The argument checks of the simulations' builders, with messages that name the argument and show its value. */
public final class Args {
  private Args() {}

  /** {@code d}, if it is not null and not negative. */
  public static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + ": must not be negative, was " + d);
    }
    return d;
  }

  /** {@code n}, if it is at least {@code min}. */
  public static int atLeast(int n, int min, String name) {
    if (n < min) {
      throw new IllegalArgumentException(name + ": must be >= " + min + ", was " + n);
    }
    return n;
  }
}
