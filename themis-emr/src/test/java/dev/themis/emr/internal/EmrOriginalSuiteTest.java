package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The EMR cases of the original test suite ({@code test/test_emr_scaling.py}, reference §9), ported to the real
 * EmrClient, CloudWatch and YARN clients against WireMock, with the original's default expressions and its
 * cluster layout (master, core, task_od ON_DEMAND, task_spot SPOT). The clock is Tuesday 2016-05-31 01:00 UTC.
 */
class EmrOriginalSuiteTest extends EmrWireMockTestBase {
  private static final String TIME_BASED = "{\"(Mon|Tue|Wed|Thu|Fri).*01:.*:.*\": 14, \"(Sat|Sun).*\": 2}";

  /** The original's layout with the given task group sizes, every task node at the given load. */
  private static FakeEmr cluster(String id, int onDemand, int spot, double cpu, double mem) {
    FakeEmr c = new FakeEmr(id);
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 1)
        .group("ig-task-od", "TASK", "ON_DEMAND", onDemand).group("ig-task-spot", "TASK", "SPOT", spot);
    return c.load(null, cpu, mem);
  }

  private ResourceOutcome tick(FakeEmr c, String... keyValues) {
    c.install(wm);
    Autoscaler a = builder().resource(ResourceSpec.of("emr", c.clusterId, settings(c, keyValues))).build();
    return only(a.tick());
  }

  /** Instance counts requested per group by the one ModifyInstanceGroups call, or empty if none was made. */
  private Map<String, Integer> requested() {
    List<JsonNode> calls = emrRequests("ModifyInstanceGroups");
    assertTrue(calls.size() <= 1, calls::toString);
    Map<String, Integer> out = new HashMap<>();
    if (!calls.isEmpty()) {
      calls.get(0).get("InstanceGroups").forEach(g -> out.put(g.get("InstanceGroupId").asText(),
          g.get("InstanceCount").asInt()));
    }
    return out;
  }

  private Map<String, Integer> removedPerGroup(FakeEmr c) {
    List<JsonNode> calls = emrRequests("ModifyInstanceGroups");
    Map<String, Integer> out = new HashMap<>(Map.of("ig-task-od", 0, "ig-task-spot", 0));
    for (JsonNode call : calls) {
      for (JsonNode g : call.get("InstanceGroups")) {
        JsonNode victims = g.at("/ShrinkPolicy/InstanceResizePolicy/InstancesToTerminate");
        for (JsonNode v : victims) {
          String group = c.nodes.stream().filter(n -> n.ec2().equals(v.asText())).findFirst().orElseThrow().group();
          assertEquals(g.get("InstanceGroupId").asText(), group, "victims belong to the group they are removed from");
          out.merge(group, 1, Integer::sum);
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ upscale

  @Test
  void upscaleByAverageCpu() {
    // 7 task nodes at 90 % cpu: the default upscale_expr adds 3, to ON_DEMAND (7 < 15 task nodes).
    ResourceOutcome o = tick(cluster("j-UP90", 2, 5, 0.9, 0.5));
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals("upscale_expr = 3: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 7 < 25 and"
        + " tasknodes.average.cpu = 0.9 > 0.7", o.decision().reason());
    assertEquals(Map.of("ig-task-od", 5), requested());
  }

  @Test
  void noUpscaleAtThirtyPercentCpu() {
    ResourceOutcome o = tick(cluster("j-UP30", 2, 5, 0.3, 0.5), "downscale_expr", "0");
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(requested().isEmpty());
  }

  @Test
  void upscaleByMinCpu() {
    String expr = "2 if tasknodes.min.cpu > 0.8 else 0";
    ResourceOutcome o = tick(cluster("j-MIN1", 2, 5, 0.9, 0.5), "upscale_expr", expr, "downscale_expr", "0",
        "group_or_preferred_market", "SPOT");
    assertEquals("upscale_expr = 2: tasknodes.min.cpu = 0.9 > 0.8", o.decision().reason(), o::toString);
    assertEquals(Map.of("ig-task-spot", 7), requested());
  }

  @Test
  void noUpscaleByMinCpuWhenOneNodeIsQuiet() {
    FakeEmr c = cluster("j-MIN2", 2, 5, 0.9, 0.5);
    FakeEmr.Node quiet = c.nodesOf("ig-task-spot").get(2);
    c.replace(quiet, quiet.withLoad(0.1, 0.5, 1, 0));
    ResourceOutcome o = tick(c, "upscale_expr", "2 if tasknodes.min.cpu > 0.8 else 0", "downscale_expr", "0");
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(requested().isEmpty());
  }

  @Test
  void timeBasedTopUpToTheScheduledMinimum() {
    // Tue 01:00, minimum 14, 4 task nodes: +10 even at low load (the top-up needs neither running nor load).
    ResourceOutcome o = tick(cluster("j-TB4", 2, 2, 0.1, 0.1), "time_based_scaling", TIME_BASED);
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals("upscale_expr = 10: time_based.enabled and time_based.minimum.nodes(now) = 14 > tasknodes.count.nodes = 4;"
        + " time_based.minimum.nodes(now) - tasknodes.count.nodes = 14 - 4", o.decision().reason());
    assertEquals(Map.of("ig-task-od", 12), requested(), "ON_DEMAND: 4 < 15 task nodes");
  }

  @Test
  void timeBasedMinimumReachedThenReactiveUpscale() {
    // 14 nodes at 90 % cpu: the minimum is met, the reactive rule adds 3.
    ResourceOutcome o = tick(cluster("j-TB14", 4, 10, 0.9, 0.5), "time_based_scaling", TIME_BASED);
    assertEquals("upscale_expr = 3: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 14 < 25 and"
        + " tasknodes.average.cpu = 0.9 > 0.7", o.decision().reason(), o::toString);
    assertEquals(Map.of("ig-task-od", 7), requested());
  }

  // ------------------------------------------------------------------ downscale

  @Test
  void downscaleByAverage() {
    ResourceOutcome o = tick(cluster("j-DOWNAVG", 2, 5, 0.3, 0.5));
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals("downscale_expr = 1: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 7 >"
        + " time_based.minimum.nodes(now) = 1 and tasknodes.average.cpu = 0.3 < 0.5 and tasknodes.average.mem = 0.5 < 0.9", o.decision().reason());
    assertEquals(Map.of("ig-task-od", 1), requested(), "ON_DEMAND preferred (7 < 15 task nodes)");
  }

  @Test
  void noDownscaleAtHighAverageCpu() {
    ResourceOutcome o = tick(cluster("j-DOWNNO", 2, 5, 0.6, 0.5), "upscale_expr", "0");
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
  }

  @Test
  void downscaleByMax() {
    String expr = "1 if tasknodes.max.cpu < 0.5 else 0";
    FakeEmr c = cluster("j-DOWNMAX", 2, 5, 0.3, 0.5);
    ResourceOutcome o = tick(c, "downscale_expr", expr, "group_or_preferred_market", "SPOT");
    assertEquals("downscale_expr = 1: tasknodes.max.cpu = 0.3 < 0.5", o.decision().reason(), o::toString);
    assertEquals(Map.of("ig-task-spot", 4), requested());
  }

  @Test
  void noDownscaleByMaxWhenOneNodeIsBusy() {
    FakeEmr c = cluster("j-DOWNMAX2", 2, 5, 0.3, 0.5);
    FakeEmr.Node busy = c.nodesOf("ig-task-od").get(0);
    c.replace(busy, busy.withLoad(0.9, 0.5, 1, 0));
    ResourceOutcome o = tick(c, "downscale_expr", "1 if tasknodes.max.cpu < 0.5 else 0", "upscale_expr", "0");
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
  }

  @Test
  void timeBasedFloorAllowsDownscaleAboveTheMinimum() {
    ResourceOutcome o = tick(cluster("j-TB17", 7, 10, 0.1, 0.1), "time_based_scaling", TIME_BASED);
    assertEquals("downscale_expr = 1: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 17 >"
        + " time_based.minimum.nodes(now) = 14 and tasknodes.average.cpu = 0.1 < 0.5 and tasknodes.average.mem = 0.1 < 0.9", o.decision().reason(), o::toString);
    assertEquals(1, requested().size());
  }

  @Test
  void timeBasedFloorPreventsDownscaleAtOrBelowTheMinimum() {
    ResourceOutcome o = tick(cluster("j-TBFLOOR", 2, 2, 0.1, 0.1), "time_based_scaling", TIME_BASED,
        "upscale_expr", "0");
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(o.decision().reason().startsWith("downscale_expr = 0"), o.decision().reason());
  }

  // ------------------------------------------------------------------ the 13 preferred-market cases

  /**
   * group_or_preferred_market, ON_DEMAND nodes, SPOT nodes, nodes to remove, expected removed ON_DEMAND, expected
   * removed SPOT. All nodes carry the same load, so the preference order decides (as in the original's mocks).
   */
  @ParameterizedTest(name = "[{index}] ''{0}'' od={1} spot={2} remove {3} -> od {4}, spot {5}")
  @CsvSource(delimiter = '|', value = {
      "''              | 2 | 5 | 1 | 0 | 1",
      "''              | 2 | 5 | 2 | 0 | 2",
      "''              | 4 | 1 | 2 | 1 | 1",
      "SPOT            | 2 | 5 | 1 | 0 | 1",
      "SPOT            | 2 | 5 | 2 | 0 | 2",
      "SPOT            | 4 | 1 | 2 | 0 | 1",
      "ON_DEMAND       | 2 | 5 | 1 | 1 | 0",
      "ON_DEMAND       | 2 | 5 | 2 | 2 | 0",
      "ON_DEMAND       | 1 | 4 | 2 | 1 | 0",
      "'SPOT,ON_DEMAND' | 2 | 5 | 2 | 0 | 2",
      "'SPOT,ON_DEMAND' | 4 | 1 | 2 | 1 | 1",
      "'ON_DEMAND,SPOT' | 2 | 5 | 2 | 2 | 0",
      "'ON_DEMAND,SPOT' | 1 | 4 | 2 | 1 | 1"})
  void preferredMarketDownscale(String preference, int od, int spot, int remove, int removedOd, int removedSpot) {
    FakeEmr c = cluster("j-PM" + od + spot + remove + Math.abs(preference.hashCode() % 1000), od, spot, 0.2, 0.2);
    ResourceOutcome o = tick(c, "group_or_preferred_market", preference, "downscale_expr", Integer.toString(remove));
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(Map.of("ig-task-od", removedOd, "ig-task-spot", removedSpot), removedPerGroup(c), o::toString);
  }

  @ParameterizedTest(name = "[{index}] upscale with ''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                          | ig-task-spot",
      "ON_DEMAND                   | ig-task-od",
      "'SPOT,ON_DEMAND'            | ig-task-spot",
      "'ig-task-od,SPOT,ON_DEMAND' | ig-task-od",
      "'\"SPOT\" if tasknodes.count.nodes > 5 else \"ON_DEMAND\"' | ig-task-spot"})
  void preferredMarketUpscale(String preference, String group) {
    FakeEmr c = cluster("j-PU" + Math.abs(preference.hashCode() % 10000), 2, 5, 0.5, 0.5);
    ResourceOutcome o = tick(c, "group_or_preferred_market", preference, "downscale_expr", "0", "upscale_expr", "1");
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(List.of(group), List.copyOf(requested().keySet()));
  }

  @Test
  void aSingleTaskGroupIsUsedRegardlessOfPreference() {
    FakeEmr c = new FakeEmr("j-SINGLE");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 1)
        .group("ig-only", "TASK", "SPOT", 3);
    ResourceOutcome o = tick(c, "group_or_preferred_market", "ON_DEMAND", "downscale_expr", "0", "upscale_expr", "2");
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(Map.of("ig-only", 5), requested());
  }
}
