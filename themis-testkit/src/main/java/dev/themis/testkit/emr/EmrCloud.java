package dev.themis.testkit.emr;

import dev.themis.testkit.internal.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceResizePolicy;
import software.amazon.awssdk.services.emr.model.ShrinkPolicy;

/**
 * The simulated EMR's state and how time and requests change it: clusters, groups and instances, launches, shrinks,
 * drains, capacity limits, and the pruning of long-terminated instances. Requests reach it validated; it throws no
 * AWS errors. Not thread-safe: {@link SimulatedEmr} calls it under its own lock.
 *
 * <p>Its work per operation follows the instances not yet terminated: each group indexes its instances into those
 * not terminated by the settled time (the {@code now} of the latest operation) and those terminated by then (see
 * {@link #now()}). Only listings that ask for terminated instances, and YARN views of earlier minutes, walk all the
 * instances kept.
 */
final class EmrCloud {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";

  private final InstantSource clock;
  private final Duration bootDelay;
  private final Duration drainTime;
  private final Duration terminatedRetention;
  private final int nodeMemoryMb;
  private final int nodeVcores;
  private final int containersPerNode;
  private final Ids ids;
  // Whether the groups keep their index of terminated instances (always, but in tests of the index itself).
  private final boolean indexed;
  private final Map<String, ClusterSim> clusters = new LinkedHashMap<>();
  private final Map<String, GroupSim> groups = new LinkedHashMap<>();
  private int nextIp = 10;
  // The latest time instances were pruned at; terminated instances older than the retention are dropped then.
  private Instant prunedAt;
  // The time of the latest operation, which the groups' index is for.
  private Instant settledAt;

