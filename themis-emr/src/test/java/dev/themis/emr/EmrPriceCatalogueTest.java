package dev.themis.emr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.cost.CostAccount;
import dev.themis.cost.CostReport;
import dev.themis.emr.EmrClusterSnapshot.EmrGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmrPriceCatalogueTest {
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  private static EmrGroup group(String id, String role, String market, String type, int n) {
    return new EmrGroup(id, false, role, market, type, n, n, "RUNNING", "", !role.equals("MASTER")
        && !role.equals("CORE"), false, false);
  }

  private static ResourceState state(String region, EmrGroup... groups) {
    EmrClusterSnapshot s = new EmrClusterSnapshot("j-1", "RUNNING", region, "m", List.of(groups), List.of());
    int capacity = s.scalableGroups().stream().mapToInt(EmrGroup::requested).sum();
    return new ResourceState(ResourceId.of("emr", "j-1"), T0, capacity, false, Map.of(), Set.of(), Map.of(), s);
  }

  @Test
  void pricesPerInstanceTypeAndRegionIncludingTheEmrUplift() {
    EmrPriceCatalogue p = EmrPriceCatalogue.bundled();
    assertEquals(0.192 + 0.048, p.price("us-east-1", "m5.xlarge").orElseThrow(), 1e-9);
    assertEquals(0.214 + 0.048, p.price("eu-west-1", "m5.xlarge").orElseThrow(), 1e-9);
    assertTrue(p.price("us-east-1", "x99.huge").isEmpty());
  }

  @Test
  void unitPriceIsTheWeightedMixOfTheScalableGroups() {
    ResourceState s = state("us-east-1", group("ig-m", "MASTER", "ON_DEMAND", "r5.4xlarge", 1),
        group("ig-a", "TASK", "ON_DEMAND", "m5.xlarge", 3), group("ig-b", "TASK", "SPOT", "r5.xlarge", 1));
    double expected = (3 * 0.24 + 1 * 0.315) / 4;
    assertEquals(expected, EmrPriceCatalogue.bundled().unitHourPrice(s).orElseThrow(), 1e-9);
    double withSpot = (3 * 0.24 + 0.315 * 0.3) / 4;
    assertEquals(withSpot, EmrPriceCatalogue.builder().spotFactor(0.3).build().unitHourPrice(s).orElseThrow(), 1e-9);
  }

  @Test
  void overridesReplaceTheBundledPrice() {
    EmrPriceCatalogue p = EmrPriceCatalogue.builder().prices("m5.xlarge=1.5, custom.big=3").build();
    assertEquals(1.5, p.price("eu-west-1", "m5.xlarge").orElseThrow(), 1e-9);
    assertEquals(3, p.price("us-east-1", "custom.big").orElseThrow(), 1e-9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EmrPriceCatalogue.builder().prices("m5.xlarge:1"));
    assertTrue(e.getMessage().contains("m5.xlarge:1"), e.getMessage());
  }

  @Test
  void savingsAgainstBaselineNodesFromHistory() {
    // 10 task nodes for 2 h against a baseline of 20: half the baseline's cost.
    ResourceState s = state("us-east-1", group("ig-a", "TASK", "ON_DEMAND", "m5.xlarge", 10));
    List<ResourceOutcome> history = List.of(new ResourceOutcome.Held(s.id(), T0, s, null, List.of()));
    CostReport r = CostAccount.account(history, T0.plus(Duration.ofHours(2)), 20, EmrPriceCatalogue.bundled());
    assertEquals(10 * 2 * 0.24, r.cost(), 1e-9);
    assertEquals(20 * 2 * 0.24, r.baselineCost(), 1e-9);
    assertEquals(r.baselineCost() / 2, r.saved(), 1e-9);
  }
}
