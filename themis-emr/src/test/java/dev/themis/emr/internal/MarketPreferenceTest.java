package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.themis.emr.EmrClusterSnapshot.EmrGroup;
import dev.themis.emr.EmrClusterSnapshot.EmrNode;
import dev.themis.emr.EmrClusterSnapshot.NodeLoad;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarketPreferenceTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);

  private static EmrGroup group(String id, String role, String market, boolean quarantined) {
    return new EmrGroup(id, false, role, market, "m5.xlarge", 2, 2, "RUNNING", "", true, quarantined, quarantined);
  }

  private static EmrNode node(int i, String group, NodeLoad load) {
    return new EmrNode("ci-" + i, "i-" + i, group, "TASK", "SPOT", "h" + i, null, "RUNNING", load);
  }

  @Test
  void upscaleSkipsQuarantinedGroupsAndFallsBackToOnDemandLast() {
    EmrGroup spotA = group("ig-a", "TASK", "SPOT", true);
    EmrGroup spotB = group("ig-b", "TASK", "SPOT", false);
    EmrGroup od = group("ig-od", "TASK", "ON_DEMAND", false);
    assertEquals(List.of(spotB, od), MarketPreference.upscaleCandidates(List.of(spotA, spotB, od), List.of("SPOT")));
    assertEquals(List.of(spotB, od), MarketPreference.upscaleCandidates(List.of(spotA, spotB, od), List.of("ig-a")),
        "the other group of the same role first, ON_DEMAND last");
    assertEquals(List.of(spotB), MarketPreference.upscaleCandidates(List.of(spotB, od), List.of("SPOT")),
        "no fallback needed");
    assertEquals(List.of(od), MarketPreference.upscaleCandidates(List.of(od), List.of("SPOT")),
        "a single scalable group is used regardless");
  }

  /**
   * Regression: with the default preference ("ON_DEMAND" below 15 task nodes) and the ON_DEMAND group quarantined
   * after a capacity error, no candidate was left and the cluster held below demand although a SPOT group existed.
   */
  @Test
  void aQuarantinedPreferredGroupFallsBackToTheOtherScalableGroupsOfItsRole() {
    EmrGroup od = group("ig-od", "TASK", "ON_DEMAND", true);
    EmrGroup spot = group("ig-spot", "TASK", "SPOT", false);
    EmrGroup spot2 = group("ig-spot2", "TASK", "SPOT", false);
    EmrGroup od2 = group("ig-od2", "TASK", "ON_DEMAND", false);
    EmrGroup core = group("ig-core", "CORE", "SPOT", false);
    assertEquals(List.of(spot), MarketPreference.upscaleCandidates(List.of(od, spot), List.of("ON_DEMAND")));
    assertEquals(List.of(od2, spot, spot2), MarketPreference.upscaleCandidates(List.of(od, spot, spot2, od2),
        List.of("ON_DEMAND")), "other preferences first, then the same role's other markets");
    assertEquals(List.of(spot2, spot, od2), MarketPreference.upscaleCandidates(List.of(od, spot, spot2, od2),
        List.of("ig-od", "ig-spot2")), "the preference's remaining entries first; ON_DEMAND after other markets");
    assertEquals(List.of(spot), MarketPreference.upscaleCandidates(List.of(od, core, spot), List.of("ON_DEMAND")),
        "not a group of another role");
    assertEquals(List.of(), MarketPreference.upscaleCandidates(List.of(od, group("ig-s", "TASK", "SPOT", true)),
        List.of("ON_DEMAND")), "quarantined groups are never candidates");
    assertEquals(List.of(), MarketPreference.upscaleCandidates(List.of(spot, od2), List.of("ig-unknown")),
        "no fallback when nothing matched: the preference is wrong, not the capacity");
  }

  @Test
  void downscaleFallsBackToTheOtherGroupsOfTheSameRoleOnly() {
    EmrGroup od = group("ig-od", "TASK", "ON_DEMAND", false);
    EmrGroup spot = group("ig-spot", "TASK", "SPOT", false);
    EmrGroup core = group("ig-core", "CORE", "ON_DEMAND", false);
    List<EmrGroup> preferred = MarketPreference.downscaleGroups(List.of(od, core, spot), List.of("ON_DEMAND"));
    assertEquals(List.of(od, core), preferred);
    assertEquals(List.of(spot), MarketPreference.downscaleFallback(List.of(od, core, spot), preferred));
    assertEquals(List.of(spot), MarketPreference.downscaleFallback(List.of(od, core, spot), List.of(od)),
        "not a group of another role");
  }

  @Test
  void aDecommissioningNodeIsNeverChosenAgain() {
    EmrGroup g = group("ig-a", "TASK", "SPOT", false);
    EmrNode draining = new EmrNode("ci-1", "i-1", "ig-a", "TASK", "SPOT", "h1", null, "RUNNING",
        new NodeLoad(true, 0, 0, 0, 0), "DECOMMISSIONING");
    EmrNode busy = new EmrNode("ci-2", "i-2", "ig-a", "TASK", "SPOT", "h2", null, "RUNNING",
        new NodeLoad(true, 4, 0, 0.9, 0.9), "RUNNING");
    assertEquals(List.of(busy), MarketPreference.victims(List.of(g), List.of(draining, busy), 2));
    for (String state : List.of("DECOMMISSIONED", "LOST", "SHUTDOWN")) {
      EmrNode gone = new EmrNode("ci-3", "i-3", "ig-a", "TASK", "SPOT", "h3", null, "RUNNING", NodeLoad.MISSING,
          state);
      assertEquals(List.of(busy), MarketPreference.victims(List.of(g), List.of(gone, busy), 2), state);
    }
  }

  @Test
  void aStuckGroupCountsTheInstancesItObtainedBootingOnesIncluded() {
    EmrGroup g = new EmrGroup("ig-a", false, "TASK", "SPOT", "m5.xlarge", 6, 3, "RESIZING",
        "The requested number of spot instances exceeds your limit.", true, true, true);
    List<EmrNode> nodes = List.of(
        node(1, "ig-a", NodeLoad.MISSING), node(2, "ig-a", NodeLoad.MISSING), node(3, "ig-a", NodeLoad.MISSING),
        new EmrNode("ci-4", "i-4", "ig-a", "TASK", "SPOT", "h4", null, "BOOTSTRAPPING", NodeLoad.MISSING),
        new EmrNode("ci-5", "i-5", "ig-a", "TASK", "SPOT", "h5", null, "AWAITING_FULFILLMENT", NodeLoad.MISSING),
        new EmrNode("ci-6", "i-6", "ig-b", "TASK", "SPOT", "h6", null, "RUNNING", NodeLoad.MISSING));
    assertTrue(MarketPreference.stuck(g));
    assertEquals(4, MarketPreference.obtained(g, nodes), "3 running + 1 booting; not the unfulfilled request");
    assertEquals(3, MarketPreference.obtained(g, List.of()), "at least the running count");
  }

  @Test
  void anEmptyPreferenceMeansSpotThenOnDemand() {
    assertEquals(List.of("SPOT", "ON_DEMAND"), MarketPreference.normalise(List.of()));
    assertEquals(List.of("SPOT", "ON_DEMAND"), MarketPreference.normalise(List.of(" ")));
  }

  @Test
  void nodesWithoutLoadDataAreNotChosenFirst() {
    EmrGroup g = group("ig-a", "TASK", "SPOT", false);
    EmrNode noData = node(1, "ig-a", NodeLoad.MISSING);
    EmrNode loaded = node(2, "ig-a", new NodeLoad(true, 4, 0, 0.6, 0.6));
    assertEquals(List.of(loaded), MarketPreference.victims(List.of(g), List.of(noData, loaded), 1));
  }

  /**
   * Properties of victim selection on random clusters: only running nodes of the given groups, never more than
   * asked, no duplicates, idle nodes before busy ones, and among busy reported nodes ascending load.
   */
  @Test
  void victimSelectionProperties() {
    qt().withExamples(EXAMPLES).forAll(
        lists().of(integers().between(0, 40)).ofSizeBetween(0, 30), integers().between(0, 35))
        .checkAssert((seeds, count) -> {
          EmrGroup a = group("ig-a", "TASK", "SPOT", false);
          EmrGroup b = group("ig-b", "TASK", "ON_DEMAND", false);
          List<EmrNode> nodes = new ArrayList<>();
          for (int i = 0; i < seeds.size(); i++) {
            int s = seeds.get(i);
            String gid = s % 3 == 0 ? "ig-a" : s % 3 == 1 ? "ig-b" : "ig-core";
            NodeLoad load = s % 7 == 0 ? NodeLoad.MISSING
                : new NodeLoad(true, s % 5 == 0 ? 0 : s % 4, s % 11 == 0 ? 1 : 0, (s % 10) / 10.0, (s % 6) / 6.0);
            nodes.add(new EmrNode("ci-" + i, "i-" + i, gid, gid.equals("ig-core") ? "CORE" : "TASK", "SPOT",
                "h" + i, null, s % 13 == 0 ? "BOOTSTRAPPING" : "RUNNING", load));
          }
          List<EmrNode> victims = MarketPreference.victims(List.of(a, b), nodes, count);
          assertTrue(victims.size() <= count);
          Set<String> ids = new HashSet<>();
          boolean seenBusy = false;
          boolean seenMissing = false;
          double lastScore = -1;
          for (EmrNode v : victims) {
            assertTrue(ids.add(v.instanceId()), "no duplicates");
            assertTrue(v.running(), "only running nodes");
            assertTrue(v.groupId().equals("ig-a") || v.groupId().equals("ig-b"), "only the given groups");
            if (v.load().idle()) {
              assertTrue(!seenBusy && !seenMissing, "idle nodes first");
            } else if (v.load().reported()) {
              assertTrue(!seenMissing, "nodes without data last");
              assertTrue(!seenBusy || v.load().score() >= lastScore, "ascending load");
              seenBusy = true;
              lastScore = v.load().score();
            } else {
              seenMissing = true;
            }
          }
          long eligible = nodes.stream().filter(n -> n.running() && !n.groupId().equals("ig-core")).count();
          assertEquals(Math.min(count, eligible), victims.size(), "as many as asked when possible");
        });
  }
}
