package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.clock.ManualClock;
import dev.themis.emr.EmrClusterSnapshot;
import dev.themis.emr.EmrClusterSnapshot.EmrGroup;
import dev.themis.emr.EmrClusterSnapshot.EmrNode;
import dev.themis.emr.EmrClusterSnapshot.NodeLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
import software.amazon.awssdk.services.emr.model.ListInstancesRequest;
import software.amazon.awssdk.services.emr.model.ListInstancesResponse;
import software.amazon.awssdk.services.emr.model.ModifyInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ModifyInstanceGroupsResponse;

/**
 * Properties of the executor on random clusters (in memory, no wire): never beyond max_capacity or below
 * min_capacity, never the master, core only when allowed, the requested counts add up to the outcome, victims are
 * running nodes of the group they are removed from.
 */
class EmrExecutorPropertiesTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  /**
   * An EmrClient that answers DescribeCluster with RUNNING, ListInstances with the snapshot's nodes and records
   * ModifyInstanceGroups.
   */
  private static final class RecordingEmr implements EmrClient {
    final List<ModifyInstanceGroupsRequest> modifications = new ArrayList<>();
    List<Instance> instances = List.of();

    @Override
    public ListInstancesResponse listInstances(ListInstancesRequest r) {
      return ListInstancesResponse.builder().instances(instances).build();
    }

    @Override
    public DescribeClusterResponse describeCluster(DescribeClusterRequest r) {
      return DescribeClusterResponse.builder().cluster(Cluster.builder().id(r.clusterId())
          .status(ClusterStatus.builder().state("RUNNING").build()).build()).build();
    }

    @Override
    public ModifyInstanceGroupsResponse modifyInstanceGroups(ModifyInstanceGroupsRequest r) {
      modifications.add(r);
      return ModifyInstanceGroupsResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "emr";
    }

    @Override
    public void close() {}
  }

  @Test
  void executorInvariants() {
    qt().withExamples(EXAMPLES).forAll(
        lists().of(integers().between(0, 1000)).ofSizeBetween(1, 4), // task groups: seed per group
        integers().between(0, 1000), // core size, scale_core flag, bounds
        integers().between(0, 40), // target
        integers().between(0, 3)) // preference list choice
        .checkAssert((taskSeeds, seed, target, pref) -> {
          boolean scaleCore = seed % 2 == 0;
          int min = seed % 5;
          int max = min + seed % 30;
          List<EmrGroup> groups = new ArrayList<>();
          List<EmrNode> nodes = new ArrayList<>();
          int[] ids = {0};
          groups.add(new EmrGroup("ig-master", false, "MASTER", "ON_DEMAND", "m5.xlarge", 1, 1, "RUNNING", "",
              false, false, false));
          nodes.add(node(ids, "ig-master", "MASTER", "ON_DEMAND", 0));
          int core = 1 + seed % 4;
          groups.add(new EmrGroup("ig-core", false, "CORE", "ON_DEMAND", "m5.xlarge", core, core, "RUNNING", "",
              scaleCore, false, false));
          for (int i = 0; i < core; i++) {
            nodes.add(node(ids, "ig-core", "CORE", "ON_DEMAND", seed + i));
          }
          for (int g = 0; g < taskSeeds.size(); g++) {
            int s = taskSeeds.get(g);
            String market = s % 2 == 0 ? "SPOT" : "ON_DEMAND";
            int n = s % 9;
            groups.add(new EmrGroup("ig-t" + g, false, "TASK", market, "m5.xlarge", n, n, "RUNNING", "", true, false,
                false));
            for (int i = 0; i < n; i++) {
              nodes.add(node(ids, "ig-t" + g, "TASK", market, s + i));
            }
          }
          EmrClusterSnapshot snap = new EmrClusterSnapshot("j-P", "RUNNING", null, "m", groups, nodes);
          int current = snap.scalableGroups().stream().mapToInt(EmrGroup::requested).sum();
          ResourceState state = new ResourceState(ResourceId.of("emr", "j-P"), T0, current, false, Map.of(),
              Set.of(), Map.of(), snap);
          List<String> prefs = List.<List<String>>of(List.of(), List.of("SPOT"), List.of("ON_DEMAND"),
              List.of("ig-t0", "ON_DEMAND")).get(pref);
          EmrClusterConfig config = new EmrClusterConfig("j-P", "0", "0", "{}", "", 20, "", "", scaleCore,
              Duration.ofMinutes(30), Duration.ofMinutes(10), false, "http://x", false, null, "", min, max, null);
          RecordingEmr emr = new RecordingEmr();
          emr.instances = nodes.stream().map(n -> Instance.builder().id(n.instanceId()).ec2InstanceId(n.ec2InstanceId())
              .instanceGroupId(n.groupId()).build()).toList();
          EmrApi api = new EmrApi(new AwsAccess(() -> emr, () -> null, null));
          EmrScalingExecutor ex = new EmrScalingExecutor(config, api, s -> prefs, new Quarantine(Duration.ZERO),
              ManualClock.at(T0));
          if (target == current) {
            return;
          }
          ScalingOutcome out = ex.apply(state, new ScalingDecision(target, "p", "p"));

          if (!out.acted()) {
            assertTrue(emr.modifications.isEmpty());
            return;
          }
          assertEquals(1, emr.modifications.size());
          Map<String, Integer> after = new HashMap<>();
          snap.scalableGroups().forEach(g -> after.put(g.id(), g.requested()));
          for (InstanceGroupModifyConfig m : emr.modifications.get(0).instanceGroups()) {
            EmrGroup g = snap.group(m.instanceGroupId(), null).orElseThrow();
            assertTrue(!g.role().equals("MASTER"), "never the master");
            assertTrue(!g.role().equals("CORE") || scaleCore, "core only when allowed");
            after.put(g.id(), m.instanceCount());
            if (m.shrinkPolicy() != null) {
              List<String> victims = m.shrinkPolicy().instanceResizePolicy().instancesToTerminate();
              assertEquals(g.requested() - victims.size(), (int) m.instanceCount());
              for (String v : victims) {
                EmrNode node = nodes.stream().filter(x -> v.equals(x.ec2InstanceId())).findFirst().orElseThrow();
                assertEquals(g.id(), node.groupId());
                assertTrue(node.running());
              }
            }
          }
          int total = after.values().stream().mapToInt(Integer::intValue).sum();
          assertEquals(out.toCapacity(), total, "requested counts add up to the outcome");
          if (out.toCapacity() > current) {
            assertTrue(out.toCapacity() <= Math.max(max, current), "never beyond max_capacity");
            assertEquals(Math.max(min, Math.min(target, max)), out.toCapacity());
          } else {
            assertTrue(out.toCapacity() >= Math.min(min, current), "never below min_capacity");
            assertTrue(out.toCapacity() >= Math.max(min, Math.min(target, max)), "no more removed than asked");
          }
        });
  }

  private static EmrNode node(int[] ids, String group, String role, String market, int seed) {
    int i = ids[0]++;
    NodeLoad load = seed % 6 == 0 ? NodeLoad.MISSING
        : new NodeLoad(true, seed % 3, seed % 7 == 0 ? 1 : 0, (seed % 10) / 10.0, (seed % 4) / 4.0);
    return new EmrNode("ci-" + i, "i-" + i, group, role, market, "h" + i, null,
        seed % 11 == 0 ? "BOOTSTRAPPING" : "RUNNING", load);
  }
}
