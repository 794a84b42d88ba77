package dev.themis.examples.bench;

import java.util.Objects;

/**
 * The physical limit of BENCHMARK.md §1: the cheapest supply that is never short. For each demand level {@code k},
 * the minutes where {@code d_t >= k} are split into runs, runs whose gap is at most {@code beta = L + D} are joined,
 * and each run's unit is requested {@code L} minutes before the run starts and released when it ends.
 *
 * <p>Pure and stateless.
 */
public final class Oracle {
  private Oracle() {}

  /**
   * The oracle's schedule for {@code demand}.
   *
   * @param demand units per minute, each {@code >= 0}
   * @param boot minutes from request to serving ({@code L}), {@code >= 0}
   * @param drain minutes a released unit is still billed ({@code D}), {@code >= 0}
   */
  public static Schedule schedule(int[] demand, int boot, int drain) {
    Objects.requireNonNull(demand, "demand");
    if (boot < 0 || drain < 0) {
      throw new IllegalArgumentException("boot and drain: must be >= 0, were " + boot + " and " + drain);
    }
    int n = demand.length;
    int peak = 0;
    for (int i = 0; i < n; i++) {
      if (demand[i] < 0) {
        throw new IllegalArgumentException("demand[" + i + "]: must be >= 0, was " + demand[i]);
      }
      peak = Math.max(peak, demand[i]);
    }
    int beta = boot + drain;
    int[] serving = new int[n];
    // billed over minutes [-boot, n + drain): index offset by boot
    long[] billedAll = new long[n + boot + drain];
    long total = 0;
    int runs = 0;
    for (int k = 1; k <= peak; k++) {
      int t = 0;
      int runStart = -1;
      int runEnd = -1;
      while (t < n) {
        if (demand[t] >= k) {
          int a = t;
          while (t < n && demand[t] >= k) {
            t++;
          }
          int b = t - 1;
          if (runStart >= 0 && a - runEnd - 1 <= beta) {
            runEnd = b; // join: idle through the gap
          } else {
            if (runStart >= 0) {
              total += place(runStart, runEnd, boot, drain, serving, billedAll);
              runs++;
            }
            runStart = a;
            runEnd = b;
          }
        } else {
          t++;
        }
      }
      if (runStart >= 0) {
        total += place(runStart, runEnd, boot, drain, serving, billedAll);
        runs++;
      }
    }
    long[] billed = new long[n];
    System.arraycopy(billedAll, boot, billed, 0, n);
    return new Schedule(serving, billed, total, runs);
  }

  private static long place(int a, int b, int boot, int drain, int[] serving, long[] billedAll) {
    for (int t = a; t <= b; t++) {
      serving[t]++;
    }
    for (int t = a - boot; t <= b + drain; t++) {
      billedAll[t + boot]++;
    }
    return (long) (b - a + 1) + boot + drain;
  }

  /**
   * The oracle's supply.
   *
   * @param serving units serving in each minute (never below demand)
   * @param billed units billed in each minute (booting, serving or draining) within the trace
   * @param totalCost billed unit-minutes including boots before minute 0 and drains after the end
   * @param units number of unit lifetimes (requests)
   */
  public record Schedule(int[] serving, long[] billed, long totalCost, int units) {
    /** Billed unit-minutes within {@code [from, to)}. */
    public long cost(int from, int to) {
      long c = 0;
      for (int t = from; t < to; t++) {
        c += billed[t];
      }
      return c;
    }
  }
}
