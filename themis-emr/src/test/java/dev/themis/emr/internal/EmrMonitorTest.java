package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.emr.EmrClusterSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor against WireMock: EMR JSON 1.1, CloudWatch CBOR and YARN REST through the real clients. */
class EmrMonitorTest extends EmrWireMockTestBase {

  private ResourceState observe(FakeEmr cluster, String... keyValues) {
    Autoscaler a = autoscaler(cluster, delta(0), keyValues);
    ResourceOutcome o = only(a.tick());
    if (o.state() == null) {
      throw new AssertionError("no state: " + o);
    }
    return o.state();
  }

  @Test
  void observesGroupsInstancesYarnAndCloudWatch() {
    FakeEmr c = FakeEmr.original("j-MON").load("ig-task-spot", 0.8, 0.6).load("ig-task-od", 0.2, 0.4);
    c.containersPending = 7;
    ResourceState s = observe(c);

    assertEquals(7, s.capacity(), "task groups only: 2 ON_DEMAND + 5 SPOT");
    assertFalse(s.inFlight());
    assertEquals(7.0, s.metric("tasknodes.count.nodes").orElseThrow());
    assertEquals(1.0, s.metric("corenodes.count.nodes").orElseThrow());
    assertEquals(9.0, s.metric("allnodes.count.nodes").orElseThrow());
    assertEquals((5 * 0.8 + 2 * 0.2) / 7, s.metric("tasknodes.average.cpu").orElseThrow(), 1e-9);
    assertEquals(0.8, s.metric("tasknodes.max.cpu").orElseThrow(), 1e-9);
    assertEquals(0.2, s.metric("tasknodes.min.cpu").orElseThrow(), 1e-9);
    assertEquals(5 * 0.8 + 2 * 0.2, s.metric("tasknodes.total.cpu").orElseThrow(), 1e-9);
    assertEquals(1.0, s.metric("tasknodes.running").orElseThrow());
    assertEquals(7.0, s.metric("yarn.containers.pending").orElseThrow());
    assertTrue(s.metric("yarn.memory.available.percent").isPresent());
    assertEquals(40.0, s.metric("cloudwatch.YARNMemoryAvailablePercentage").orElseThrow());
    assertTrue(s.complete(), () -> "missing: " + s.missingMetrics());

    EmrClusterSnapshot snap = s.detail(EmrClusterSnapshot.class);
    assertEquals("RUNNING", snap.clusterState());
    assertEquals(4, snap.groups().size());
    assertEquals(List.of("ig-task-od", "ig-task-spot"),
        snap.scalableGroups().stream().map(EmrClusterSnapshot.EmrGroup::id).toList());
    assertEquals(9, snap.nodes().size());
    assertTrue(snap.masterHost().startsWith("ip-10-0-0-10"), snap.masterHost());
  }

  /** Hardening issue, item 1: a PartialData answer is data CloudWatch did not deliver, so the metric is missing. */
  @Test
  void partialCloudWatchDataIsMissingNotAveraged() {
    FakeEmr c = FakeEmr.original("j-PART").load("ig-task-spot", 0.8, 0.6).load("ig-task-od", 0.2, 0.4);
    c.cloudWatchStatus = "PartialData";
    ResourceState s = observe(c);
    assertTrue(s.metric("cloudwatch.YARNMemoryAvailablePercentage").isEmpty(), s.metrics()::toString);
    assertTrue(s.missingMetrics().stream().anyMatch(m -> m.startsWith("cloudwatch.")), s.missingMetrics()::toString);
  }

  @Test
  void cloudWatchMetricsComeFromOneBatchedGetMetricData() {
    observe(FakeEmr.original("j-CW"));
    List<JsonNode> calls = cloudWatchRequests();
    assertEquals(1, calls.size());
    JsonNode queries = calls.get(0).get("MetricDataQueries");
    assertEquals(4, queries.size());
    assertEquals("j-CW", queries.get(0).at("/MetricStat/Metric/Dimensions/0/Value").asText());
    assertEquals("AWS/ElasticMapReduce", queries.get(0).at("/MetricStat/Metric/Namespace").asText());
  }

