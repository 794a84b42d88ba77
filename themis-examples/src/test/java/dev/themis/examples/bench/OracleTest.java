package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle on hand-computed examples, and against an exhaustive search on small random traces. */
class OracleTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);

  @Test
  void joinsGapsUpToBootPlusDrain() {
    // level 1: runs [0,0] and [3,4], gap 2 <= beta = 2: joined into [0,4], cost 5 + L + D = 7
    // level 2: run [4,4], cost 1 + 2 = 3
    Oracle.Schedule s = Oracle.schedule(new int[] {1, 0, 0, 1, 2, 0}, 1, 1);
    assertThat(s.totalCost()).isEqualTo(10);
    assertThat(s.serving()).containsExactly(1, 1, 1, 1, 2, 0);
    // unit 1 billed from minute -1 (boot) to 5 (drain); unit 2 from 3 to 5
    assertThat(s.billed()).containsExactly(1, 1, 1, 2, 2, 2);
    assertThat(s.units()).isEqualTo(2);
    assertThat(s.cost(3, 6)).isEqualTo(6);
  }

  @Test
  void releasesAcrossGapsLongerThanBeta() {
    // beta = 0: every gap splits; cost is exactly the demand
    Oracle.Schedule s = Oracle.schedule(new int[] {1, 0, 0, 1, 2, 0}, 0, 0);
    assertThat(s.totalCost()).isEqualTo(4);
    assertThat(s.serving()).containsExactly(1, 0, 0, 1, 2, 0);
    assertThat(s.units()).isEqualTo(3);
  }

  @Test
  void bootAloneIsBilledBeforeTheRun() {
    // L = 2, D = 0: one unit requested at minute 1, serving 3..4, released at 5
    Oracle.Schedule s = Oracle.schedule(new int[] {0, 0, 0, 1, 1, 0}, 2, 0);
    assertThat(s.billed()).containsExactly(0, 1, 1, 1, 1, 0);
    assertThat(s.totalCost()).isEqualTo(4);
  }

  @Test
  void matchesExhaustiveSearchOnSmallRandomTraces() {
    qt().withExamples(EXAMPLES)
        .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(1, 6), integers().between(0, 3),
            integers().between(0, 3))
        .checkAssert((list, boot, drain) -> {
          int[] d = list.stream().mapToInt(Integer::intValue).toArray();
          Oracle.Schedule s = Oracle.schedule(d, boot, drain);
          assertThat(s.totalCost()).as("oracle cost of %s, L=%d, D=%d", list, boot, drain)
              .isEqualTo(bruteForce(d, boot + drain));
          for (int t = 0; t < d.length; t++) {
            assertThat(s.serving()[t]).as("never short at minute %d", t).isGreaterThanOrEqualTo(d[t]);
          }
          long inTrace = s.cost(0, d.length);
          assertThat(inTrace).isLessThanOrEqualTo(s.totalCost());
        });
  }

  /**
   * Every supply sequence {@code d_t <= n_t <= peak}: cost {@code Σ n_t} serving minutes plus {@code L + D} for each
   * unit started (every started unit boots once and drains once). The cheapest over all sequences.
   */
  private static long bruteForce(int[] d, int beta) {
    int peak = 0;
    for (int v : d) {
      peak = Math.max(peak, v);
    }
    return search(d, 0, 0, peak, beta);
  }

  private static long search(int[] d, int t, int previous, int peak, int beta) {
    if (t == d.length) {
      return 0;
    }
    long best = Long.MAX_VALUE;
    for (int n = d[t]; n <= peak; n++) {
      long c = n + (long) beta * Math.max(0, n - previous) + search(d, t + 1, n, peak, beta);
      best = Math.min(best, c);
    }
    return best;
  }

  @Test
  void emptyDemandCostsNothing() {
    assertThat(Oracle.schedule(new int[] {0, 0}, 6, 10).totalCost()).isZero();
    assertThat(List.of(Oracle.schedule(new int[0], 1, 1).units())).containsExactly(0);
  }
}
