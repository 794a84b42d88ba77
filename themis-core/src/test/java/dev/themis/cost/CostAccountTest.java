package dev.themis.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CostAccountTest {
  private static final ResourceId A = ResourceId.of("emr", "j-1");
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  private static ResourceOutcome at(int minute, int capacity) {
    Instant t = T0.plus(Duration.ofMinutes(minute));
    return new ResourceOutcome.Held(A, t, ResourceState.of(A, t, capacity, Map.of()), null, List.of());
  }

  @Test
  void integratesCapacityPiecewiseAndComparesWithTheBaseline() {
    // 4 units for 30 min, then 8 units for 90 min, at $0.25 per unit-hour, baseline 10 units
    List<ResourceOutcome> history = List.of(at(0, 4), at(30, 8));
    CostReport r = CostAccount.account(history, T0.plus(Duration.ofHours(2)), 10, PriceCatalogue.flat(0.25));
    assertThat(r.unitHours()).isCloseTo(4 * 0.5 + 8 * 1.5, within(1e-9));
    assertThat(r.cost()).isCloseTo(14 * 0.25, within(1e-9));
    assertThat(r.baselineCost()).isCloseTo(10 * 2 * 0.25, within(1e-9));
    assertThat(r.saved()).isCloseTo(5 - 3.5, within(1e-9));
    assertThat(r.savedPerSecond()).isCloseTo(1.5 / 7200, within(1e-12));
  }

  @Test
  void hoursWithoutAPriceAreReportedNotGuessed() {
    CostReport r = CostAccount.account(List.of(at(0, 4)), T0.plus(Duration.ofHours(1)), 10,
        state -> OptionalDouble.empty());
    assertThat(r.cost()).isZero();
    assertThat(r.unpricedHours()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void anEmptyHistoryCostsNothing() {
    assertThat(CostAccount.account(List.of(), T0, 10, PriceCatalogue.flat(1)).cost()).isZero();
  }
}
