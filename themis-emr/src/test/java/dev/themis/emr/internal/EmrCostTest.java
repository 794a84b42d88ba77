package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.config.Settings;
import dev.themis.cost.CostReport;
import dev.themis.emr.EmrKeys;
import dev.themis.emr.EmrPriceCatalogue;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Savings against baseline_nodes from the autoscaler's history, priced per instance type of the cluster. */
class EmrCostTest extends EmrWireMockTestBase {

  @Test
  void savingsAgainstBaselineNodesFromHistory() {
    FakeEmr c = FakeEmr.original("j-COST"); // 7 task nodes of m5.xlarge
    c.install(wm);
    Map<String, String> s = settings(c, "baseline_nodes", "20", "instance_prices", "m5.xlarge=0.5");
    Autoscaler a = builder().resource(ResourceSpec.of("emr", c.clusterId, s), delta(0)).build();
    for (int i = 0; i < 21; i++) { // one hour of ticks every 3 minutes
      a.tick();
      if (i < 20) {
        clock.advance(Duration.ofMinutes(3));
      }
    }
    Settings settings = Settings.of("emr.j-COST", s);
    CostReport r = a.costs(ResourceId.of("emr", "j-COST"), Duration.ofHours(2),
        settings.get(EmrKeys.BASELINE_NODES), EmrPriceCatalogue.forCluster(settings));
    assertEquals(7 * 1.0 * 0.5, r.cost(), 1e-6);
    assertEquals(20 * 1.0 * 0.5, r.baselineCost(), 1e-6);
    assertEquals(13 * 0.5, r.saved(), 1e-6);
  }
}
