package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The elasticity figures on small hand-computed examples. */
class QualityMetricsTest {
  // minute:           0  1  2  3
  private static final int[] D = {2, 3, 1, 4};
  private static final int[] S = {2, 2, 3, 5};
  // (d-s)+ = 0 1 0 0 ; (s-d)+ = 0 0 2 1

  @Test
  void underProvisioningFigures() {
    assertThat(QualityMetrics.thetaU(D, S, 0, 4)).isCloseTo(100.0 / 4 * (1.0 / 3), within(1e-9));
    assertThat(QualityMetrics.tauU(D, S, 0, 4)).isEqualTo(25.0);
    assertThat(QualityMetrics.meanUnder(D, S, 0, 4)).isEqualTo(0.25);
    assertThat(QualityMetrics.unmetPercent(D, S, 0, 4)).isCloseTo(10.0, within(1e-9)); // 1 of 10 units
  }

  @Test
  void overProvisioningFigures() {
    assertThat(QualityMetrics.thetaO(D, S, 0, 4)).isCloseTo(25.0 * (2.0 / 1 + 1.0 / 4), within(1e-9));
    assertThat(QualityMetrics.tauO(D, S, 0, 4)).isEqualTo(50.0);
    assertThat(QualityMetrics.meanOver(D, S, 0, 4)).isEqualTo(0.75);
  }

  @Test
  void instabilityComparesSignsOfChangeAtTheDecisionInterval() {
    // every minute: sgn Δd = +1 -1 +1, sgn Δs = 0 +1 +1 -> mismatches 1, 1, 0
    assertThat(QualityMetrics.upsilon(D, S, 1, 0, 4)).isCloseTo(200.0 / 3, within(1e-9));
    // every 2 minutes: samples at 0 and 2: Δd = -1, Δs = +1 -> one mismatch out of one
    assertThat(QualityMetrics.upsilon(D, S, 2, 0, 4)).isEqualTo(100.0);
    // a supply that follows demand exactly is perfectly stable
    assertThat(QualityMetrics.upsilon(D, D, 1, 0, 4)).isZero();
    // a single sample has no change to compare
    assertThat(QualityMetrics.upsilon(D, S, 5, 0, 4)).isZero();
  }

  @Test
  void zeroDemandCountsAsOneUnitInDenominators() {
    int[] d = {0};
    int[] s = {2};
    assertThat(QualityMetrics.thetaO(d, s, 0, 1)).isEqualTo(200.0);
    assertThat(QualityMetrics.unmetPercent(d, s, 0, 1)).isZero();
  }

  @Test
  void onlyTheGivenMinutesCount() {
    // leaving minute 1 (the only shortfall) out of the range removes all under-provisioning
    assertThat(QualityMetrics.tauU(D, S, 2, 4)).isZero();
    assertThat(QualityMetrics.tauO(D, S, 2, 4)).isEqualTo(100.0);
  }

  @Test
  void allFiguresTogether() {
    long[] billed = {3, 3, 4, 6}; // 16 unit-minutes
    QualityMetrics m = QualityMetrics.of(D, S, billed, 8, 1, 3, 5, 0, 4);
    assertThat(m.costRatio()).isEqualTo(2.0);
    assertThat(m.billed()).isEqualTo(16);
    assertThat(m.actions()).isEqualTo(3);
    assertThat(m.unitsChanged()).isEqualTo(5);
    assertThat(m.tauU()).isEqualTo(25.0);
  }

  @Test
  void rejectsMismatchedOrEmptyRanges() {
    assertThatThrownBy(() -> QualityMetrics.tauU(D, new int[3], 0, 3)).hasMessageContaining("differ in length");
    assertThatThrownBy(() -> QualityMetrics.tauU(D, S, 2, 2)).hasMessageContaining("[2, 2)");
    assertThatThrownBy(() -> QualityMetrics.upsilon(D, S, 0, 0, 4)).hasMessageContaining("interval");
  }
}
