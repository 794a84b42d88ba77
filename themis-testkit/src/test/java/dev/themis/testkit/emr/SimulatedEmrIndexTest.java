package dev.themis.testkit.emr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.themis.clock.ManualClock;
import dev.themis.testkit.Demand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceState;

/**
 * The simulated EMR indexes the instances not yet terminated, so that its work per call follows them rather than
 * all the instances kept: whatever happens, it answers exactly as the same simulation walking every instance kept
 * (its behaviour before the index), down to the order of the listings, their pages, the errors and the call counts.
 */
class SimulatedEmrIndexTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 150);
  private static final List<InstanceState> LIVE = List.of(InstanceState.AWAITING_FULFILLMENT,
      InstanceState.PROVISIONING, InstanceState.BOOTSTRAPPING, InstanceState.RUNNING);

  @Test
  void theIndexedSimulationAnswersAsOneWalkingEveryInstanceKept() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Random rnd = new Random(seed);
      ManualClock clock = ManualClock.atEpoch2020();
      Duration retention = Duration.ofMinutes(rnd.nextInt(4) * 20L);
      Duration boot = Duration.ofMinutes(rnd.nextInt(8));
      Duration drain = Duration.ofMinutes(rnd.nextInt(12));
      int page = 1 + rnd.nextInt(6);
      SimulatedEmr indexed = SimulatedEmr.builder(clock).bootDelay(boot).drainTime(drain).pageSize(page)
          .terminatedRetention(retention).build();
      SimulatedEmr walksAll = SimulatedEmr.builder(clock).bootDelay(boot).drainTime(drain).pageSize(page)
          .terminatedRetention(retention).unindexed().build();
      Pair pair = new Pair(indexed, walksAll, clock);
      pair.createClusters(rnd);
      for (int step = 0; step < 60; step++) {
        pair.randomStep(rnd);
        pair.compareEverything(step);
      }
    });
  }

  @Test
  void aBusyDayWithTheClockSetBackAnswersTheSame() {
    ManualClock clock = ManualClock.atEpoch2020();
    Pair pair = new Pair(SimulatedEmr.builder(clock).drainTime(Duration.ofMinutes(3)).pageSize(3).build(),
        SimulatedEmr.builder(clock).drainTime(Duration.ofMinutes(3)).pageSize(3).unindexed().build(), clock);
    pair.createClusters(new Random(7));
    String task = pair.a.groupId(pair.clusters.get(0), "TASK");
    for (int minute = 0; minute < 24 * 60; minute += 5) {
      int count = minute % 20 == 0 ? 12 : 2;
      pair.both(e -> e.modifyInstanceGroups(r -> r.clusterId(pair.clusters.get(0))
          .instanceGroups(g -> g.instanceGroupId(task).instanceCount(count))));
      if (minute % 180 == 90) {
        Instant at = clock.instant();
        clock.set(at.minus(Duration.ofMinutes(95))); // back before the last hour's terminations
        pair.compareEverything(minute);
        pair.both(e -> e.modifyInstanceGroups(r -> r.clusterId(pair.clusters.get(0))
            .instanceGroups(g -> g.instanceGroupId(task).instanceCount(6))));
        pair.compareEverything(minute);
        clock.set(at);
      }
      pair.compareEverything(minute);
      clock.advance(Duration.ofMinutes(5));
    }
    assertTrue(pair.a.retainedInstances() < 200, "kept " + pair.a.retainedInstances());
  }

  /** The same requests to both simulations, on one clock. */
  private static final class Pair {
    final SimulatedEmr a;
    final SimulatedEmr b;
    final ManualClock clock;
    final List<String> clusters = new ArrayList<>();

    Pair(SimulatedEmr a, SimulatedEmr b, ManualClock clock) {
      this.a = a;
      this.b = b;
      this.clock = clock;
    }

    void createClusters(Random rnd) {
      Instant since = clock.instant().minus(Duration.ofMinutes(rnd.nextInt(90)));
      int core = 1 + rnd.nextInt(3);
      int task = rnd.nextInt(6);
      String groups = both(e -> e.cluster("groups").createdAt(since)
          .instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
          .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", core)
          .instanceGroup("TASK", "SPOT", "m5.xlarge", task).demand(Demand.constant(3)).create());
      String fleets = both(e -> e.cluster("fleets").instanceFleet("MASTER", "m5.xlarge", 1, 1, 0)
          .instanceFleet("CORE", "m5.xlarge", 1, 2, 0).instanceFleet("TASK", "m5.xlarge", 2, 2, 4)
          .demand(Demand.constant(4)).create());
      clusters.add(groups);
      clusters.add(fleets);
    }

    void randomStep(Random rnd) {
      int what = rnd.nextInt(20);
      String groups = clusters.get(0);
      String fleets = clusters.get(1);
      if (what < 6) {
        clock.advance(Duration.ofSeconds(rnd.nextInt(4) == 0 ? rnd.nextInt(120) : 60L * rnd.nextInt(40)));
      } else if (what == 6) {
        clock.set(clock.instant().minus(Duration.ofMinutes(rnd.nextInt(120))));
      } else if (what < 10) {
        String group = a.groupId(groups, rnd.nextBoolean() ? "TASK" : "CORE");
        int count = rnd.nextInt(10);
        List<String> live = both(e -> liveEc2Ids(e, groups, group));
        List<String> victims = live.isEmpty() || rnd.nextBoolean() ? List.of()
            : List.of(live.get(rnd.nextInt(live.size())));
        boolean byId = rnd.nextInt(3) == 0;
        Integer timeout = rnd.nextBoolean() ? null : rnd.nextInt(900);
        both(e -> e.modifyInstanceGroups(r -> r.clusterId(groups).instanceGroups(g -> {
          g.instanceGroupId(group);
          if (byId) {
            g.ec2InstanceIdsToTerminate(victims);
          } else {
            g.instanceCount(count);
          }
          if (timeout != null) {
            g.shrinkPolicy(p -> p.decommissionTimeout(timeout)
                .instanceResizePolicy(x -> x.instancesToTerminate(victims)));
          }
        })));
      } else if (what < 12) {
        String fleet = a.groupId(fleets, "TASK");
        int od = rnd.nextInt(8);
        int spot = rnd.nextInt(8);
        both(e -> e.modifyInstanceFleet(r -> r.clusterId(fleets).instanceFleet(f -> f.instanceFleetId(fleet)
            .targetOnDemandCapacity(od).targetSpotCapacity(spot))));
      } else if (what == 12) {
        String group = a.groupId(clusters.get(rnd.nextInt(2)), "TASK");
        int max = rnd.nextInt(5);
        both(e -> {
          e.capacityLimit(group, max);
          return null;
        });
      } else if (what == 13) {
        String group = a.groupId(clusters.get(rnd.nextInt(2)), "TASK");
        both(e -> {
          e.clearCapacityLimit(group);
          return null;
        });
      } else if (what == 14 && rnd.nextInt(4) == 0) {
        String id = clusters.get(rnd.nextInt(2));
        both(e -> {
          e.terminate(id);
          return null;
        });
      } else if (what == 15) {
        // A request naming an instance that is no longer live: a ValidationException from both.
        String group = a.groupId(groups, "TASK");
        List<String> gone = both(e -> listed(e, groups, List.of(InstanceState.TERMINATED))).stream()
            .map(Instance::ec2InstanceId).toList();
        String ec2 = gone.isEmpty() ? "i-00000000000000000" : gone.get(rnd.nextInt(gone.size()));
        both(e -> e.modifyInstanceGroups(r -> r.clusterId(groups).instanceGroups(g -> g.instanceGroupId(group)
            .ec2InstanceIdsToTerminate(ec2))));
      }
    }

    static List<String> liveEc2Ids(SimulatedEmr e, String cluster, String group) {
      return e.listInstancesPaginator(r -> r.clusterId(cluster).instanceGroupId(group).instanceStates(LIVE))
          .instances().stream().map(Instance::ec2InstanceId).toList();
    }

    /** Applies {@code f} to both; both must answer alike, or fail alike. */
    <T> T both(Function<SimulatedEmr, T> f) {
      Object x = outcome(f, a);
      Object y = outcome(f, b);
      assertEquals(y, x);
      @SuppressWarnings("unchecked")
      T t = x instanceof Failure ? null : (T) x;
      return t;
    }

    void compareEverything(int step) {
      Instant now = clock.instant();
      String at = "step " + step + " at " + now;
      List<Function<SimulatedEmr, Object>> reads = new ArrayList<>();
      reads.add(e -> e.listClusters(r -> r.clusterStatesWithStrings("RUNNING", "WAITING", "TERMINATED")));
      reads.add(e -> e.listClustersPaginator(r -> { }).clusters().stream().toList());
      for (String id : clusters) {
        reads.add(e -> e.describeCluster(r -> r.clusterId(id)).cluster());
        reads.add(e -> e.listInstanceGroupsPaginator(r -> r.clusterId(id)).instanceGroups().stream().toList());
        reads.add(e -> e.listInstanceFleetsPaginator(r -> r.clusterId(id)).instanceFleets().stream().toList());
        reads.add(e -> listed(e, id, null));
        reads.add(e -> listed(e, id, LIVE));
        reads.add(e -> listed(e, id, List.of(InstanceState.RUNNING)));
        reads.add(e -> listed(e, id, List.of(InstanceState.TERMINATED, InstanceState.BOOTSTRAPPING)));
        reads.add(e -> e.listInstances(r -> r.clusterId(id).instanceGroupTypesWithStrings("TASK")
            .instanceStates(LIVE)));
        reads.add(e -> e.listInstances(r -> r.clusterId(id).instanceFleetType("TASK")));
        reads.add(e -> e.listInstances(r -> r.clusterId(id).marker("1")));
        reads.add(e -> e.serving(id));
        reads.add(e -> e.billed(id));
        reads.add(e -> e.yarn().nodes(e.masterHost(id)));
        reads.add(e -> e.yarn().clusterMetrics(e.masterHost(id)));
        for (int back : new int[] {0, 1, 7, 30, 65, 200}) {
          reads.add(e -> e.yarnViewOfCluster(id, now.minus(Duration.ofMinutes(back))));
        }
        reads.add(e -> e.yarnViewOfCluster(id, now.plus(Duration.ofMinutes(3))));
      }
      reads.add(SimulatedEmr::retainedInstances);
      for (Function<SimulatedEmr, Object> read : reads) {
        assertEquals(outcome(read, b), outcome(read, a), at);
      }
      assertEquals(b.calls(), a.calls(), at);
      assertEquals(b.yarn().calls(), a.yarn().calls(), at);
    }

    static List<Instance> listed(SimulatedEmr e, String id, List<InstanceState> states) {
      return e.listInstancesPaginator(r -> {
        r.clusterId(id);
        if (states != null) {
          r.instanceStates(states);
        }
      }).instances().stream().toList();
    }

    private static <T> Object outcome(Function<SimulatedEmr, T> f, SimulatedEmr e) {
      try {
        return f.apply(e);
      } catch (RuntimeException x) {
        return new Failure(x.getClass().getName(), x.getMessage());
      }
    }
  }

  private record Failure(String type, String message) {}
}
