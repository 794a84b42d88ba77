package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The idealised reference: the centred mean of the true demand plus z standard deviations of its minute noise. */
class IdealSmoothTest {
  @Test
  void withoutNoiseItPlansTheDemandItself() {
    int[] demand = new int[100];
    Arrays.fill(demand, 7);
    assertThat(Contenders.idealPlan(demand, 2)).containsOnly(7);
  }

  @Test
  void noiseAroundAFlatMeanGetsZStandardDeviationsOfHeadroom() {
    int[] demand = new int[300];
    for (int t = 0; t < demand.length; t++) {
      demand[t] = t % 2 == 0 ? 4 : 6; // mean 5, noise +-1
    }
    int[] plan = Contenders.idealPlan(demand, 2);
    // inside the trace the 15-minute mean is 5 +- 1/15 and the noise variance about 1 (phi about 1/5): about 5 + 2
    for (int t = 10; t < 290; t++) {
      assertThat(plan[t]).as("minute %d", t).isBetween(7, 8);
    }
    assertThat(Contenders.idealPlan(demand, 0)[150]).isIn(5, 6);
  }

  @Test
  void aStepIsSeenBeforeItComesButNoEarlierThanHalfTheWindow() {
    int[] demand = new int[100];
    for (int t = 0; t < demand.length; t++) {
      demand[t] = t < 50 ? 2 : 20;
    }
    int[] plan = Contenders.idealPlan(demand, 0);
    assertThat(plan[50 - Contenders.IDEAL_WINDOW / 2 - 1]).isEqualTo(2);
    assertThat(plan[49]).isGreaterThan(2);
    assertThat(plan[99]).isEqualTo(20);
  }
}