  @Test
  void paginatesEveryList() {
    FakeEmr c = FakeEmr.original("j-PAGE");
    c.pageSize = 2;
    ResourceState s = observe(c);
    assertEquals(9, s.detail(EmrClusterSnapshot.class).nodes().size());
    assertEquals(5, emrRequests("ListInstances").size(), "9 instances in pages of 2");
    assertEquals(2, emrRequests("ListInstanceGroups").size(), "4 groups in pages of 2");
    assertEquals("page-4", emrRequests("ListInstances").get(4).get("Marker").asText());
    assertEquals(7, s.capacity());
  }

  @Test
  void aNodeWithoutYarnDataIsMissingNotZero() {
    FakeEmr c = FakeEmr.original("j-MISS").load(null, 0.9, 0.9);
    FakeEmr.Node n = c.nodesOf("ig-task-spot").get(0);
    c.replace(n, new FakeEmr.Node(n.id(), n.ec2(), n.group(), n.host(), n.ip(), n.state(), 0, 0, 0, 0, false));
    ResourceState s = observe(c);
    assertTrue(s.missingMetrics().contains("tasknodes.average.cpu"), s.missingMetrics()::toString);
    assertTrue(s.missingMetrics().contains("allnodes.max.mem"));
    assertFalse(s.metric("tasknodes.average.cpu").isPresent(), "not averaged in as zero");
    assertTrue(s.metric("corenodes.average.cpu").isPresent(), "other groups unaffected");
    EmrClusterSnapshot.EmrNode node = s.detail(EmrClusterSnapshot.class).nodes().stream()
        .filter(x -> x.ec2InstanceId().equals(n.ec2())).findFirst().orElseThrow();
    assertFalse(node.load().reported());
  }

  @Test
  void yarnDownMakesYarnAndLoadMetricsMissing() {
    FakeEmr c = FakeEmr.original("j-NOYARN");
    c.yarnUp = false;
    ResourceState s = observe(c);
    assertTrue(s.missingMetrics().contains("yarn.containers.pending"));
    assertTrue(s.missingMetrics().contains("tasknodes.average.cpu"));
    assertEquals(7, s.capacity(), "EMR data is still there");
  }

  @Test
  void loadIsAveragedOverTheMonitoringWindow() {
    FakeEmr c = FakeEmr.original("j-WIN").load(null, 0.9, 0.5);
    Autoscaler a = autoscaler(c, delta(0), "monitoring_window", "10m");
    assertEquals(0.9, only(a.tick()).state().metric("tasknodes.average.cpu").orElseThrow(), 1e-9);
    c.load(null, 0.3, 0.5).installYarn(wm);
    clock.advance(Duration.ofMinutes(3));
    assertEquals(0.6, only(a.tick()).state().metric("tasknodes.average.cpu").orElseThrow(), 1e-9);
    clock.advance(Duration.ofMinutes(11));
    assertEquals(0.3, only(a.tick()).state().metric("tasknodes.average.cpu").orElseThrow(), 1e-9,
        "old samples leave the window");
  }

