package dev.themis.examples.bench;

import java.util.Objects;

/**
 * The figures of BENCHMARK.md §1 for one run, computed over minutes {@code [from, to)}: SPEC elasticity metrics with
 * cost and action counts beside them. Pure functions.
 *
 * @param costRatio billed unit-minutes divided by the oracle's (Cost/Cost*)
 * @param thetaU mean relative under-provisioning in percent ({@code 100/T · Σ (d−s)+ / max(d,1)})
 * @param thetaO mean relative over-provisioning in percent
 * @param tauU share of minutes under-provisioned, percent
 * @param tauO share of minutes over-provisioned, percent
 * @param aU mean missing units per minute
 * @param aO mean surplus units per minute
 * @param unmetPercent {@code 100 · Σ (d−s)+ / Σ d}
 * @param upsilon instability in percent at the decision interval
 * @param billed billed unit-minutes
 * @param actions scaling calls made
 * @param unitsChanged units added plus units removed
 */
public record QualityMetrics(double costRatio, double thetaU, double thetaO, double tauU, double tauO, double aU,
    double aO, double unmetPercent, double upsilon, long billed, long actions, long unitsChanged) {

  /**
   * Computes every figure.
   *
   * @param demand {@code d_t}
   * @param supply {@code s_t}, serving units
   * @param billed billed units per minute
   * @param oracleCost the oracle's billed unit-minutes over the same minutes
   * @param interval decision interval in minutes, for υ
   */
  public static QualityMetrics of(int[] demand, int[] supply, long[] billed, long oracleCost, int interval,
      long actions, long unitsChanged, int from, int to) {
    long cost = sum(billed, from, to);
    return new QualityMetrics(
        oracleCost == 0 ? Double.NaN : (double) cost / oracleCost,
        thetaU(demand, supply, from, to), thetaO(demand, supply, from, to),
        tauU(demand, supply, from, to), tauO(demand, supply, from, to),
        meanUnder(demand, supply, from, to), meanOver(demand, supply, from, to),
        unmetPercent(demand, supply, from, to), upsilon(demand, supply, interval, from, to),
        cost, actions, unitsChanged);
  }

  static void check(int[] demand, int[] supply, int from, int to) {
    Objects.requireNonNull(demand, "demand");
    Objects.requireNonNull(supply, "supply");
    if (demand.length != supply.length) {
      throw new IllegalArgumentException("demand and supply differ in length: " + demand.length + " vs "
          + supply.length);
    }
    if (from < 0 || to > demand.length || to - from < 1) {
      throw new IllegalArgumentException("minutes [" + from + ", " + to + "): must be a non-empty range within [0, "
          + demand.length + ")");
    }
  }

  /** θU: {@code 100/T · Σ (d_t − s_t)+ / max(d_t, 1)}. */
  public static double thetaU(int[] d, int[] s, int from, int to) {
    check(d, s, from, to);
    double acc = 0;
    for (int t = from; t < to; t++) {
      acc += (double) Math.max(d[t] - s[t], 0) / Math.max(d[t], 1);
    }
    return 100.0 * acc / (to - from);
  }

  /** θO: {@code 100/T · Σ (s_t − d_t)+ / max(d_t, 1)}. */
  public static double thetaO(int[] d, int[] s, int from, int to) {
    check(d, s, from, to);
    double acc = 0;
    for (int t = from; t < to; t++) {
      acc += (double) Math.max(s[t] - d[t], 0) / Math.max(d[t], 1);
    }
    return 100.0 * acc / (to - from);
  }

  /** τU: percent of minutes with {@code s_t < d_t}. */
  public static double tauU(int[] d, int[] s, int from, int to) {
    check(d, s, from, to);
    int n = 0;
    for (int t = from; t < to; t++) {
      if (s[t] < d[t]) {
        n++;
      }
    }
    return 100.0 * n / (to - from);
  }

  /** τO: percent of minutes with {@code s_t > d_t}. */
  public static double tauO(int[] d, int[] s, int from, int to) {
    check(d, s, from, to);
    int n = 0;
    for (int t = from; t < to; t++) {
      if (s[t] > d[t]) {
        n++;
      }
    }
    return 100.0 * n / (to - from);
  }

  /** āU: mean missing units per minute. */
  public static double meanUnder(int[] d, int[] s, int from, int to) {
    check(d, s, from, to);
    long acc = 0;
    for (int t = from; t < to; t++) {
      acc += Math.max(d[t] - s[t], 0);
    }
    return (double) acc / (to - from);
  }

  /** āO: mean surplus units per minute. */
  public static double meanOver(int[] d, int[] s, int from, int to) {
    check(d, s, from, to);
    long acc = 0;
    for (int t = from; t < to; t++) {
      acc += Math.max(s[t] - d[t], 0);
    }
    return (double) acc / (to - from);
  }

  /** Unmet demand: {@code 100 · Σ (d_t − s_t)+ / Σ d_t} (0 when there is no demand). */
  public static double unmetPercent(int[] d, int[] s, int from, int to) {
    check(d, s, from, to);
    long missing = 0;
    long total = 0;
    for (int t = from; t < to; t++) {
      missing += Math.max(d[t] - s[t], 0);
      total += d[t];
    }
    return total == 0 ? 0 : 100.0 * missing / total;
  }

  /**
   * υ: {@code 100/(T−1) · Σ min(|sgn Δs − sgn Δd|, 1)}, with demand and supply sampled every {@code interval}
   * minutes from {@code from} ({@code T} samples). 0 when fewer than two samples.
   */
  public static double upsilon(int[] d, int[] s, int interval, int from, int to) {
    check(d, s, from, to);
    if (interval < 1) {
      throw new IllegalArgumentException("interval: must be >= 1 minute, was " + interval);
    }
    int samples = 0;
    int mismatches = 0;
    int prev = -1;
    for (int t = from; t < to; t += interval) {
      if (prev >= 0) {
        int ds = Integer.signum(s[t] - s[prev]);
        int dd = Integer.signum(d[t] - d[prev]);
        mismatches += Math.min(Math.abs(ds - dd), 1);
      }
      prev = t;
      samples++;
    }
    return samples < 2 ? 0 : 100.0 * mismatches / (samples - 1);
  }

  static long sum(long[] v, int from, int to) {
    long acc = 0;
    for (int t = from; t < to; t++) {
      acc += v[t];
    }
    return acc;
  }
}
