package dev.themis.testkit.emr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.testkit.Demand;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceFleet;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceState;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

class SimulatedEmrTest {
  private final ManualClock clock = ManualClock.atEpoch2020();
  private final SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(6))
      .drainTime(Duration.ofMinutes(10)).pageSize(2).build();
  private final String id = emr.cluster("analytics").applications("Hadoop", "Spark")
      .instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
      .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", 1)
      .instanceGroup("TASK", "SPOT", "m5.xlarge", 2)
      .create();
  private final String task = emr.groupId(id, "TASK");

  private InstanceGroup taskGroup() {
    return emr.listInstanceGroupsPaginator(r -> r.clusterId(id)).instanceGroups().stream()
        .filter(g -> g.id().equals(task)).findFirst().orElseThrow();
  }

  private List<Instance> taskInstances() {
    return emr.listInstancesPaginator(r -> r.clusterId(id).instanceGroupId(task)).instances().stream().toList();
  }

  @Test
  void startsUpAndRunningAndDescribesItselfAsTheSdkExpects() {
    var c = emr.describeCluster(r -> r.clusterId(id)).cluster();
    assertEquals("analytics", c.name());
    assertEquals("INSTANCE_GROUP", c.instanceCollectionTypeAsString());
    assertEquals(emr.masterHost(id), c.masterPublicDnsName());
    assertEquals("WAITING", c.status().stateAsString());
    assertEquals(3, emr.serving(id));
    assertEquals(3, emr.billed(id));
    assertEquals("RUNNING", taskGroup().status().stateAsString());
    assertEquals(List.of("Hadoop", "Spark"), c.applications().stream().map(a -> a.name()).toList());
    assertThrows(InvalidRequestException.class, () -> emr.describeCluster(r -> r.clusterId("j-NOPE")));
  }

  @Test
  void requestedInstancesBootForTheBootDelayAndAreBilledMeanwhile() {
    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task).instanceCount(5)));
    InstanceGroup g = taskGroup();
    assertEquals(5, g.requestedInstanceCount());
    assertEquals(2, g.runningInstanceCount());
    assertEquals("RESIZING", g.status().stateAsString());
    assertEquals(3, emr.serving(id));
    assertEquals(6, emr.billed(id));
    assertEquals(3, taskInstances().stream().filter(i -> i.status().state() == InstanceState.PROVISIONING).count());

    clock.advance(Duration.ofMinutes(3));
    assertEquals(3, taskInstances().stream().filter(i -> i.status().state() == InstanceState.BOOTSTRAPPING).count());
    clock.advance(Duration.ofMinutes(3).minusSeconds(1));
    assertEquals(3, emr.serving(id));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(6, emr.serving(id));
    assertEquals("RUNNING", taskGroup().status().stateAsString());
    assertEquals(5, taskGroup().runningInstanceCount());
    assertTrue(taskInstances().stream().allMatch(i -> i.status().timeline().readyDateTime() != null));
  }

  @Test
  void removedRunningInstancesDrainBilledButNotServingThenTerminate() {
    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task).instanceCount(1)));
    assertEquals(2, emr.serving(id));
    assertEquals(3, emr.billed(id));
    InstanceGroup g = taskGroup();
    assertEquals(1, g.requestedInstanceCount());
    assertEquals(2, g.runningInstanceCount()); // EMR still shows the decommissioning instance as RUNNING
    assertEquals("RESIZING", g.status().stateAsString());
    List<YarnClient.YarnNode> nodes = emr.yarn().nodes(emr.masterHost(id));
    assertEquals(1, nodes.stream().filter(n -> n.state().equals("DECOMMISSIONING")).count());

    clock.advance(Duration.ofMinutes(10));
    assertEquals(2, emr.billed(id));
    assertEquals("RUNNING", taskGroup().status().stateAsString());
    assertEquals(1, taskInstances().stream().filter(i -> i.status().state() == InstanceState.TERMINATED).count());
    assertEquals(1, emr.listInstancesPaginator(r -> r.clusterId(id).instanceGroupId(task)
        .instanceStatesWithStrings("RUNNING")).instances().stream().count());
  }

  @Test
  void decommissionTimeoutShortensTheDrainAndBootingInstancesAreCancelledFirst() {
    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task).instanceCount(4)));
    clock.advance(Duration.ofMinutes(1));
    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task).instanceCount(1)
        .shrinkPolicy(s -> s.decommissionTimeout(60))));
    // The two booting instances go at once, then one running instance drains for 60 s.
    assertEquals(3, emr.billed(id));
    assertEquals(2, emr.serving(id));
    clock.advance(Duration.ofSeconds(60));
    assertEquals(2, emr.billed(id));
  }

  @Test
  void shrinkHonoursInstancesToTerminateProtectAndEc2Ids() {
    List<Instance> before = taskInstances();
    String first = before.get(0).ec2InstanceId();
    String second = before.get(1).ec2InstanceId();
    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task).instanceCount(1)
        .shrinkPolicy(s -> s.decommissionTimeout(0).instanceResizePolicy(p -> p.instancesToProtect(first)))));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(first), runningTaskEc2Ids());

    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task)
        .ec2InstanceIdsToTerminate(first).shrinkPolicy(s -> s.decommissionTimeout(0))));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(0, taskGroup().requestedInstanceCount()); // the group does not return to its size
    assertEquals(List.of(), runningTaskEc2Ids());
    assertNotEquals(first, second);
    EmrException e = assertThrows(EmrException.class, () -> emr.modifyInstanceGroups(r -> r.clusterId(id)
        .instanceGroups(g -> g.instanceGroupId(task).ec2InstanceIdsToTerminate("i-000"))));
    assertEquals("ValidationException", e.awsErrorDetails().errorCode());
  }

  private List<String> runningTaskEc2Ids() {
    return taskInstances().stream().filter(i -> i.status().state() == InstanceState.RUNNING)
        .map(Instance::ec2InstanceId).toList();
  }

  @Test
  void invalidModificationsAreRejectedWithoutChangingAnything() {
    String master = emr.groupId(id, "MASTER");
    EmrException e = assertThrows(EmrException.class, () -> emr.modifyInstanceGroups(r -> r.clusterId(id)
        .instanceGroups(g -> g.instanceGroupId(task).instanceCount(7), g -> g.instanceGroupId(master).instanceCount(2))));
    assertTrue(e.getMessage().contains("MASTER"), e.getMessage());
    assertEquals(2, taskGroup().requestedInstanceCount());
    assertThrows(EmrException.class, () -> emr.modifyInstanceGroups(r -> r.clusterId(id)
        .instanceGroups(g -> g.instanceGroupId("ig-NOPE").instanceCount(1))));
    assertThrows(EmrException.class, () -> emr.modifyInstanceGroups(r -> r.clusterId(id)
        .instanceGroups(g -> g.instanceGroupId(task).instanceCount(-1))));
  }

  @Test
  void capacityErrorsKeepTheGroupShortWithAwsReasonUntilLifted() {
    emr.capacityLimit(task, 3);
    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task).instanceCount(6)));
    clock.advance(Duration.ofMinutes(6));
    InstanceGroup g = taskGroup();
    assertEquals(6, g.requestedInstanceCount());
    assertEquals(3, g.runningInstanceCount());
    assertEquals("RESIZING", g.status().stateAsString());
    assertEquals("The requested number of spot instances exceeds your limit.",
        g.status().stateChangeReason().message());
    emr.clearCapacityLimit(task);
    clock.advance(Duration.ofMinutes(6));
    assertEquals(6, taskGroup().runningInstanceCount());
    assertEquals("RUNNING", taskGroup().status().stateAsString());
    assertNull(taskGroup().status().stateChangeReason());
  }

  @Test
  void paginatesEveryListAndCountsEveryCall() {
    for (int i = 0; i < 3; i++) {
      emr.cluster("c" + i).instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1).create();
    }
    emr.resetCalls();
    assertEquals(4, emr.listClustersPaginator(r -> {}).clusters().stream().count());
    assertEquals(Map.of("ListClusters", 2L), emr.calls()); // page size 2
    assertEquals(4, emr.listInstancesPaginator(r -> r.clusterId(id)).instances().stream().count());
    assertEquals(2L, emr.calls().get("ListInstances"));
    assertEquals(3, emr.listInstanceGroupsPaginator(r -> r.clusterId(id)).instanceGroups().stream().count());
    assertEquals(2L, emr.calls().get("ListInstanceGroups"));
    var first = emr.listInstances(r -> r.clusterId(id));
    assertEquals(2, first.instances().size());
    assertEquals(2, emr.listInstances(r -> r.clusterId(id).marker(first.marker())).instances().size());
    assertThrows(InvalidRequestException.class, () -> emr.listInstances(r -> r.clusterId(id).marker("x")));
    assertEquals(2, emr.listInstances(r -> r.clusterId(id).instanceGroupTypesWithStrings("TASK")).instances().size());
  }

  @Test
  void injectedFailuresAreThrownOnceAndCounted() {
    emr.failNext("DescribeCluster", SimulatedEmr::throttling);
    EmrException e = assertThrows(EmrException.class, () -> emr.describeCluster(r -> r.clusterId(id)));
    assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
    emr.describeCluster(r -> r.clusterId(id));
    assertEquals(2L, emr.calls().get("DescribeCluster"));
    assertEquals(2L, emr.totalCalls());
    emr.resetCalls();
    assertEquals(0L, emr.totalCalls());
  }

  @Test
  void yarnSpreadsDemandOverServingNodesAndReportsPendingContainers() {
    emr.demand(id, Demand.constant(1.5));
    String host = emr.masterHost(id);
    List<YarnClient.YarnNode> nodes = emr.yarn().nodes(host);
    assertEquals(3, nodes.size());
    assertTrue(nodes.stream().allMatch(n -> Math.abs(n.cpuUtilisation() - 0.5) < 1e-9));
    assertEquals(6, nodes.stream().mapToInt(YarnClient.YarnNode::containers).sum());
    assertEquals(1, nodes.stream().mapToInt(YarnClient.YarnNode::applicationMasters).sum());
    YarnClient.YarnClusterMetrics m = emr.yarn().clusterMetrics(host);
    assertEquals(0, m.containersPending());
    assertEquals(3, m.activeNodes());

    emr.demand(id, Demand.constant(5));
    m = emr.yarn().clusterMetrics(host);
    assertEquals(12, m.containersAllocated());
    assertEquals(8, m.containersPending());
    assertEquals(0, m.availableMB());
    assertTrue(emr.yarn().nodes(host).stream().allMatch(n -> n.cpuUtilisation() == 1.0));
    assertThrows(UncheckedIOException.class, () -> emr.yarn().nodes("elsewhere"));
    assertEquals(2L, emr.yarn().calls().get("clusterMetrics"));
  }

  @Test
  void fleetsResizeByWeightedCapacityPerMarket() {
    String f = emr.cluster("fleets")
        .instanceFleet("MASTER", "m5.xlarge", 1, 1, 0)
        .instanceFleet("TASK", "m5.2xlarge", 2, 2, 4)
        .create();
    String taskFleet = emr.groupId(f, "TASK");
    assertEquals(6, emr.serving(f));
    emr.modifyInstanceFleet(r -> r.clusterId(f).instanceFleet(c -> c.instanceFleetId(taskFleet)
        .targetSpotCapacity(8)));
    InstanceFleet fl = emr.listInstanceFleets(r -> r.clusterId(f)).instanceFleets().stream()
        .filter(x -> x.id().equals(taskFleet)).findFirst().orElseThrow();
    assertEquals("RESIZING", fl.status().stateAsString());
    assertEquals(4, fl.provisionedSpotCapacity());
    assertEquals(8, fl.targetSpotCapacity());
    clock.advance(Duration.ofMinutes(6));
    assertEquals(10, emr.serving(f));
    emr.modifyInstanceFleet(r -> r.clusterId(f).instanceFleet(c -> c.instanceFleetId(taskFleet)
        .targetOnDemandCapacity(0)));
    assertEquals(8, emr.serving(f));
    assertEquals(10, emr.billed(f));
    assertEquals(0, emr.listInstanceGroups(r -> r.clusterId(f)).instanceGroups().size());
  }

  @Test
  void cloudWatchPublishesYarnMetricsEveryFiveMinutes() {
    emr.demand(id, Demand.constant(5)); // 20 containers wanted, 12 fit on 3 nodes
    var cw = emr.cloudWatch();
    java.time.Instant t0 = clock.instant();
    clock.advance(Duration.ofMinutes(10));
    var r = cw.getMetricData(b -> b.startTime(t0).endTime(clock.instant()).scanBy("TimestampAscending")
        .metricDataQueries(
            q("p", "ContainerPendingRatio"), q("m", "YARNMemoryAvailablePercentage"), q("i", "IsIdle")));
    Map<String, List<Double>> v = new java.util.HashMap<>();
    r.metricDataResults().forEach(x -> v.put(x.id(), x.values()));
    assertEquals(List.of(8.0 / 12, 8.0 / 12), v.get("p"));
    assertEquals(List.of(0.0, 0.0), v.get("m"));
    assertEquals(List.of(0.0, 0.0), v.get("i"));
  }

  private software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery q(String qid, String metric) {
    return software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery.builder().id(qid)
        .metricStat(m -> m.period(300).stat("Average").metric(x -> x.namespace("AWS/ElasticMapReduce")
            .metricName(metric).dimensions(d -> d.name("JobFlowId").value(id)))).build();
  }
}
