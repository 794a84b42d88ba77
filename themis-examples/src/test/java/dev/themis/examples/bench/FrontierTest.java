package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrontierTest {
  private static QualityMetrics point(double cost, double tauU) {
    return new QualityMetrics(cost, 0, 0, tauU, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void aPointDominatesWhenNoWorseInBothAndBetterInOne() {
    assertThat(Frontier.dominates(point(1.1, 3), point(1.2, 3))).isTrue();
    assertThat(Frontier.dominates(point(1.2, 2), point(1.2, 3))).isTrue();
    assertThat(Frontier.dominates(point(1.2, 3), point(1.2, 3))).isFalse(); // equal: not strictly better
    assertThat(Frontier.dominates(point(1.1, 4), point(1.2, 3))).isFalse(); // a trade, not a win
  }

  @Test
  void pointsReadAsCostOverShortfall() {
    assertThat(Frontier.point(point(1.234, 5.67))).isEqualTo("1.23 / 5.7");
  }
}
