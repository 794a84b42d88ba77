package dev.themis.testkit.internal;

import java.util.SplittableRandom;

/** Deterministic AWS-shaped identifiers from a seed, so that two runs of a simulation produce the same ids. */
public final class Ids {
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String HEX = "0123456789abcdef";
  private final SplittableRandom random;

  public Ids(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** {@code prefix} followed by {@code n} upper-case letters and digits (EMR style: {@code j-}, {@code ig-}). */
  public synchronized String upper(String prefix, int n) {
    StringBuilder b = new StringBuilder(prefix);
    for (int i = 0; i < n; i++) {
      b.append(UPPER.charAt(random.nextInt(UPPER.length())));
    }
    return b.toString();
  }

  /** {@code prefix} followed by {@code n} lower-case hex digits (EC2 style: {@code i-}). */
  public synchronized String hex(String prefix, int n) {
    StringBuilder b = new StringBuilder(prefix);
    for (int i = 0; i < n; i++) {
      b.append(HEX.charAt(random.nextInt(HEX.length())));
    }
    return b.toString();
  }
}
