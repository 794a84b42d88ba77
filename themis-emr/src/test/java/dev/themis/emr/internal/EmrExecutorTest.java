package dev.themis.emr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor's requests, bodies included, against WireMock through the real EmrClient. */
class EmrExecutorTest extends EmrWireMockTestBase {

  private JsonNode onlyModify() {
    List<JsonNode> calls = emrRequests("ModifyInstanceGroups");
    assertEquals(1, calls.size(), () -> "ModifyInstanceGroups calls: " + calls);
    return calls.get(0);
  }

  @Test
  void scaleUpSetsTheRequestedCountToRequestedPlusN() {
    // The group requested 5 and runs 5, but only 4 instances are listed (one is being replaced):
    // the original set 4 + 3; the request must be 5 + 3.
    FakeEmr c = new FakeEmr("j-UP");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 1)
        .group("ig-task", "TASK", "SPOT", 5);
    c.nodes.remove(c.nodesOf("ig-task").get(4));
    ResourceOutcome o = only(autoscaler(c, delta(3)).tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(json("{\"ClusterId\":\"j-UP\",\"InstanceGroups\":[{\"InstanceGroupId\":\"ig-task\","
        + "\"InstanceCount\":8}]}"), onlyModify());
  }

  @Test
  void scaleUpNeverRequestsBeyondMaxNodes() {
    FakeEmr c = FakeEmr.original("j-MAX");
    ResourceOutcome o = only(autoscaler(c, delta(10), "max_nodes", "9",
        "group_or_preferred_market", "SPOT").tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    JsonNode body = onlyModify();
    assertEquals("ig-task-spot", body.at("/InstanceGroups/0/InstanceGroupId").asText());
    assertEquals(7, body.at("/InstanceGroups/0/InstanceCount").asInt(), "5 + (9 - 7)");
  }

  @Test
  void scaleUpFollowsAnExplicitGroupAndMarketList() {
    FakeEmr c = FakeEmr.original("j-PREF");
    only(autoscaler(c, delta(1), "group_or_preferred_market", "ig-task-od,SPOT,ON_DEMAND").tick());
    assertEquals("ig-task-od", onlyModify().at("/InstanceGroups/0/InstanceGroupId").asText());
  }

  @Test
  void scaleDownRemovesIdleNodesFirstWithAGracefulShrinkPolicy() {
    FakeEmr c = FakeEmr.original("j-DOWN").load(null, 0.1, 0.1);
    FakeEmr.Node busyLow = c.nodesOf("ig-task-spot").get(0);
    c.replace(busyLow, busyLow.withLoad(0.0, 0.0, 3, 0)); // lowest load, but running containers
    FakeEmr.Node idle = c.nodesOf("ig-task-spot").get(3);
    c.replace(idle, idle.withLoad(0.4, 0.4, 0, 0)); // loaded (cached memory) but no containers
    FakeEmr.Node am = c.nodesOf("ig-task-spot").get(4);
    c.replace(am, am.withLoad(0.3, 0.3, 1, 1)); // hosts an application master
    ResourceOutcome o = only(autoscaler(c, delta(-2), "group_or_preferred_market", "SPOT,ON_DEMAND",
        "decommission_timeout", "20m").tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    JsonNode g = onlyModify().at("/InstanceGroups/0");
    assertEquals("ig-task-spot", g.get("InstanceGroupId").asText());
    assertEquals(3, g.get("InstanceCount").asInt());
    assertEquals(1200, g.at("/ShrinkPolicy/DecommissionTimeout").asInt());
    JsonNode resize = g.at("/ShrinkPolicy/InstanceResizePolicy");
    assertEquals(idle.ec2(), resize.at("/InstancesToTerminate/0").asText(), "idle node first");
    assertEquals(busyLow.ec2(), resize.at("/InstancesToTerminate/1").asText(), "then the least loaded");
    assertEquals(am.ec2(), resize.at("/InstancesToProtect/0").asText(), "application masters protected");
    assertEquals(1200, resize.get("InstanceTerminationTimeout").asInt());
    assertTrue(g.path("EC2InstanceIdsToTerminate").isMissingNode(), "never a hard kill by default");
  }

  @Test
  void hardTerminateUsesEc2InstanceIdsToTerminate() {
    FakeEmr c = FakeEmr.original("j-HARD");
    only(autoscaler(c, delta(-1), "group_or_preferred_market", "ON_DEMAND", "hard_terminate", "true").tick());
    JsonNode g = onlyModify().at("/InstanceGroups/0");
    assertEquals("ig-task-od", g.get("InstanceGroupId").asText());
    assertEquals(1, g.get("InstanceCount").asInt());
    assertEquals(1, g.get("EC2InstanceIdsToTerminate").size());
    assertTrue(g.path("ShrinkPolicy").isMissingNode());
  }

  @Test
  void missingNodeMetricsPreventScaleDown() {
    FakeEmr c = FakeEmr.original("j-NODATA").load(null, 0.05, 0.05);
    FakeEmr.Node n = c.nodesOf("ig-task-od").get(0);
    c.replace(n, new FakeEmr.Node(n.id(), n.ec2(), n.group(), n.host(), n.ip(), n.state(), 0, 0, 0, 0, false));
    ResourceOutcome o = only(autoscaler(c, delta(-3)).tick());
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(o.reasons().toString().contains("never scales down"), o.reasons()::toString);
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty());
  }

  @Test
  void noTaskGroupsMeansCoreIsNotTouchedUnlessAllowed() {
    FakeEmr c = new FakeEmr("j-NOTASK");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 2);
    Autoscaler a = autoscaler(c, delta(3), "min_nodes", "0");
    for (int i = 0; i < 3; i++) {
      ResourceOutcome o = only(a.tick());
      assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
      assertEquals(0, o.state().capacity());
      clock.advance(Duration.ofMinutes(3));
    }
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty(), "the original grew core without bound");
  }

  @Test
  void coreGroupsScaleOnlyWhenExplicitlyAllowed() {
    FakeEmr c = new FakeEmr("j-CORE");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 2);
    ResourceOutcome o = only(autoscaler(c, delta(1), "scale_core_groups", "true", "max_nodes", "10").tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(json("{\"ClusterId\":\"j-CORE\",\"InstanceGroups\":[{\"InstanceGroupId\":\"ig-core\","
        + "\"InstanceCount\":3}]}"), onlyModify());
  }

  @Test
  void theMasterIsNeverScaled() {
    FakeEmr c = new FakeEmr("j-MASTER");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 2);
    ResourceOutcome o = only(autoscaler(c, delta(-5), "scale_core_groups", "true").tick());
    JsonNode g = onlyModify().at("/InstanceGroups/0");
    assertEquals("ig-core", g.get("InstanceGroupId").asText(), o::toString);
    assertEquals(0, g.get("InstanceCount").asInt());
    assertEquals(1, emrRequests("ModifyInstanceGroups").size());
  }

  @Test
  void clusterTerminatedBetweenObserveAndActIsDeclined() {
    FakeEmr c = FakeEmr.original("j-TERM");
    Autoscaler a = autoscaler(c, delta(2));
    wm.stubFor(FakeEmr.emr("DescribeCluster").inScenario("terminate").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(FakeEmr.amz("{\"Cluster\":{\"Id\":\"j-TERM\",\"Status\":{\"State\":\"RUNNING\"},"
            + "\"InstanceCollectionType\":\"INSTANCE_GROUP\"}}"))
        .willSetStateTo("terminating"));
    wm.stubFor(FakeEmr.emr("DescribeCluster").inScenario("terminate").whenScenarioStateIs("terminating")
        .willReturn(FakeEmr.amz("{\"Cluster\":{\"Id\":\"j-TERM\",\"Status\":{\"State\":\"TERMINATING\"}}}")));
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(o.reasons().toString().contains("TERMINATING"), o.reasons()::toString);
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty());
  }

  @Test
  void spotCapacityErrorQuarantinesTheGroupAndFallsBackToOnDemand() {
    FakeEmr c = new FakeEmr("j-SPOT");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 1)
        .group("ig-spot", "TASK", "SPOT", 6, 4, "RESIZING",
            "Unable to provision Spot instances: insufficient capacity in us-east-1a")
        .group("ig-od", "TASK", "ON_DEMAND", 2);
    Autoscaler a = autoscaler(c, delta(3), "group_or_preferred_market", "SPOT,ON_DEMAND",
        "capacity_error_quarantine", "30m");
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(6, o.state().capacity(), "the stuck spot request counts as what runs: 4 + 2");
    // The unfulfillable spot request is given up and the shortfall plus the new nodes go to ON_DEMAND.
    assertEquals(json("{\"ClusterId\":\"j-SPOT\",\"InstanceGroups\":["
        + "{\"InstanceGroupId\":\"ig-spot\",\"InstanceCount\":4},"
        + "{\"InstanceGroupId\":\"ig-od\",\"InstanceCount\":5}]}"), onlyModify());
  }

  @Test
  void scaleDownFromAStuckGroupStartsFromWhatRuns() {
    FakeEmr c = new FakeEmr("j-STUCKDOWN");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 1)
        .group("ig-spot", "TASK", "SPOT", 6, 4, "RESIZING", "Insufficient capacity for spot instances")
        .load(null, 0.1, 0.1);
    ResourceOutcome o = only(autoscaler(c, delta(-1)).tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(3, onlyModify().at("/InstanceGroups/0/InstanceCount").asInt(), "4 running - 1, not 6 - 1");
  }

  @Test
  void quarantineEndsAfterItsDuration() {
    Quarantine q = new Quarantine(Duration.ofMinutes(30));
    q.capacityError("ig-1", T0);
    assertTrue(q.isQuarantined("ig-1", T0.plus(Duration.ofMinutes(29))));
    q.capacityError("ig-1", T0.plus(Duration.ofMinutes(10))); // seen again: not extended
    assertTrue(!q.isQuarantined("ig-1", T0.plus(Duration.ofMinutes(30))));
  }

  @Test
  void instanceFleetsAdjustTargetCapacity() {
    FakeEmr c = new FakeEmr("j-FLEET");
    c.collectionType = "INSTANCE_FLEET";
    c.fleets.add(fleet("if-master", "MASTER", 1, 0));
    c.fleets.add(fleet("if-core", "CORE", 2, 0));
    c.fleets.add(fleet("if-task", "TASK", 1, 4));
    c.groups.add(new FakeEmr.Group("if-master", "MASTER", "ON_DEMAND", "m5.xlarge", 1, 1, "RUNNING", ""));
    ResourceOutcome o = only(autoscaler(c, delta(2), "group_or_preferred_market", "SPOT").tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(5, o.state().capacity(), "task fleet: 1 on-demand + 4 spot");
    List<JsonNode> calls = emrRequests("ModifyInstanceFleet");
    assertEquals(1, calls.size());
    assertEquals(json("{\"ClusterId\":\"j-FLEET\",\"InstanceFleet\":{\"InstanceFleetId\":\"if-task\","
        + "\"TargetSpotCapacity\":6}}"), calls.get(0));
  }

  @Test
  void instanceFleetsShrinkInPreferenceOrder() {
    FakeEmr c = new FakeEmr("j-FLEET2");
    c.collectionType = "INSTANCE_FLEET";
    c.fleets.add(fleet("if-master", "MASTER", 1, 0));
    c.fleets.add(fleet("if-task", "TASK", 2, 1));
    c.groups.add(new FakeEmr.Group("if-master", "MASTER", "ON_DEMAND", "m5.xlarge", 1, 1, "RUNNING", ""));
    c.addNode("if-master", 0.1, 0.1);
    c.addNode("if-task", 0.1, 0.1);
    c.addNode("if-task", 0.1, 0.1);
    c.fleetMarkets.put(c.addNode("if-task", 0.1, 0.1).ec2(), "SPOT");
    ResourceOutcome o = only(autoscaler(c, delta(-2), "group_or_preferred_market", "SPOT,ON_DEMAND").tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(json("{\"ClusterId\":\"j-FLEET2\",\"InstanceFleet\":{\"InstanceFleetId\":\"if-task\","
        + "\"TargetOnDemandCapacity\":1,\"TargetSpotCapacity\":0}}"), emrRequests("ModifyInstanceFleet").get(0));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode fleet(String id, String type, int od, int spot) {
    com.fasterxml.jackson.databind.node.ObjectNode f = FakeEmr.JSON.createObjectNode().put("Id", id)
        .put("Name", id).put("InstanceFleetType", type).put("TargetOnDemandCapacity", od)
        .put("TargetSpotCapacity", spot).put("ProvisionedOnDemandCapacity", od).put("ProvisionedSpotCapacity", spot);
    f.putObject("Status").put("State", "RUNNING");
    f.putArray("InstanceTypeSpecifications").addObject().put("InstanceType", "m5.xlarge");
    return f;
  }

  @Test
  void modifyRequestsCarryTheClusterId() {
    FakeEmr c = FakeEmr.original("j-ID");
    only(autoscaler(c, delta(1), "group_or_preferred_market", "SPOT").tick());
    wm.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.ModifyInstanceGroups"))
        .withRequestBody(matchingJsonPath("$.ClusterId", equalTo("j-ID"))));
  }

  /**
   * Regression: a node YARN already reports DECOMMISSIONING (idle, cpu 0: the "best" victim by load) was chosen for
   * removal again, lowering the requested count a second time and so removing a serving node too.
   */
  @Test
  void aDecommissioningNodeIsNeverChosenAsAVictimAgain() {
    FakeEmr c = FakeEmr.original("j-REDRAIN").load(null, 0.5, 0.5);
    FakeEmr.Node draining = c.nodesOf("ig-task-spot").get(0);
    c.replace(draining, draining.withLoad(0.0, 0.0, 0, 0));
    c.yarnStates.put(draining.host(), "DECOMMISSIONING");
    FakeEmr.Node idle = c.nodesOf("ig-task-spot").get(2);
    c.replace(idle, idle.withLoad(0.1, 0.1, 0, 0));
    ResourceOutcome o = only(autoscaler(c, delta(-1), "group_or_preferred_market", "SPOT").tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    JsonNode resize = onlyModify().at("/InstanceGroups/0/ShrinkPolicy/InstanceResizePolicy");
    assertEquals(List.of(idle.ec2()), List.of(resize.at("/InstancesToTerminate/0").asText()));
    assertEquals(1, resize.get("InstancesToTerminate").size());
  }

  /** Before YARN reports a victim DECOMMISSIONING (or when YARN is unreadable) the executor remembers it. */
  @Test
  void aNodeAskedToBeRemovedIsNotChosenAgainBeforeYarnReportsIt() {
    FakeEmr c = FakeEmr.original("j-TWICE").load(null, 0.5, 0.5);
    FakeEmr.Node idle = c.nodesOf("ig-task-spot").get(1);
    c.replace(idle, idle.withLoad(0.0, 0.0, 0, 0));
    Autoscaler a = autoscaler(c, delta(-1), "group_or_preferred_market", "SPOT");
    assertInstanceOf(ResourceOutcome.Applied.class, only(a.tick()));
    clock.advance(Duration.ofMinutes(1));
    ResourceOutcome second = only(a.tick()); // EMR and YARN still report the first victim as before
    assertInstanceOf(ResourceOutcome.Applied.class, second, second::toString);
    List<JsonNode> calls = emrRequests("ModifyInstanceGroups");
    assertEquals(2, calls.size(), calls::toString);
    String path = "/InstanceGroups/0/ShrinkPolicy/InstanceResizePolicy/InstancesToTerminate/0";
    assertEquals(idle.ec2(), calls.get(0).at(path).asText());
    assertTrue(!idle.ec2().equals(calls.get(1).at(path).asText()), calls::toString);
  }
}
