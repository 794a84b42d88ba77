package dev.themis.testkit.emr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.clock.ManualClock;
import dev.themis.testkit.Demand;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceState;

/** The simulation forgets long-terminated instances, so its work per call follows the live ones. */
class SimulatedEmrRetentionTest {
  private static final List<InstanceState> LIVE = List.of(InstanceState.AWAITING_FULFILLMENT,
      InstanceState.PROVISIONING, InstanceState.BOOTSTRAPPING, InstanceState.RUNNING);

  private final ManualClock clock = ManualClock.atEpoch2020();

  private SimulatedEmr emr(Duration retention) {
    return SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(6)).drainTime(Duration.ofMinutes(10))
        .pageSize(7).terminatedRetention(retention).build();
  }

  private static String cluster(SimulatedEmr emr) {
    return emr.cluster("busy").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", 2).instanceGroup("TASK", "SPOT", "m5.xlarge", 3)
        .demand(Demand.constant(5)).create();
  }

  private static List<String> instances(SimulatedEmr emr, String id, List<InstanceState> states) {
    return emr.listInstancesPaginator(r -> r.clusterId(id).instanceStates(states)).instances().stream()
        .map(i -> i.id() + " " + i.status().stateAsString() + " " + i.status().timeline()).toList();
  }

  @Test
  void aLongBusyRunKeepsABoundedNumberOfInstancesAndBehavesAsIfItKeptThemAll() {
    SimulatedEmr bounded = emr(Duration.ofHours(1));
    SimulatedEmr keepsAll = emr(Duration.ofDays(3650));
    String a = cluster(bounded);
    String b = cluster(keepsAll);
    String taskA = bounded.groupId(a, "TASK");
    String taskB = keepsAll.groupId(b, "TASK");
    int maxRetained = 0;
    long launched = 6;
    int task = 3;
    // Four days of a scale-up to 20 and a scale-down to 2 every 20 minutes, sampled every 5 minutes.
    for (int step = 0; step < 4 * 24 * 12; step++) {
      if (step % 4 == 0) {
        int count = step % 8 == 0 ? 20 : 2;
        launched += Math.max(0, count - task);
        task = count;
        bounded.modifyInstanceGroups(r -> r.clusterId(a).instanceGroups(g -> g.instanceGroupId(taskA)
            .instanceCount(count)));
        keepsAll.modifyInstanceGroups(r -> r.clusterId(b).instanceGroups(g -> g.instanceGroupId(taskB)
            .instanceCount(count)));
      }
      assertEquals(keepsAll.serving(b), bounded.serving(a));
      assertEquals(keepsAll.billed(b), bounded.billed(a));
      assertEquals(keepsAll.yarnViewOfCluster(b, clock.instant()), bounded.yarnViewOfCluster(a, clock.instant()));
      assertEquals(instances(keepsAll, b, LIVE), instances(bounded, a, LIVE));
      assertEquals(keepsAll.listInstanceGroups(r -> r.clusterId(b)).instanceGroups().get(2).status(),
          bounded.listInstanceGroups(r -> r.clusterId(a)).instanceGroups().get(2).status());
      assertEquals(keepsAll.describeCluster(r -> r.clusterId(b)).cluster().normalizedInstanceHours(),
          bounded.describeCluster(r -> r.clusterId(a)).cluster().normalizedInstanceHours());
      maxRetained = Math.max(maxRetained, bounded.retainedInstances());
      clock.advance(Duration.ofMinutes(5));
    }
    assertTrue(launched > 2000, "launched " + launched);
    assertTrue(keepsAll.retainedInstances() >= launched, "keeps all: " + keepsAll.retainedInstances());
    // At most 23 live, plus the 18 removed by each of the scale-downs of the last hour and its drain time.
    assertTrue(maxRetained <= 23 + 4 * 18, "retained at most " + maxRetained);
  }

  @Test
  void terminatedInstancesAreListedForTheRetentionThenForgotten() {
    SimulatedEmr emr = emr(Duration.ofHours(1));
    String id = cluster(emr);
    String task = emr.groupId(id, "TASK");
    emr.modifyInstanceGroups(r -> r.clusterId(id).instanceGroups(g -> g.instanceGroupId(task).instanceCount(1)));
    clock.advance(Duration.ofMinutes(10)); // drained and terminated now
    List<InstanceState> terminated = List.of(InstanceState.TERMINATED);
    assertEquals(2, instances(emr, id, terminated).size());
    clock.advance(Duration.ofMinutes(60));
    assertEquals(2, instances(emr, id, terminated).size());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(0, instances(emr, id, terminated).size());
    assertEquals(4, emr.retainedInstances());
    List<Instance> all = emr.listInstancesPaginator(r -> r.clusterId(id)).instances().stream().toList();
    assertEquals(4, all.size());
    // The forgotten instances still count: 6 instances for 2 started hours, 2 of them for 1, at 8 units an hour.
    assertEquals(4 * 2 * 8 + 2 * 1 * 8, emr.describeCluster(r -> r.clusterId(id)).cluster().normalizedInstanceHours());
  }
}
