package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private static double[] ramp() {
    double[] v = new double[200];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return v;
  }

  @Test
  void demandIsCeilOfValueOverCapacityTimesRhoAndAtLeastOne() {
    // C = 10, rho = 0.8: 8 -> 1, 8.1 -> 2, 0 -> 1, 16 -> 2
    assertThat(Workload.units(new double[] {8, 8.1, 0, 16}, 10, 0.8)).containsExactly(1, 2, 1, 2);
  }

  @Test
  void meanScaleGivesMeanDemandOfTen() {
    Workload w = Workload.of("ramp", ramp(), Workload.Scale.MEAN10, 0.8);
    assertThat(w.meanDemand()).isCloseTo(10, within(0.1));
  }

  @Test
  void peakScaleFitsThePeakInTwentyFiveUnits() {
    Workload w = Workload.of("ramp", ramp(), Workload.Scale.PEAK25, 0.8);
    assertThat(w.peakDemand()).isEqualTo(25);
    assertThat(Arrays.stream(w.demand()).min().getAsInt()).isEqualTo(1);
  }
}