  @Test
  void aResizingGroupIsInFlightAndTheCoreHolds() {
    FakeEmr c = new FakeEmr("j-RESIZE");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 1)
        .group("ig-task", "TASK", "SPOT", 5, 3, "RESIZING", "");
    Autoscaler a = autoscaler(c, delta(2));
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Held.class, o);
    assertTrue(o.state().inFlight());
    assertEquals(5, o.state().capacity(), "capacity is the requested count");
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty());
  }

  @Test
  void aClusterNotRunningOrWaitingIsInFlight() {
    FakeEmr c = FakeEmr.original("j-BOOT");
    c.state = "BOOTSTRAPPING";
    Autoscaler a = autoscaler(c, delta(2));
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Held.class, o);
    assertTrue(o.state().inFlight());
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty());
  }

  @Test
  void aTerminatedClusterIsReportedGoneWithoutListingGroups() {
    FakeEmr c = FakeEmr.original("j-GONE");
    c.state = "TERMINATED";
    ResourceOutcome o = only(autoscaler(c, null).tick());
    ResourceOutcome.Failed gone = assertInstanceOf(ResourceOutcome.Failed.class, o);
    assertEquals(ResourceOutcome.Stage.OBSERVE, gone.stage(), "not a policy failure");
    assertTrue(gone.reasons().get(0).contains("emr:j-GONE is gone (cluster j-GONE is TERMINATED)"),
        gone.reasons()::toString);
    assertInstanceOf(dev.themis.spi.ResourceGoneException.class, gone.cause());
    assertTrue(emrRequests("ListInstances").isEmpty());
  }

  @Test
  void theStateCarriesTheExpressionVariables() {
    FakeEmr c = FakeEmr.original("j-VARS").load("ig-task-spot", 0.8, 0.6).load("ig-task-od", 0.2, 0.4);
    ResourceState s = observe(c);
    dev.themis.expr.vars.NodeGroupVars task = (dev.themis.expr.vars.NodeGroupVars) s.variables().get("tasknodes");
    assertEquals(7, task.count.nodes);
    assertEquals((5 * 0.8 + 2 * 0.2) / 7, task.average.cpu, 1e-9);
    assertTrue(task.running && task.active, "active = running on non-Presto clusters");
    assertTrue(Double.isNaN(task.average.sysload), "sysload is not read from YARN");
    dev.themis.expr.vars.YarnVars yarn = (dev.themis.expr.vars.YarnVars) s.variables().get("yarn");
    assertEquals(0, yarn.containersPending);
  }

  @Test
  void expressionsCanUseYarnVariables() {
    FakeEmr c = FakeEmr.original("j-YARNEXPR");
    c.containersPending = 12;
    c.install(wm);
    Autoscaler a = builder().resource(dev.themis.ResourceSpec.of("emr", c.clusterId, settings(c,
        "upscale_expr", "2 if yarn.containersPending > 10 else 0", "downscale_expr", "0",
        "group_or_preferred_market", "SPOT"))).build();
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(7, emrRequests("ModifyInstanceGroups").get(0).at("/InstanceGroups/0/InstanceCount").asInt());
  }

  @Test
  void theOptionalGangliaSourceGivesSysload() {
    FakeEmr c = FakeEmr.original("j-GANGLIA").load("ig-task-spot", 0.5, 0.5).load("ig-task-od", 0.25, 0.5);
    c.installGanglia(wm);
    ResourceState s = observe(c, "ganglia_url", c.gangliaUrl(wm));
    assertEquals((5 * 2.0 + 2 * 1.0) / 7, s.metric("tasknodes.average.sysload").orElseThrow(), 1e-9);
    assertEquals(2.0, s.metric("tasknodes.max.sysload").orElseThrow(), 1e-9);
    assertTrue(s.complete(), s.missingMetrics()::toString);
    dev.themis.expr.vars.NodeGroupVars task = (dev.themis.expr.vars.NodeGroupVars) s.variables().get("tasknodes");
    assertEquals(2.0, task.max.sysload, 1e-9);
    com.github.tomakehurst.wiremock.verification.LoggedRequest r = wm.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/ganglia/j-GANGLIA/graph.php"))).get(0);
    assertEquals("05/31/2016 00:50", r.queryParameter("cs").firstValue());
    assertEquals("05/31/2016 01:00", r.queryParameter("ce").firstValue());
    assertEquals("j-GANGLIA", r.queryParameter("c").firstValue());
  }

  @Test
  void aNodeWithoutGangliaDataMakesSysloadMissingOnly() {
    FakeEmr c = FakeEmr.original("j-GANGLIA2");
    c.installGanglia(wm);
    FakeEmr.Node n = c.nodesOf("ig-task-od").get(0);
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/ganglia/j-GANGLIA2/graph.php"))
        .atPriority(1).withQueryParam("h", com.github.tomakehurst.wiremock.client.WireMock.equalTo(n.host()))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)));
    ResourceState s = observe(c, "ganglia_url", c.gangliaUrl(wm));
    assertTrue(s.missingMetrics().contains("tasknodes.average.sysload"), s.missingMetrics()::toString);
    assertTrue(s.metric("tasknodes.average.cpu").isPresent());
  }

  @Test
  void aNodeYarnLostIsMissing() {
    FakeEmr c = FakeEmr.original("j-LOST");
    c.install(wm);
    FakeEmr.Node n = c.nodesOf("ig-task-spot").get(0);
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(c.yarnPrefix() + "/ws/v1/cluster/nodes"))
        .atPriority(1).willReturn(FakeEmr.okJson("{\"nodes\":{\"node\":[{\"id\":\"" + n.host()
            + ":8041\",\"nodeHostName\":\"" + n.host() + "\",\"state\":\"LOST\",\"numContainers\":0}]}}")));
    Autoscaler a = builder().resource(dev.themis.ResourceSpec.of("emr", c.clusterId, settings(c)), delta(0)).build();
    ResourceState s = only(a.tick()).state();
    assertTrue(s.missingMetrics().contains("tasknodes.average.cpu"), s.missingMetrics()::toString);
    assertFalse(s.detail(EmrClusterSnapshot.class).nodes().stream()
        .filter(x -> x.host().equals(n.host())).findFirst().orElseThrow().load().reported());
  }

  /**
   * Regression: a node YARN reports DECOMMISSIONING (being drained; cpu 0) was counted in count.nodes and in the load
   * averages, dragging them down and inviting further scale-down. Likewise DECOMMISSIONED, LOST and SHUTDOWN nodes.
   */
  @Test
  void decommissioningNodesAreNeitherCountedNorAveraged() {
    for (String yarnState : List.of("DECOMMISSIONING", "DECOMMISSIONED", "LOST", "SHUTDOWN")) {
      FakeEmr c = FakeEmr.original("j-DRAIN").load("ig-task-spot", 0.8, 0.6).load("ig-task-od", 0.8, 0.6);
      FakeEmr.Node draining = c.nodesOf("ig-task-spot").get(0);
      c.replace(draining, draining.withLoad(0.0, 0.0, 0, 0));
      c.yarnStates.put(draining.host(), yarnState);
      wm.resetAll();
      ResourceState s = observe(c);
      assertEquals(6.0, s.metric("tasknodes.count.nodes").orElseThrow(), yarnState);
      assertEquals(8.0, s.metric("allnodes.count.nodes").orElseThrow(), yarnState);
      assertEquals(0.8, s.metric("tasknodes.average.cpu").orElseThrow(), 1e-9, yarnState);
      assertEquals(0.8, s.metric("tasknodes.min.cpu").orElseThrow(), 1e-9, yarnState);
      assertEquals(0.5, s.metric("allnodes.min.cpu").orElseThrow(), 1e-9, yarnState); // the core node, not 0
      assertTrue(s.complete(), () -> yarnState + " missing: " + s.missingMetrics());
      EmrClusterSnapshot.EmrNode n = s.detail(EmrClusterSnapshot.class).nodes().stream()
          .filter(x -> x.host().equals(draining.host())).findFirst().orElseThrow();
      assertEquals(yarnState, n.yarnState());
      assertTrue(n.leaving());
      // The expression variables agree with the flat metrics.
      dev.themis.expr.vars.NodeGroupVars task = (dev.themis.expr.vars.NodeGroupVars) s.variables().get("tasknodes");
      assertEquals(6, task.count.nodes, yarnState);
      assertEquals(0.8, task.average.cpu, 1e-9, yarnState);
    }
  }
}
