package dev.themis.emr;

import dev.themis.ResourceState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the EMR monitor saw of one cluster: the {@link dev.themis.ResourceState#detail() detail} of its states,
 * used by the executor and by cost accounting. Immutable.
 *
 * @param clusterId the cluster id ({@code j-...})
 * @param clusterState EMR cluster state ({@code RUNNING}, {@code WAITING}, {@code TERMINATING}...)
 * @param region the AWS region of the cluster, or null if unknown
 * @param masterHost the master's private DNS name, or null if unknown
 * @param groups instance groups, and instance fleets as one entry per market, in the order EMR listed them
 * @param nodes instances not terminated, with their load
 */
public record EmrClusterSnapshot(
    String clusterId, String clusterState, String region, String masterHost, List<EmrGroup> groups,
    List<EmrNode> nodes) implements ResourceState.Summarizable {
  public EmrClusterSnapshot {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(clusterState, "clusterState");
    groups = List.copyOf(groups);
    nodes = List.copyOf(nodes);
  }

  /** True when EMR accepts resizes: state RUNNING or WAITING. */
  public boolean acceptsResize() {
    return "RUNNING".equals(clusterState) || "WAITING".equals(clusterState);
  }

  public Optional<EmrGroup> group(String id, String market) {
    return groups.stream().filter(g -> g.id().equals(id) && (market == null || market.equals(g.market())))
        .findFirst();
  }

  public List<EmrGroup> scalableGroups() {
    return groups.stream().filter(EmrGroup::scalable).toList();
  }

  /**
   * What history keeps of a cluster's snapshot, for pricing: {@code region}, and {@code groups} as
   * {@code MARKET/instance-type/requested} of each scalable group, comma-separated.
   */
  @Override
  public Map<String, String> summary() {
    StringBuilder b = new StringBuilder();
    for (EmrGroup g : scalableGroups()) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(g.market()).append('/').append(g.instanceType() == null ? "" : g.instanceType()).append('/')
          .append(g.requested());
    }
    return region == null ? Map.of(GROUPS, b.toString()) : Map.of(REGION, region, GROUPS, b.toString());
  }

  /** Summary keys, see {@link #summary()}. */
  public static final String REGION = "region";

  public static final String GROUPS = "groups";

  /**
   * An instance group, or one market of an instance fleet.
   *
   * @param id instance group id ({@code ig-...}) or fleet id ({@code if-...})
   * @param fleet true for a market of an instance fleet
   * @param role {@code MASTER}, {@code CORE} or {@code TASK}
   * @param market {@code ON_DEMAND} or {@code SPOT}
   * @param instanceType EC2 instance type of the group (the first type of a fleet), may be null
   * @param requested requested instance count (fleet: target capacity of this market)
   * @param running running instance count (fleet: provisioned capacity of this market)
   * @param state EMR state of the group or fleet ({@code RUNNING}, {@code RESIZING}...)
   * @param stateChangeReason the message of the last state change, may be empty
   * @param scalable whether this group may be scaled under the configuration
   * @param capacityError whether the state change reason reports that capacity could not be obtained
   * @param quarantined whether the group is skipped for scale-up because of a recent capacity error
   */
  public record EmrGroup(
      String id, boolean fleet, String role, String market, String instanceType, int requested, int running,
      String state, String stateChangeReason, boolean scalable, boolean capacityError, boolean quarantined) {
    public EmrGroup {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(market, "market");
      Objects.requireNonNull(state, "state");
      stateChangeReason = stateChangeReason == null ? "" : stateChangeReason;
    }

    /** The key under which this group is quarantined: the id, plus the market for fleets. */
    public String key() {
      return fleet ? id + ":" + market : id;
    }

    /** A resize is under way: requested differs from running, or EMR reports the group as not RUNNING. */
    public boolean resizing() {
      return requested != running || !"RUNNING".equals(state);
    }
  }

  /**
   * One instance.
   *
   * @param instanceId EMR instance id ({@code ci-...})
   * @param ec2InstanceId EC2 instance id ({@code i-...})
   * @param groupId id of its instance group or fleet
   * @param role {@code MASTER}, {@code CORE} or {@code TASK}
   * @param market {@code ON_DEMAND} or {@code SPOT}
   * @param host private DNS name (rewritten with {@code custom_domain_name} if set)
   * @param privateIp private IP address, may be null
   * @param state EMR instance state ({@code RUNNING}, {@code BOOTSTRAPPING}...)
   * @param load its load over the monitoring window
   * @param yarnState the node's state in the YARN ResourceManager ({@code RUNNING}, {@code DECOMMISSIONING},
   *     {@code LOST}...), or null if YARN was not read or does not list the node
   */
  public record EmrNode(
      String instanceId, String ec2InstanceId, String groupId, String role, String market, String host,
      String privateIp, String state, NodeLoad load, String yarnState) {
    /**
     * YARN node states of a node that serves no new work and will not again: being drained
     * ({@code DECOMMISSIONING}), drained ({@code DECOMMISSIONED}), no longer heard from ({@code LOST}) or stopped
     * ({@code SHUTDOWN}).
     */
    public static final Set<String> LEAVING_YARN_STATES = Set.of("DECOMMISSIONING", "DECOMMISSIONED", "LOST",
        "SHUTDOWN");

    public EmrNode {
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(load, "load");
    }

    /** A node whose YARN state is not known. */
    public EmrNode(String instanceId, String ec2InstanceId, String groupId, String role, String market, String host,
        String privateIp, String state, NodeLoad load) {
      this(instanceId, ec2InstanceId, groupId, role, market, host, privateIp, state, load, null);
    }

    public boolean running() {
      return "RUNNING".equals(state);
    }

    /**
     * YARN reports the node in one of the {@link #LEAVING_YARN_STATES}: it serves no new work, so it is left out of
     * node counts and load aggregates and is never chosen for removal (again). EMR may still report it RUNNING.
     */
    public boolean leaving() {
      return yarnState != null && LEAVING_YARN_STATES.contains(yarnState);
    }
  }

  /**
   * The load of one node from YARN, averaged over the monitoring window.
   *
   * @param reported false when YARN had no data for the node (its cpu and mem are then NaN)
   * @param containers running containers (latest sample)
   * @param applicationMasters application masters on the node (latest sample)
   * @param cpu CPU busy fraction 0..1, NaN if unknown
   * @param mem memory used fraction 0..1, NaN if unknown
   * @param sysload 1-minute load average from the optional Ganglia source, averaged over the window; NaN if not
   *     read
   */
  public record NodeLoad(
      boolean reported, int containers, int applicationMasters, double cpu, double mem, double sysload) {
    public static final NodeLoad MISSING = new NodeLoad(false, 0, 0, Double.NaN, Double.NaN, Double.NaN);

    /** A load without sysload (YARN only). */
    public NodeLoad(boolean reported, int containers, int applicationMasters, double cpu, double mem) {
      this(reported, containers, applicationMasters, cpu, mem, Double.NaN);
    }

    /** The same load with a sysload. */
    public NodeLoad withSysload(double value) {
      return new NodeLoad(reported, containers, applicationMasters, cpu, mem, value);
    }

    /** No containers and no application master: removing the node loses no work. */
    public boolean idle() {
      return reported && containers == 0 && applicationMasters == 0;
    }

    /** The original's load score, {@code mem + 2 * cpu}; NaN if unknown. */
    public double score() {
      return mem + 2 * cpu;
    }
  }
}
