package dev.themis.emr.internal;

import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.emr.EmrClusterSnapshot;
import dev.themis.emr.EmrClusterSnapshot.EmrGroup;
import dev.themis.emr.EmrClusterSnapshot.EmrNode;
import dev.themis.emr.EmrClusterSnapshot.NodeLoad;
import dev.themis.emr.YarnClient;
import dev.themis.spi.ResourceGoneException;
import dev.themis.spi.ResourceMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceCollectionType;
import software.amazon.awssdk.services.emr.model.InstanceFleet;
import software.amazon.awssdk.services.emr.model.InstanceGroup;

/**
 * Observes one EMR cluster: EMR API (cluster, instance groups or fleets, and instances when the groups changed;
 * every page), YARN
 * ResourceManager (cluster metrics, per-node load) and, optionally, CloudWatch. Failures of YARN or CloudWatch make
 * their metrics missing (never zero); a failure of the EMR API fails the observation.
 */
final class EmrClusterMonitor implements ResourceMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(EmrClusterMonitor.class);

  /**
   * State change reasons that mean EMR could not get the instances (spot or on-demand capacity, limits, an instance
   * type the zone does not offer), in AWS's wordings: "The requested number of spot instances exceeds your limit.",
   * "We currently do not have sufficient m5.xlarge capacity...", "Insufficient capacity", "Instance type m5.xlarge is
   * not supported in...", EC2 error codes such as {@code InsufficientInstanceCapacity},
   * {@code MaxSpotInstanceCountExceeded}, {@code InstanceLimitExceeded}, {@code VcpuLimitExceeded},
   * {@code SpotMaxPriceTooLow}, {@code Unsupported}, and spot request statuses such as {@code price-too-low},
   * {@code capacity-not-available} and {@code capacity-oversubscribed}.
   */
  static final Pattern CAPACITY_ERROR = Pattern.compile(
      "(?i).*(insufficient|not\\s+have\\s+sufficient|not\\s+enough\\s+capacity|no\\s+spot\\s+capacity"
          + "|capacity[\\s-]+(is\\s+)?(not[\\s-]+available|unavailable|oversubscribed)"
          + "|(could\\s+not|unable\\s+to|failed\\s+to)\\s+(be\\s+)?provision"
          + "|MaxSpotInstanceCountExceeded|InstanceLimitExceeded|VcpuLimitExceeded|instance\\s+limit|vcpu\\s+limit"
          + "|spot\\s+(request|instance\\s+count)|spot\\s+instances?\\s+exceeds?"
          + "|exceeds?\\s+(your|the|its)\\s+(\\S+\\s+)?(limit|quota)"
          + "|instance\\s+type\\b.*\\bnot\\s+supported|Unsupported\\b.*instance|error\\s+code:\\s*Unsupported"
          + "|requested\\s+configuration\\s+is\\s+currently\\s+not\\s+supported"
          + "|price[\\s-]+too[\\s-]+low|SpotMaxPriceTooLow|bid\\s+price).*",
      Pattern.DOTALL);

  private final ResourceId id;
  private final EmrClusterConfig config;
  private final EmrApi api;
  private final YarnClient yarn;
  private final CloudWatchSource cloudWatch;
  private final GangliaLoadSource ganglia;
  private final Quarantine quarantine;
  private final LoadWindow loads = new LoadWindow();
  private final String region;
  // The last ListInstances result and the group counts and states it was listed for (see instances()).
  private List<Instance> listed;
  private List<String> listedFor;
  private boolean listedNow;

  EmrClusterMonitor(ResourceId id, EmrClusterConfig config, EmrApi api, YarnClient yarn, CloudWatchSource cloudWatch,
      GangliaLoadSource ganglia, Quarantine quarantine, String region) {
    this.ganglia = ganglia;
    this.id = id;
    this.config = config;
    this.api = api;
    this.yarn = yarn;
    this.cloudWatch = cloudWatch;
    this.quarantine = quarantine;
    this.region = region;
  }

  @Override
  public ResourceState observe(Instant now, Duration window) {
    String clusterId = config.clusterId();
    Cluster cluster = api.describeCluster(clusterId);
    String clusterState = cluster.status() == null ? "UNKNOWN" : cluster.status().stateAsString();
    Map<String, Double> metrics = new TreeMap<>();
    Set<String> missing = new TreeSet<>();
    if (clusterState.startsWith("TERMINAT")) {
      // Gone (or going): not a state to decide on. Reported as gone, never as "variable 'tasknodes' has no value".
      throw new ResourceGoneException(id, "cluster " + clusterId + " is " + clusterState);
    }

    boolean fleets = cluster.instanceCollectionType() == InstanceCollectionType.INSTANCE_FLEET;
    List<EmrGroup> groups = fleets ? fleetGroups(api.instanceFleets(clusterId), now)
        : instanceGroups(api.instanceGroups(clusterId), now);
    Map<String, EmrGroup> byId = new HashMap<>();
    groups.forEach(g -> byId.putIfAbsent(g.id(), g));

    List<Instance> instances = instances(clusterId, groups, false);
    String masterHost = null;
    for (Instance i : instances) {
      EmrGroup g = byId.get(groupOf(i));
      if (g != null && g.role().equals("MASTER") && i.privateDnsName() != null) {
        masterHost = i.privateDnsName();
      }
    }
    if (masterHost == null) {
      masterHost = cluster.masterPublicDnsName();
    }

    Map<String, YarnClient.YarnNode> yarnNodes = null;
    if (masterHost != null) {
      try {
        YarnClient.YarnClusterMetrics m = yarn.clusterMetrics(masterHost);
        metrics.put("yarn.containers.pending", (double) m.containersPending());
        metrics.put("yarn.containers.allocated", (double) m.containersAllocated());
        metrics.put("yarn.apps.pending", (double) m.appsPending());
        metrics.put("yarn.apps.running", (double) m.appsRunning());
        metrics.put("yarn.nodes.active", (double) m.activeNodes());
        metrics.put("yarn.nodes.decommissioning", (double) m.decommissioningNodes());
        if (m.totalMB() > 0) {
          metrics.put("yarn.memory.available.percent", 100.0 * m.availableMB() / m.totalMB());
        } else {
          missing.add("yarn.memory.available.percent");
        }
        yarnNodes = new HashMap<>();
        for (YarnClient.YarnNode n : yarn.nodes(masterHost)) {
          yarnNodes.put(n.host().toLowerCase(Locale.ROOT), n);
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: YARN ResourceManager on {} not readable: {}", id, masterHost, e.toString());
        yarnNodes = null;
      }
    }
    if (yarnNodes != null && !listedNow && unknownNode(yarnNodes.values(), instances)) {
      instances = instances(clusterId, groups, true); // a node joined that the last listing did not have
    }
    if (yarnNodes == null) {
      for (String n : List.of("yarn.containers.pending", "yarn.containers.allocated", "yarn.apps.pending",
          "yarn.apps.running", "yarn.nodes.active", "yarn.nodes.decommissioning", "yarn.memory.available.percent")) {
        metrics.remove(n);
        missing.add(n);
      }
    }

    List<EmrNode> nodes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Instance i : instances) {
      EmrGroup g = byId.get(groupOf(i));
      String role = g == null ? "UNKNOWN" : g.role();
      String market = i.marketAsString() != null ? i.marketAsString() : g == null ? "ON_DEMAND" : g.market();
      String host = host(i);
      String state = i.status() == null ? "UNKNOWN" : i.status().stateAsString();
      String key = i.ec2InstanceId() != null ? i.ec2InstanceId() : i.id();
      seen.add(key);
      NodeLoad load = NodeLoad.MISSING;
      YarnClient.YarnNode y = yarnNodes == null ? null : find(yarnNodes, i, host);
      String yarnState = y == null || y.state() == null ? null : y.state().toUpperCase(Locale.ROOT);
      if (y != null && EmrNode.LEAVING_YARN_STATES.contains(yarnState)) {
        // Drained, draining or no longer heard from: its numbers are not current, or not about serving work.
        y = null;
      }
      if (y != null && "RUNNING".equals(state)) {
        double cpu = Double.isNaN(y.cpuUtilisation())
            ? ratio(y.usedVirtualCores(), y.usedVirtualCores() + y.availableVirtualCores()) : y.cpuUtilisation();
        double mem = Double.isNaN(y.memoryUtilisation())
            ? ratio(y.usedMemoryMB(), y.usedMemoryMB() + y.availMemoryMB()) : y.memoryUtilisation();
        double[] avg = loads.add(key, now, window, cpu, mem);
        load = new NodeLoad(true, y.containers(), y.applicationMasters(), avg[0], avg[1]);
      } else {
        loads.forget(key);
      }
      if (ganglia != null && "RUNNING".equals(state) && !role.equals("MASTER") && host != null
          && !EmrNode.LEAVING_YARN_STATES.contains(yarnState)) {
        double sysload = Double.NaN;
        if (masterHost != null) {
          try {
            sysload = ganglia.sysload(masterHost, host, now, window);
          } catch (RuntimeException e) {
            LOG.warn("{}: Ganglia load of {} not readable: {}", id, host, e.toString());
          }
        }
        load = load.withSysload(sysload);
      }
      nodes.add(new EmrNode(i.id(), i.ec2InstanceId(), groupOf(i), role, market, host, i.privateIpAddress(), state,
          load, yarnState));
    }
    loads.retainOnly(seen);

    // Nodes YARN reports leaving (decommissioning, decommissioned, lost, shut down) serve no new work: they are
    // neither counted nor part of the load aggregates (see GroupStats).
    List<EmrNode> counted = nodes.stream().filter(n -> !n.leaving()).toList();
    List<EmrNode> task = counted.stream().filter(n -> n.role().equals("TASK")).toList();
    List<EmrNode> core = counted.stream().filter(n -> n.role().equals("CORE")).toList();
    List<EmrNode> workers = counted.stream().filter(n -> !n.role().equals("MASTER")).toList();
    boolean sysload = ganglia != null;
    GroupStats.add("allnodes", counted, workers, sysload, metrics, missing);
    GroupStats.add("tasknodes", task, task, sysload, metrics, missing);
    GroupStats.add("corenodes", core, core, sysload, metrics, missing);

    if (cloudWatch != null) {
      try {
        Map<String, Double> cw = cloudWatch.read(now, window);
        for (String m : CloudWatchSource.METRICS) {
          Double v = cw.get(m);
          if (v == null) {
            missing.add("cloudwatch." + m);
          } else {
            metrics.put("cloudwatch." + m, v);
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: CloudWatch metrics not readable: {}", id, e.toString());
        CloudWatchSource.METRICS.forEach(m -> missing.add("cloudwatch." + m));
      }
    }

    int capacity = 0;
    int running = 0;
    boolean inFlight = !("RUNNING".equals(clusterState) || "WAITING".equals(clusterState));
    for (EmrGroup g : groups) {
      if (!g.scalable()) {
        continue;
      }
      boolean stuck = MarketPreference.stuck(g);
      capacity += stuck ? MarketPreference.obtained(g, nodes) : g.requested();
      running += g.running();
      if (g.resizing() && !stuck) {
        inFlight = true;
      }
    }
    metrics.put("cluster.capacity.requested", (double) capacity);
    metrics.put("cluster.capacity.running", (double) running);
    EmrClusterSnapshot snapshot = new EmrClusterSnapshot(clusterId, clusterState, region, masterHost, groups, nodes);
    return new ResourceState(id, now, capacity, inFlight, metrics, missing, EmrVariables.of(snapshot, metrics),
        snapshot);
  }

  /**
   * The cluster's live instances: listed again (every page) only when the groups' requested or running counts or
   * states differ from those of the last listing, or when {@code force}; else the last listing. So a steady tick
   * costs DescribeCluster and ListInstanceGroups (or ListInstanceFleets), whatever the node count; the executor
   * lists afresh before it chooses nodes to remove.
   */
  private List<Instance> instances(String clusterId, List<EmrGroup> groups, boolean force) {
    List<String> signature = groups.stream()
        .map(g -> g.key() + "/" + g.requested() + "/" + g.running() + "/" + g.state()).toList();
    listedNow = force || listed == null || !signature.equals(listedFor);
    if (listedNow) {
      listed = List.copyOf(api.liveInstances(clusterId));
      listedFor = signature;
    }
    return listed;
  }

  /** Whether YARN reports a running node that none of the instances is. */
  private boolean unknownNode(Collection<YarnClient.YarnNode> yarnNodes, List<Instance> instances) {
    Set<String> known = new HashSet<>();
    for (Instance i : instances) {
      for (String name : new String[] {host(i), i.privateDnsName(), i.privateIpAddress()}) {
        if (name != null) {
          known.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    for (YarnClient.YarnNode n : yarnNodes) {
      if ("RUNNING".equalsIgnoreCase(n.state()) && !known.contains(n.host().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static double ratio(double part, double whole) {
    return whole > 0 ? part / whole : Double.NaN;
  }

  private static String groupOf(Instance i) {
    return i.instanceGroupId() != null ? i.instanceGroupId() : i.instanceFleetId() != null ? i.instanceFleetId() : "";
  }

  private String host(Instance i) {
    String domain = config.customDomain();
    if (domain != null && !domain.isBlank() && i.privateIpAddress() != null) {
      return "ip-" + i.privateIpAddress().replace('.', '-') + "." + domain;
    }
    return i.privateDnsName();
  }

  private static YarnClient.YarnNode find(Map<String, YarnClient.YarnNode> yarn, Instance i, String host) {
    for (String candidate : new String[] {host, i.privateDnsName(), i.privateIpAddress()}) {
      if (candidate != null) {
        YarnClient.YarnNode n = yarn.get(candidate.toLowerCase(Locale.ROOT));
        if (n != null) {
          return n;
        }
      }
    }
    return null;
  }

  private boolean scalable(String role) {
    return role.equals("TASK") || (role.equals("CORE") && config.scaleCoreGroups());
  }

  private List<EmrGroup> instanceGroups(List<InstanceGroup> raw, Instant now) {
    List<EmrGroup> out = new ArrayList<>();
    for (InstanceGroup g : raw) {
      String state = g.status() == null ? "UNKNOWN" : g.status().stateAsString();
      if (state.startsWith("TERMINAT") || "ENDED".equals(state)) {
        continue;
      }
      String reason = g.status() == null || g.status().stateChangeReason() == null ? ""
          : nullToEmpty(g.status().stateChangeReason().message());
      out.add(group(g.id(), false, g.instanceGroupTypeAsString(), g.marketAsString(), g.instanceType(),
          nz(g.requestedInstanceCount()), nz(g.runningInstanceCount()), state, reason, now));
    }
    return out;
  }

  private List<EmrGroup> fleetGroups(List<InstanceFleet> raw, Instant now) {
    List<EmrGroup> out = new ArrayList<>();
    for (InstanceFleet f : raw) {
      String state = f.status() == null ? "UNKNOWN" : f.status().stateAsString();
      if (state.startsWith("TERMINAT")) {
        continue;
      }
      String reason = f.status() == null || f.status().stateChangeReason() == null ? ""
          : nullToEmpty(f.status().stateChangeReason().message());
      String type = f.instanceTypeSpecifications().isEmpty() ? null
          : f.instanceTypeSpecifications().get(0).instanceType();
      String role = f.instanceFleetTypeAsString();
      int od = nz(f.targetOnDemandCapacity());
      int spot = nz(f.targetSpotCapacity());
      if (!role.equals("MASTER") || od > 0) {
        out.add(group(f.id(), true, role, "ON_DEMAND", type, od, nz(f.provisionedOnDemandCapacity()), state, reason,
            now));
      }
      if (!role.equals("MASTER") || spot > 0) {
        out.add(group(f.id(), true, role, "SPOT", type, spot, nz(f.provisionedSpotCapacity()), state, reason, now));
      }
    }
    return out;
  }

  private EmrGroup group(String gid, boolean fleet, String role, String market, String type, int requested,
      int running, String state, String reason, Instant now) {
    String m = market == null ? "ON_DEMAND" : market;
    boolean capacityError = !reason.isEmpty() && CAPACITY_ERROR.matcher(reason).matches();
    String key = fleet ? gid + ":" + m : gid;
    boolean scalable = scalable(role);
    // A fleet reports one reason for both markets; only the market short of its target is affected.
    if (capacityError && scalable && requested > running) {
      if (!quarantine.isQuarantined(key, now)) {
        LOG.warn("{}: group {} cannot get capacity ({}); skipped for scale-up until {}", id, key, reason,
            now.plus(config.quarantine()));
      }
      quarantine.capacityError(key, now);
    }
    return new EmrGroup(gid, fleet, role, m, type, requested, running, state, reason, scalable, capacityError,
        quarantine.isQuarantined(key, now));
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
