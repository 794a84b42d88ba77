package dev.themis.testkit.kinesis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * How a simulated stream's records spread over the 128-bit hash-key space, and so over its shards. A shard
 * receives the fraction of the records whose keys fall in its range.
 */
@FunctionalInterface
public interface KeyDistribution {
  BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(128);

  /** The fraction (0..1) of all records whose hash keys lie in {@code [start, endInclusive]}. */
  double fraction(BigInteger start, BigInteger endInclusive);

  /** Keys spread evenly: a shard's share is its hash range's share of the key space. */
  static KeyDistribution uniform() {
    return (s, e) -> position(e.add(BigInteger.ONE)) - position(s);
  }

  /**
   * The key space cut into {@code weights.length} equal segments, segment {@code i} receiving traffic in proportion
   * to {@code weights[i]} (evenly within the segment). {@code piecewise(3, 1)} puts 75 % of the records in the lower
   * half of the key space: a hot shard.
   */
  static KeyDistribution piecewise(double... weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("weights: at least one is required");
    }
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights: must be finite and >= 0, found " + w);
      }
      total += w;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("weights: at least one must be > 0");
    }
    double[] cumulative = new double[weights.length + 1];
    for (int i = 0; i < weights.length; i++) {
      cumulative[i + 1] = cumulative[i] + weights[i] / total;
    }
    int n = weights.length;
    return (s, e) -> {
      double a = position(s) * n;
      double b = position(e.add(BigInteger.ONE)) * n;
      return cdf(cumulative, b, n) - cdf(cumulative, a, n);
    };
  }

  private static double cdf(double[] cumulative, double x, int n) {
    if (x <= 0) {
      return 0;
    }
    if (x >= n) {
      return 1;
    }
    int i = (int) Math.floor(x);
    return cumulative[i] + (cumulative[i + 1] - cumulative[i]) * (x - i);
  }

  /** {@code key / 2^128} as a double. */
  static double position(BigInteger key) {
    return new BigDecimal(key).divide(new BigDecimal(KEY_SPACE), MathContext.DECIMAL64).doubleValue();
  }
}
