package dev.themis.kinesis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An inclusive range of Kinesis hash keys, {@code [start, end]}, within {@code [0, 2^128 - 1]}. Immutable.
 *
 * @param start first hash key of the range
 * @param end last hash key of the range, {@code >= start}
 */
public record HashRange(BigInteger start, BigInteger end) implements Comparable<HashRange> {
  /** The lowest hash key. */
  public static final BigInteger MIN_KEY = BigInteger.ZERO;
  /** The highest hash key, {@code 2^128 - 1} (340282366920938463463374607431768211455). */
  public static final BigInteger MAX_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  /** The whole key space. */
  public static final HashRange ALL = new HashRange(MIN_KEY, MAX_KEY);

  public HashRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.signum() < 0 || end.compareTo(MAX_KEY) > 0 || end.compareTo(start) < 0) {
      throw new IllegalArgumentException(
          "hash range: expected 0 <= start <= end <= 2^128-1, was [" + start + ", " + end + "]");
    }
  }

  /** Parses the decimal strings Kinesis returns. */
  public static HashRange of(String start, String end) {
    return new HashRange(new BigInteger(start), new BigInteger(end));
  }

  /** Number of hash keys in the range. */
  public BigInteger size() {
    return end.subtract(start).add(BigInteger.ONE);
  }

  /** Fraction of the whole key space this range covers, in (0, 1]. */
  public double fraction() {
    return size().doubleValue() / ALL.size().doubleValue();
  }

  /** True when {@code next} starts right after this range ends (the condition for MergeShards). */
  public boolean precedes(HashRange next) {
    return end.add(BigInteger.ONE).equals(next.start);
  }

  /** The key at which a split gives two halves as even as possible ({@code start + size/2}); needs size >= 2. */
  public BigInteger midpoint() {
    if (size().compareTo(BigInteger.TWO) < 0) {
      throw new IllegalStateException("hash range " + this + " holds a single key and cannot be split");
    }
    return start.add(size().shiftRight(1));
  }

  /** The union of this range and the {@linkplain #precedes(HashRange) following} one. */
  public HashRange merge(HashRange next) {
    if (!precedes(next)) {
      throw new IllegalArgumentException("hash ranges " + this + " and " + next + " are not adjacent");
    }
    return new HashRange(start, next.end);
  }

  /**
   * The {@code index}-th of {@code count} even ranges over the whole key space, as UpdateShardCount with
   * UNIFORM_SCALING lays them out.
   */
  public static HashRange uniform(int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("uniform range: expected 0 <= index < count, was " + index + " of " + count);
    }
    BigInteger space = MAX_KEY.add(BigInteger.ONE);
    BigInteger n = BigInteger.valueOf(count);
    BigInteger lo = space.multiply(BigInteger.valueOf(index)).divide(n);
    BigInteger hi = space.multiply(BigInteger.valueOf(index + 1L)).divide(n).subtract(BigInteger.ONE);
    return new HashRange(lo, hi);
  }

  @Override
  public int compareTo(HashRange o) {
    int c = start.compareTo(o.start);
    return c != 0 ? c : end.compareTo(o.end);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + "]";
  }
}