  EmrCloud(InstantSource clock, Duration bootDelay, Duration drainTime, Duration terminatedRetention,
      int nodeMemoryMb, int nodeVcores, int containersPerNode, long seed, boolean indexed) {
    this.clock = clock;
    this.bootDelay = bootDelay;
    this.drainTime = drainTime;
    this.terminatedRetention = terminatedRetention;
    this.nodeMemoryMb = nodeMemoryMb;
    this.nodeVcores = nodeVcores;
    this.containersPerNode = containersPerNode;
    this.ids = new Ids(seed);
    this.indexed = indexed;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Lookups

  Collection<ClusterSim> clusters() {
    return clusters.values();
  }

  /** The cluster of {@code id}, or null. */
  ClusterSim findCluster(String id) {
    return id == null ? null : clusters.get(id);
  }

  /** The group or fleet of {@code id}, or null. */
  GroupSim findGroup(String id) {
    return groups.get(id);
  }

  /** The cluster of {@code id}, for the simulation's control methods. */
  ClusterSim cluster(String id) {
    ClusterSim c = clusters.get(id);
    if (c == null) {
      throw new IllegalArgumentException("no simulated cluster '" + id + "'; known: " + clusters.keySet());
    }
    return c;
  }

  /** The group or fleet of {@code id}, for the simulation's control methods. */
  GroupSim group(String id) {
    GroupSim g = groups.get(id);
    if (g == null) {
      throw new IllegalArgumentException("no simulated instance group or fleet '" + id + "'; known: "
          + groups.keySet());
    }
    return g;
  }

  /**
   * The clock's time, after forgetting the instances terminated more than the retention before it. Runs at the
   * start of every operation, so that each walks only the live and recently terminated instances.
   *
   * <p>It also settles the groups' index at that time: the instances terminated by then leave
   * {@link GroupSim#current} for {@link GroupSim#ended}. An instance terminated by an operation's time is never
   * changed by it or a later one (every change is to live, draining or booting instances), so the index holds until
   * the clock goes back; then it is built anew from all the instances kept.
   */
  Instant now() {
    Instant now = clock.instant();
    if (indexed && (settledAt == null || !now.equals(settledAt))) {
      boolean back = settledAt != null && now.isBefore(settledAt);
      for (GroupSim g : groups.values()) {
        if (back) {
          g.current.clear();
          g.current.addAll(g.nodes);
          g.ended.clear();
          g.endedSeconds = 0;
        }
        g.current.removeIf(n -> {
          if (n.endAt != null && !now.isBefore(n.endAt)) {
            g.ended.add(n);
            g.endedSeconds += n.normalizedSeconds(n.endAt);
            return true;
          }
          return false;
        });
      }
      settledAt = now;
    }
    if (prunedAt == null || now.isAfter(prunedAt)) {
      prunedAt = now;
      Instant cutoff = now.minus(terminatedRetention);
      for (GroupSim g : groups.values()) {
        if (indexed) {
          // All the instances terminated before the cutoff are in ended: they were terminated by now.
          while (!g.ended.isEmpty() && g.ended.peek().endAt.isBefore(cutoff)) {
            NodeSim n = g.ended.poll();
            g.nodes.remove(n);
            long seconds = n.normalizedSeconds(n.endAt);
            g.endedSeconds -= seconds;
            g.forgottenSeconds += seconds;
          }
        } else {
          g.nodes.removeIf(n -> {
            if (n.endAt != null && n.endAt.isBefore(cutoff)) {
              g.forgottenSeconds += n.normalizedSeconds(n.endAt);
              return true;
            }
            return false;
          });
        }
      }
    }
    return now;
  }

  /**
   * The instances a walk at {@code t} needs: those not terminated by the settled time if {@code t} is not before
   * it, else all those kept.
   */
  private Collection<NodeSim> at(GroupSim g, Instant t) {
    return settledAt == null || t.isBefore(settledAt) ? g.nodes : g.unended();
  }

  /** Instances the simulation keeps (live and recently terminated), over all clusters; for tests. */
  int retainedInstances() {
    return groups.values().stream().mapToInt(g -> g.nodes.size()).sum();
  }

  /** Capacity units of the instances for which {@code p}, false for all terminated ones, holds at the settled time. */
  int units(ClusterSim c, Predicate<NodeSim> p) {
    int u = 0;
    for (GroupSim g : c.groups) {
      if (g.type.equals("MASTER")) {
        continue;
      }
      for (NodeSim n : g.unended()) {
        if (p.test(n)) {
          u += g.weight;
        }
      }
    }
    return u;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Creation

  String create(ClusterBuilder b) {
    Instant now = b.createdAt == null ? clock.instant() : b.createdAt;
    if (now.isAfter(clock.instant())) {
      throw new IllegalArgumentException("createdAt of cluster " + b.name + ": must not be after the clock's time "
          + clock.instant() + ", was " + now);
    }
    ClusterSim c = new ClusterSim(ids.upper("j-", 13), b.name, now, b.fleets, List.copyOf(b.applications),
        Map.copyOf(b.tags), b.releaseLabel, b.demand);
    for (ClusterBuilder.GroupSpec s : b.groups) {
      createGroup(c, s.type(), s.market(), s.instanceType(), s.count(), s.fleet(), s.weight(), s.onDemand(),
          s.spot(), now);
    }
    GroupSim master = c.groups.stream().filter(g -> g.type.equals("MASTER")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("cluster " + b.name + ": a MASTER group or fleet is required"));
    NodeSim first = master.nodes.iterator().next();
    c.masterHost = first.host;
    c.masterIp = first.ip;
    clusters.put(c.id, c);
    return c.id;
  }

  private GroupSim createGroup(ClusterSim c, String type, String market, String instanceType, int count,
      boolean fleet, int weight, int od, int spot, Instant now) {
    GroupSim g = new GroupSim(fleet ? ids.upper("if-", 13) : ids.upper("ig-", 13), c, type, market, instanceType,
        fleet, weight, now, indexed);
    g.requested = count;
    g.targetOnDemand = od;
    g.targetSpot = spot;
    groups.put(g.id, g);
    c.groups.add(g);
    if (!fleet) {
      for (int i = 0; i < count; i++) {
        launch(g, market, now, true);
      }
    } else {
      for (int i = 0; i < (od + weight - 1) / weight; i++) {
        launch(g, "ON_DEMAND", now, true);
      }
      for (int i = 0; i < (spot + weight - 1) / weight; i++) {
        launch(g, "SPOT", now, true);
      }
    }
    return g;
  }

  private NodeSim launch(GroupSim g, String market, Instant now, boolean alreadyUp) {
    int ip = nextIp++;
    String host = "ip-10-0-" + (ip / 250) + "-" + (ip % 250 + 4) + ".ec2.internal";
    NodeSim n = new NodeSim(ids.upper("ci-", 13), ids.hex("i-", 17), host,
        "10.0." + (ip / 250) + "." + (ip % 250 + 4), g, market, now, alreadyUp ? now : now.plus(bootDelay));
    g.nodes.add(n);
    if (indexed) {
      g.current.add(n);
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Changes: requests and the simulation's control

  /** Terminates a cluster and all its instances at {@code now}. */
  void terminate(ClusterSim c, Instant now) {
    c.ended = now;
    for (GroupSim g : c.groups) {
      for (NodeSim n : g.unended()) {
        if (n.endAt == null || n.endAt.isAfter(now)) {
          n.endAt = now;
          n.endReason = "CLUSTER_TERMINATED";
        }
      }
    }
  }

  /** Caps the live instances of a group or fleet; null lifts the cap and launches what is missing. */
  void capacityLimit(GroupSim g, Integer maxInstances, String reason) {
    g.limit = maxInstances;
    g.limitReason = reason;
    if (maxInstances == null) {
      reconcile(g, now());
    }
  }

  /** Applies one validated entry of a {@code ModifyInstanceGroups} request. */
  void modifyGroup(GroupSim g, InstanceGroupModifyConfig m, Instant now) {
    ShrinkPolicy sp = m.shrinkPolicy();
    Duration drain = drainTime;
    List<String> toTerminate = List.of();
    Set<String> toProtect = Set.of();
    if (sp != null) {
      if (sp.decommissionTimeout() != null) {
        drain = min(drain, Duration.ofSeconds(sp.decommissionTimeout()));
      }
      InstanceResizePolicy rp = sp.instanceResizePolicy();
      if (rp != null) {
        if (rp.instanceTerminationTimeout() != null) {
          drain = min(drain, Duration.ofSeconds(rp.instanceTerminationTimeout()));
        }
        if (rp.hasInstancesToTerminate()) {
          toTerminate = rp.instancesToTerminate();
        }
        if (rp.hasInstancesToProtect()) {
          toProtect = new HashSet<>(rp.instancesToProtect());
        }
      }
      g.shrinkPolicy = sp;
    }
    int terminatedById = 0;
    if (m.hasEc2InstanceIdsToTerminate()) {
      for (String ec2 : m.ec2InstanceIdsToTerminate()) {
        for (NodeSim n : g.unended()) {
          if (n.ec2Id.equals(ec2) && n.live(now)) {
            stop(n, drain, now);
            terminatedById++;
          }
        }
      }
    }
    if (m.instanceCount() != null) {
      g.requested = m.instanceCount();
    } else {
      g.requested = Math.max(0, g.requested - terminatedById);
    }
    List<NodeSim> live = g.unended().stream().filter(n -> n.live(now)).toList();
    shrink(g, live, live.size() - g.requested, toTerminate, toProtect, drain, now);
    reconcile(g, now);
  }

  /** Applies a validated {@code ModifyInstanceFleet}: the new target capacities, then shrinks and launches. */
  void modifyFleet(GroupSim g, int od, int spot, Instant now) {
    g.targetOnDemand = od;
    g.targetSpot = spot;
    for (String market : List.of("ON_DEMAND", "SPOT")) {
      int target = market.equals("ON_DEMAND") ? od : spot;
      List<NodeSim> live = g.unended().stream().filter(n -> n.market.equals(market) && n.live(now)).toList();
      int excessUnits = live.size() * g.weight - target;
      int remove = excessUnits > 0 ? excessUnits / g.weight : 0;
      shrink(g, live, remove, List.of(), Set.of(), drainTime, now);
    }
    reconcile(g, now);
  }

  /** Stops {@code count} of {@code live}, in AWS's preference order, sparing protected instances. */
  private void shrink(GroupSim g, List<NodeSim> live, int count, List<String> preferred, Set<String> protect,
      Duration drain, Instant now) {
    if (count <= 0) {
      return;
    }
    List<NodeSim> order = new ArrayList<>();
    for (String id : preferred) {
      live.stream().filter(n -> n.ec2Id.equals(id) || n.id.equals(id)).findFirst().ifPresent(order::add);
    }
    List<NodeSim> rest = new ArrayList<>(live);
    rest.removeAll(order);
    // Booting instances first (nothing runs on them yet), then the newest running ones.
    rest.sort(Comparator.comparing((NodeSim n) -> n.state(now).equals("RUNNING"))
        .thenComparing(Comparator.comparing((NodeSim n) -> n.created).reversed()));
    order.addAll(rest);
    int stopped = 0;
    for (NodeSim n : order) {
      if (stopped == count) {
        break;
      }
      if (protect.contains(n.ec2Id) || protect.contains(n.id)) {
        continue;
      }
      stop(n, drain, now);
      stopped++;
    }
    g.lastChange = now;
  }

  private void stop(NodeSim n, Duration drain, Instant now) {
    if (n.state(now).equals("RUNNING")) {
      n.drainStart = now;
      n.endAt = now.plus(drain);
    } else {
      n.endAt = now;
    }
    n.endReason = "INSTANCE_GROUP_RESIZED";
  }

  /** Launches instances until the group or fleet has what it requests, within any capacity limit. */
  private void reconcile(GroupSim g, Instant now) {
    if (g.cluster.ended != null) {
      return;
    }
    if (!g.fleet) {
      long live = g.unended().stream().filter(n -> n.live(now)).count();
      int want = g.limit == null ? g.requested : Math.min(g.requested, g.limit);
      for (long i = live; i < want; i++) {
        launch(g, g.market, now, false);
      }
    } else {
      for (String market : List.of("ON_DEMAND", "SPOT")) {
        int target = market.equals("ON_DEMAND") ? g.targetOnDemand : g.targetSpot;
        long liveAll = g.unended().stream().filter(n -> n.live(now)).count();
        long live = g.unended().stream().filter(n -> n.market.equals(market) && n.live(now)).count();
        long need = Math.max(0, (target + g.weight - 1) / g.weight - live);
        if (g.limit != null) {
          need = Math.max(0, Math.min(need, g.limit - liveAll));
        }
        for (long i = 0; i < need; i++) {
          launch(g, market, now, false);
        }
      }
    }
    g.lastChange = now;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  // ---------------------------------------------------------------------------------------------------------
  // YARN's view, for SimulatedYarn and the CloudWatch metrics

  /** YARN's view of a cluster at {@code t}, by master host, IP or cluster id; null if none answers. */
  YarnView yarnView(String masterHostOrIp, Instant t) {
    now();
    ClusterSim c = null;
    for (ClusterSim x : clusters.values()) {
      if (x.masterHost.equals(masterHostOrIp) || x.id.equals(masterHostOrIp) || x.masterIp.equals(masterHostOrIp)) {
        c = x;
        break;
      }
    }
    if (c == null || c.state(t).startsWith("TERMINATED")) {
      return null;
    }
    return yarnView(c, t);
  }

  YarnView yarnViewOfCluster(String clusterId, Instant t) {
    now();
    ClusterSim c = clusters.get(clusterId);
    return c == null || c.created.isAfter(t) ? null : yarnView(c, t);
  }

  private YarnView yarnView(ClusterSim c, Instant t) {
    List<YarnView.Node> nodes = new ArrayList<>();
    int serving = 0;
    for (GroupSim g : c.groups) {
      if (g.type.equals("MASTER")) {
        continue;
      }
      for (NodeSim n : at(g, t)) {
        if (n.created.isAfter(t) || !n.state(t).equals("RUNNING")) {
          continue;
        }
        boolean draining = n.draining(t);
        nodes.add(new YarnView.Node(n.host, draining ? "DECOMMISSIONING" : "RUNNING", g.type));
        if (!draining) {
          serving++;
        }
      }
    }
    double demand = c.demand == null ? 0 : c.demand.at(t);
    return new YarnView(nodes, serving, demand, nodeMemoryMb, nodeVcores, containersPerNode,
        (int) c.groups.stream().filter(g -> g.type.equals("CORE"))
            .flatMap(g -> at(g, t).stream()).filter(n -> n.serving(t)).count(),
        (int) c.groups.stream().filter(g -> g.type.equals("TASK"))
            .flatMap(g -> at(g, t).stream()).filter(n -> n.serving(t)).count());
  }
}
