package dev.themis.testkit.emr;

import dev.themis.testkit.Demand;
import dev.themis.testkit.Supply;
import dev.themis.testkit.cloudwatch.MetricSource;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import dev.themis.testkit.internal.Calls;
import dev.themis.testkit.internal.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ClusterTimeline;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.Ec2InstanceAttributes;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceFleet;
import software.amazon.awssdk.services.emr.model.InstanceFleetModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetStateChangeReason;
import software.amazon.awssdk.services.emr.model.InstanceFleetStatus;
import software.amazon.awssdk.services.emr.model.InstanceFleetTimeline;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupStateChangeReason;
import software.amazon.awssdk.services.emr.model.InstanceGroupStatus;
import software.amazon.awssdk.services.emr.model.InstanceGroupTimeline;
import software.amazon.awssdk.services.emr.model.InstanceResizePolicy;
import software.amazon.awssdk.services.emr.model.InstanceStateChangeReason;
import software.amazon.awssdk.services.emr.model.InstanceStatus;
import software.amazon.awssdk.services.emr.model.InstanceTimeline;
import software.amazon.awssdk.services.emr.model.InstanceTypeSpecification;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListInstanceFleetsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceFleetsResponse;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.ListInstancesRequest;
import software.amazon.awssdk.services.emr.model.ListInstancesResponse;
import software.amazon.awssdk.services.emr.model.ModifyInstanceFleetRequest;
import software.amazon.awssdk.services.emr.model.ModifyInstanceFleetResponse;
import software.amazon.awssdk.services.emr.model.ModifyInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ModifyInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.ShrinkPolicy;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * An in-memory EMR behind the real {@link EmrClient} interface, driven by virtual time, so that the real
 * {@code themis-emr} monitor and executors run unchanged against it. Thread-safe (every operation is synchronized).
 *
 * <p>Semantics, after AWS:
 *
 * <ul>
 *   <li>An instance requested by a resize is {@code PROVISIONING} for the first half of the boot delay,
 *       {@code BOOTSTRAPPING} for the second, then {@code RUNNING}. It is billed from the request on.
 *   <li>An instance removed by a shrink that was still booting is terminated at once. A running one is
 *       decommissioned: its EMR state stays {@code RUNNING} (as on AWS) and its YARN node is
 *       {@code DECOMMISSIONING}, it serves nothing and is billed, for the drain time (or the request's
 *       {@code DecommissionTimeout} / {@code InstanceTerminationTimeout}, if shorter); then it is
 *       {@code TERMINATED}. Terminated instances stay listed by {@code ListInstances} for
 *       {@link Builder#terminatedRetention} (default 1 hour), as on AWS, which lists them for a while; then the
 *       simulation forgets them, so that its work per call follows the live instances, not all instances ever
 *       launched. Forgotten instances still count in {@code NormalizedInstanceHours}; YARN views and metrics of
 *       minutes more than the retention in the past (or after the clock was set back by more) may miss them.
 *   <li>A group or fleet is {@code RESIZING} while it has booting or draining instances or fewer serving
 *       instances than requested, else {@code RUNNING}.
 *   <li>{@link #capacityLimit} caps the live instances of a group or fleet: the group stays short, in
 *       {@code RESIZING}, with a state-change reason such as AWS's "The requested number of spot instances
 *       exceeds your limit."; lifting the limit launches the missing instances.
 *   <li>Shrink victims: {@code InstancesToTerminate} first, then instances still booting (newest first), then
 *       running ones (newest first); {@code InstancesToProtect} are never chosen. {@code EC2InstanceIdsToTerminate}
 *       terminates exactly those instances and lowers the requested count by their number (unless
 *       {@code InstanceCount} is also given).
 *   <li>List operations return at most {@link Builder#pageSize} items per page with a {@code Marker}, so the SDK
 *       paginators and hand-written pagination loops are exercised.
 *   <li>Errors are {@link InvalidRequestException} for unknown clusters and {@link EmrException} with error code
 *       {@code ValidationException} (status 400) for invalid modifications, as the service returns them.
 * </ul>
 *
 * <p>Every call is counted per AWS operation name ({@link #calls()}); {@link #failNext} injects a failure.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.atEpoch2020();
 * SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(6)).drainTime(Duration.ofMinutes(1))
 *     .build();
 * String id = emr.cluster("analytics").applications("Hadoop", "Spark")
 *     .instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
 *     .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", 2)
 *     .instanceGroup("TASK", "SPOT", "m5.xlarge", 3)
 *     .demand(trace.toUnits(c, 0.8).anchoredAt(clock.instant()))
 *     .create();
 * Autoscaler a = Autoscaler.builder().clock(clock).component(EmrClient.class, emr)
 *     .component(YarnClient.class, emr.yarn())...build();
 * }</pre>
 */
public final class SimulatedEmr implements EmrClient {
  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "123456789012";

  private final InstantSource clock;
  private final Duration bootDelay;
  private final Duration drainTime;
  private final Duration terminatedRetention;
  private final int pageSize;
  private final int nodeMemoryMb;
  private final int nodeVcores;
  private final int containersPerNode;
  private final Ids ids;
  private final Calls calls = new Calls();
  private final Map<String, ClusterSim> clusters = new LinkedHashMap<>();
  private final Map<String, GroupSim> groups = new LinkedHashMap<>();
  private int nextIp = 10;
  // The latest time instances were pruned at; terminated instances older than the retention are dropped then.
  private Instant prunedAt;
  private final SimulatedYarn yarn;

  private SimulatedEmr(Builder b) {
    this.clock = b.clock;
    this.bootDelay = b.bootDelay;
    this.drainTime = b.drainTime;
    this.terminatedRetention = b.terminatedRetention;
    this.pageSize = b.pageSize;
    this.nodeMemoryMb = b.nodeMemoryMb;
    this.nodeVcores = b.nodeVcores;
    this.containersPerNode = b.containersPerNode;
    this.ids = new Ids(b.seed);
    this.yarn = new SimulatedYarn(this);
  }

  /** A builder driven by {@code clock} (usually a {@link dev.themis.clock.ManualClock}). */
  public static Builder builder(InstantSource clock) {
    return new Builder(clock);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Simulation control

  /** Starts describing a new cluster; {@link ClusterBuilder#create()} adds it, already up, at the clock's time. */
  public ClusterBuilder cluster(String name) {
    return new ClusterBuilder(this, name);
  }

  /** Sets the demand of a cluster, in nodes' worth of load (the YARN load spread over its serving nodes). */
  public synchronized void demand(String clusterId, Demand demand) {
    clusterSim(clusterId).demand = Objects.requireNonNull(demand, "demand");
  }

  /**
   * Caps the live (booting or serving) instances of a group or fleet at {@code maxInstances}, as EC2 does when a
   * spot limit or on-demand capacity runs out. The group stays short and {@code RESIZING} with {@code reason} as
   * its state-change message.
   */
  public synchronized void capacityLimit(String groupOrFleetId, int maxInstances, String reason) {
    if (maxInstances < 0) {
      throw new IllegalArgumentException("maxInstances: must be >= 0, was " + maxInstances);
    }
    GroupSim g = group(groupOrFleetId);
    g.limit = maxInstances;
    g.limitReason = Objects.requireNonNull(reason, "reason");
  }

  /** As {@link #capacityLimit(String, int, String)} with AWS's message for the group's market. */
  public synchronized void capacityLimit(String groupOrFleetId, int maxInstances) {
    GroupSim g = group(groupOrFleetId);
    capacityLimit(groupOrFleetId, maxInstances, "SPOT".equals(g.market) || g.fleet
        ? "The requested number of spot instances exceeds your limit."
        : "We currently do not have sufficient " + g.instanceType
            + " capacity in the Availability Zone you requested (us-east-1a). (Service: AmazonEC2; Status Code: 500;"
            + " Error Code: InsufficientInstanceCapacity)");
  }

  /** Lifts a capacity limit; the missing instances are requested now. */
  public synchronized void clearCapacityLimit(String groupOrFleetId) {
    GroupSim g = group(groupOrFleetId);
    g.limit = null;
    g.limitReason = null;
    reconcile(g, now());
  }

  /** Terminates a cluster and all its instances now. */
  public synchronized void terminate(String clusterId) {
    ClusterSim c = clusterSim(clusterId);
    Instant now = now();
    c.ended = now;
    for (GroupSim g : c.groups) {
      for (NodeSim n : g.nodes) {
        if (n.endAt == null || n.endAt.isAfter(now)) {
          n.endAt = now;
          n.endReason = "CLUSTER_TERMINATED";
        }
      }
    }
  }

  /** The id of the cluster's first instance group or fleet of {@code type} (MASTER, CORE, TASK). */
  public synchronized String groupId(String clusterId, String type) {
    return clusterSim(clusterId).groups.stream().filter(g -> g.type.equals(type)).map(g -> g.id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("cluster " + clusterId + " has no " + type + " group"));
  }

  /** The master node's private DNS name, where the simulated YARN ResourceManager answers. */
  public synchronized String masterHost(String clusterId) {
    return clusterSim(clusterId).masterHost;
  }

  /** CORE and TASK capacity units (instances times weight) serving now: running and not decommissioning. */
  public synchronized int serving(String clusterId) {
    Instant now = now();
    return units(clusterSim(clusterId), n -> n.serving(now));
  }

  /** CORE and TASK capacity units billed now: booting, serving or draining. */
  public synchronized int billed(String clusterId) {
    Instant now = now();
    return units(clusterSim(clusterId), n -> n.billed(now));
  }

  /** Serving and billed units of a cluster, for the replay driver. */
  public Supply supply(String clusterId) {
    clusterSim(clusterId);
    return new Supply() {
      @Override
      public int serving() {
        return SimulatedEmr.this.serving(clusterId);
      }

      @Override
      public int billed() {
        return SimulatedEmr.this.billed(clusterId);
      }
    };
  }

  /** The YARN ResourceManagers of this EMR's clusters, reached by master host name. */
  public SimulatedYarn yarn() {
    return yarn;
  }

  /**
   * The clusters' CloudWatch metrics, namespace {@code AWS/ElasticMapReduce}, dimension {@code JobFlowId}, published
   * every 5 minutes as EMR does: {@code YARNMemoryAvailablePercentage}, {@code ContainerPending},
   * {@code ContainerAllocated}, {@code ContainerPendingRatio} (pending / allocated, or pending when nothing is
   * allocated), {@code AppsPending}, {@code AppsRunning}, {@code IsIdle}, {@code CoreNodesRunning},
   * {@code TaskNodesRunning}, {@code MemoryTotalMB}, {@code MemoryAllocatedMB}, {@code MemoryAvailableMB}.
   */
  public MetricSource metrics() {
    return (namespace, metric, dims, minute) -> {
      if (!"AWS/ElasticMapReduce".equals(namespace) || dims.size() != 1 || !dims.containsKey("JobFlowId")
          || minute.getEpochSecond() % 300 != 0) {
        return null;
      }
      YarnView v = yarnViewOfCluster(dims.get("JobFlowId"), minute);
      if (v == null) {
        return null;
      }
      double total = (double) v.serving() * v.nodeMemoryMb();
      double allocated = (double) v.containersAllocated() * v.containerMb();
      double pending = v.containersPending();
      double value;
      switch (metric) {
        case "YARNMemoryAvailablePercentage" -> value = total == 0 ? 0 : 100.0 * (total - allocated) / total;
        case "ContainerPending" -> value = pending;
        case "ContainerAllocated" -> value = v.containersAllocated();
        case "ContainerPendingRatio" -> value = v.containersAllocated() == 0 ? pending
            : pending / v.containersAllocated();
        case "AppsPending" -> value = pending > 0 ? 1 : 0;
        case "AppsRunning" -> value = v.containersAllocated() > 0 ? 1 : 0;
        case "IsIdle" -> value = v.containersWanted() == 0 ? 1 : 0;
        case "CoreNodesRunning" -> value = v.coreServing();
        case "TaskNodesRunning" -> value = v.taskServing();
        case "MemoryTotalMB" -> value = total;
        case "MemoryAllocatedMB" -> value = allocated;
        case "MemoryAvailableMB" -> value = total - allocated;
        default -> {
          return null;
        }
      }
      return MetricSource.Sample.of(value);
    };
  }

  /** A {@link SimulatedCloudWatch} on the same clock answering from {@link #metrics()}. */
  public SimulatedCloudWatch cloudWatch() {
    return SimulatedCloudWatch.builder(clock).source(metrics()).build();
  }

  /** Calls per AWS operation name (e.g. {@code ListInstances}) since creation or {@link #resetCalls()}. */
  public Map<String, Long> calls() {
    return calls.snapshot();
  }

  public void resetCalls() {
    calls.reset();
  }

  /** All calls counted since creation or {@link #resetCalls()}. */
  public long totalCalls() {
    return calls.total();
  }

  /** The next call of {@code operation} (e.g. {@code ModifyInstanceGroups}) throws what {@code failure} gives. */
  public void failNext(String operation, Supplier<? extends RuntimeException> failure) {
    calls.failNext(operation, failure);
  }

  /** A throttling error as the SDK reports it (status 400, error code {@code ThrottlingException}). */
  public static EmrException throttling() {
    return (EmrException) EmrException.builder().message("Rate exceeded").statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded")
            .serviceName("EMR").build())
        .build();
  }

  public InstantSource clock() {
    return clock;
  }

  // ---------------------------------------------------------------------------------------------------------
  // EmrClient

  @Override
  public String serviceName() {
    return EmrClient.SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized ListClustersResponse listClusters(ListClustersRequest request) {
    calls.enter("ListClusters");
    Instant now = now();
    Set<String> states = request.hasClusterStates() ? new HashSet<>(request.clusterStatesAsStrings()) : null;
    List<ClusterSummary> all = new ArrayList<>();
    List<ClusterSim> ordered = new ArrayList<>(clusters.values());
    ordered.sort(Comparator.comparing((ClusterSim c) -> c.created).reversed()); // newest first, as AWS lists
    for (ClusterSim c : ordered) {
      if (states != null && !states.contains(c.state(now))) {
        continue;
      }
      if (request.createdAfter() != null && c.created.isBefore(request.createdAfter())) {
        continue;
      }
      if (request.createdBefore() != null && c.created.isAfter(request.createdBefore())) {
        continue;
      }
      all.add(ClusterSummary.builder().id(c.id).name(c.name).status(clusterStatus(c, now))
          .normalizedInstanceHours(c.normalizedHours(now)).clusterArn(c.arn()).build());
    }
    Page<ClusterSummary> page = page(all, request.marker());
    return ListClustersResponse.builder().clusters(page.items).marker(page.marker).build();
  }

  @Override
  public synchronized DescribeClusterResponse describeCluster(DescribeClusterRequest request) {
    calls.enter("DescribeCluster");
    ClusterSim c = knownCluster(request.clusterId());
    Instant now = now();
    Cluster cluster = Cluster.builder()
        .id(c.id).name(c.name).status(clusterStatus(c, now))
        .instanceCollectionType(c.fleets ? "INSTANCE_FLEET" : "INSTANCE_GROUP")
        .applications(c.applications.stream().map(a -> Application.builder().name(a).version("3.5.0").build())
            .toList())
        .tags(c.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList())
        .releaseLabel(c.releaseLabel)
        .masterPublicDnsName(c.masterHost)
        .clusterArn(c.arn())
        .normalizedInstanceHours(c.normalizedHours(now))
        .ec2InstanceAttributes(Ec2InstanceAttributes.builder().ec2AvailabilityZone(REGION + "a").build())
        .scaleDownBehavior("TERMINATE_AT_TASK_COMPLETION")
        .autoTerminate(false).terminationProtected(false).visibleToAllUsers(true)
        .serviceRole("EMR_DefaultRole")
        .build();
    return DescribeClusterResponse.builder().cluster(cluster).build();
  }

  @Override
  public synchronized ListInstanceGroupsResponse listInstanceGroups(ListInstanceGroupsRequest request) {
    calls.enter("ListInstanceGroups");
    ClusterSim c = knownCluster(request.clusterId());
    Instant now = now();
    List<InstanceGroup> all = new ArrayList<>();
    if (!c.fleets) {
      for (GroupSim g : c.groups) {
        all.add(instanceGroup(g, now));
      }
    }
    Page<InstanceGroup> page = page(all, request.marker());
    return ListInstanceGroupsResponse.builder().instanceGroups(page.items).marker(page.marker).build();
  }

  @Override
  public synchronized ListInstanceFleetsResponse listInstanceFleets(ListInstanceFleetsRequest request) {
    calls.enter("ListInstanceFleets");
    ClusterSim c = knownCluster(request.clusterId());
    Instant now = now();
    List<InstanceFleet> all = new ArrayList<>();
    if (c.fleets) {
      for (GroupSim g : c.groups) {
        all.add(instanceFleet(g, now));
      }
    }
    Page<InstanceFleet> page = page(all, request.marker());
    return ListInstanceFleetsResponse.builder().instanceFleets(page.items).marker(page.marker).build();
  }

  @Override
  public synchronized ListInstancesResponse listInstances(ListInstancesRequest request) {
    calls.enter("ListInstances");
    ClusterSim c = knownCluster(request.clusterId());
    Instant now = now();
    Set<String> groupTypes = request.hasInstanceGroupTypes() ? new HashSet<>(request.instanceGroupTypesAsStrings())
        : null;
    Set<String> states = request.hasInstanceStates() ? new HashSet<>(request.instanceStatesAsStrings()) : null;
    List<Instance> all = new ArrayList<>();
    for (GroupSim g : c.groups) {
      if (request.instanceGroupId() != null && (g.fleet || !g.id.equals(request.instanceGroupId()))) {
        continue;
      }
      if (request.instanceFleetId() != null && (!g.fleet || !g.id.equals(request.instanceFleetId()))) {
        continue;
      }
      if (groupTypes != null && (g.fleet || !groupTypes.contains(g.type))) {
        continue;
      }
      if (request.instanceFleetTypeAsString() != null
          && (!g.fleet || !g.type.equals(request.instanceFleetTypeAsString()))) {
        continue;
      }
      for (NodeSim n : g.nodes) {
        if (states == null || states.contains(n.state(now))) {
          all.add(instance(n, now));
        }
      }
    }
    Page<Instance> page = page(all, request.marker());
    return ListInstancesResponse.builder().instances(page.items).marker(page.marker).build();
  }

  @Override
  public synchronized ModifyInstanceGroupsResponse modifyInstanceGroups(ModifyInstanceGroupsRequest request) {
    calls.enter("ModifyInstanceGroups");
    Instant now = now();
    if (!request.hasInstanceGroups() || request.instanceGroups().isEmpty()) {
      throw validation("InstanceGroups: at least one instance group must be given");
    }
    // Validate everything before changing anything: the service applies a request entirely or not at all.
    List<GroupSim> targets = new ArrayList<>();
    for (InstanceGroupModifyConfig m : request.instanceGroups()) {
      GroupSim g = groups.get(m.instanceGroupId());
      if (g == null || g.fleet || (request.clusterId() != null && !g.cluster.id.equals(request.clusterId()))) {
        throw validation("An instance group with id '" + m.instanceGroupId() + "' does not exist"
            + (request.clusterId() == null ? "" : " in cluster " + request.clusterId()) + ".");
      }
      if (g.cluster.ended != null) {
        throw validation("An instance group may only be modified when the cluster is running or waiting");
      }
      if (m.instanceCount() != null && m.instanceCount() < 0) {
        throw validation("InstanceCount of " + g.id + ": must be >= 0, was " + m.instanceCount());
      }
      if ("MASTER".equals(g.type) && (m.instanceCount() != null || m.hasEc2InstanceIdsToTerminate())) {
        throw validation("The instance count of the MASTER instance group " + g.id + " cannot be modified.");
      }
      if (m.hasEc2InstanceIdsToTerminate()) {
        for (String ec2 : m.ec2InstanceIdsToTerminate()) {
          if (g.nodes.stream().noneMatch(n -> n.ec2Id.equals(ec2) && n.live(now))) {
            throw validation("EC2 instance " + ec2 + " is not a running instance of instance group " + g.id + ".");
          }
        }
      }
      targets.add(g);
    }
    for (int i = 0; i < targets.size(); i++) {
      modifyGroup(targets.get(i), request.instanceGroups().get(i), now);
    }
    return ModifyInstanceGroupsResponse.builder().build();
  }

  @Override
  public synchronized ModifyInstanceFleetResponse modifyInstanceFleet(ModifyInstanceFleetRequest request) {
    calls.enter("ModifyInstanceFleet");
    Instant now = now();
    ClusterSim c = knownCluster(request.clusterId());
    InstanceFleetModifyConfig m = request.instanceFleet();
    if (m == null) {
      throw validation("InstanceFleet: must be given");
    }
    GroupSim g = groups.get(m.instanceFleetId());
    if (g == null || !g.fleet || g.cluster != c) {
      throw validation("An instance fleet with id '" + m.instanceFleetId() + "' does not exist in cluster " + c.id
          + ".");
    }
    if (c.ended != null) {
      throw validation("An instance fleet may only be modified when the cluster is running or waiting");
    }
    int od = m.targetOnDemandCapacity() == null ? g.targetOnDemand : m.targetOnDemandCapacity();
    int spot = m.targetSpotCapacity() == null ? g.targetSpot : m.targetSpotCapacity();
    if (od < 0 || spot < 0) {
      throw validation("Target capacities of " + g.id + ": must be >= 0, were on-demand " + od + ", spot " + spot);
    }
    if ("MASTER".equals(g.type) && od + spot != 1) {
      throw validation("The MASTER instance fleet " + g.id + " must have a target capacity of 1.");
    }
    g.targetOnDemand = od;
    g.targetSpot = spot;
    for (String market : List.of("ON_DEMAND", "SPOT")) {
      int target = market.equals("ON_DEMAND") ? od : spot;
      List<NodeSim> live = g.nodes.stream().filter(n -> n.market.equals(market) && n.live(now)).toList();
      int excessUnits = live.size() * g.weight - target;
      int remove = excessUnits > 0 ? excessUnits / g.weight : 0;
      shrink(g, live, remove, List.of(), Set.of(), drainTime, now);
    }
    reconcile(g, now);
    return ModifyInstanceFleetResponse.builder().build();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Internals

  private void modifyGroup(GroupSim g, InstanceGroupModifyConfig m, Instant now) {
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
        for (NodeSim n : g.nodes) {
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
    List<NodeSim> live = g.nodes.stream().filter(n -> n.live(now)).toList();
    shrink(g, live, live.size() - g.requested, toTerminate, toProtect, drain, now);
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
      long live = g.nodes.stream().filter(n -> n.live(now)).count();
      int want = g.limit == null ? g.requested : Math.min(g.requested, g.limit);
      for (long i = live; i < want; i++) {
        launch(g, g.market, now, false);
      }
    } else {
      for (String market : List.of("ON_DEMAND", "SPOT")) {
        int target = market.equals("ON_DEMAND") ? g.targetOnDemand : g.targetSpot;
        long liveAll = g.nodes.stream().filter(n -> n.live(now)).count();
        long live = g.nodes.stream().filter(n -> n.market.equals(market) && n.live(now)).count();
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

  private NodeSim launch(GroupSim g, String market, Instant now, boolean alreadyUp) {
    int ip = nextIp++;
    String host = "ip-10-0-" + (ip / 250) + "-" + (ip % 250 + 4) + ".ec2.internal";
    NodeSim n = new NodeSim(ids.upper("ci-", 13), ids.hex("i-", 17), host,
        "10.0." + (ip / 250) + "." + (ip % 250 + 4), g, market, now, alreadyUp ? now : now.plus(bootDelay));
    g.nodes.add(n);
    return n;
  }

  synchronized GroupSim createGroup(ClusterSim c, String type, String market, String instanceType, int count,
      boolean fleet, int weight, int od, int spot, Instant now) {
    GroupSim g = new GroupSim(fleet ? ids.upper("if-", 13) : ids.upper("ig-", 13), c, type, market, instanceType,
        fleet, weight, now);
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

  synchronized String create(ClusterBuilder b) {
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
    c.masterHost = master.nodes.get(0).host;
    c.masterIp = master.nodes.get(0).ip;
    clusters.put(c.id, c);
    return c.id;
  }

  /**
   * The clock's time, after forgetting the instances terminated more than the retention before it. Runs at the
   * start of every operation, so that each walks only the live and recently terminated instances.
   */
  private Instant now() {
    Instant now = clock.instant();
    if (prunedAt == null || now.isAfter(prunedAt)) {
      prunedAt = now;
      Instant cutoff = now.minus(terminatedRetention);
      for (GroupSim g : groups.values()) {
        g.nodes.removeIf(n -> {
          if (n.endAt != null && n.endAt.isBefore(cutoff)) {
            g.forgottenSeconds += n.normalizedSeconds(n.endAt);
            return true;
          }
          return false;
        });
      }
    }
    return now;
  }

  /** Instances the simulation keeps (live and recently terminated), over all clusters; for tests. */
  synchronized int retainedInstances() {
    return groups.values().stream().mapToInt(g -> g.nodes.size()).sum();
  }

  private int units(ClusterSim c, Predicate<NodeSim> p) {
    int u = 0;
    for (GroupSim g : c.groups) {
      if (g.type.equals("MASTER")) {
        continue;
      }
      for (NodeSim n : g.nodes) {
        if (p.test(n)) {
          u += g.weight;
        }
      }
    }
    return u;
  }

  private ClusterSim clusterSim(String id) {
    ClusterSim c = clusters.get(id);
    if (c == null) {
      throw new IllegalArgumentException("no simulated cluster '" + id + "'; known: " + clusters.keySet());
    }
    return c;
  }

  private GroupSim group(String id) {
    GroupSim g = groups.get(id);
    if (g == null) {
      throw new IllegalArgumentException("no simulated instance group or fleet '" + id + "'; known: "
          + groups.keySet());
    }
    return g;
  }

  private ClusterSim knownCluster(String id) {
    ClusterSim c = id == null ? null : clusters.get(id);
    if (c == null) {
      String msg = "Cluster id '" + id + "' is not valid.";
      throw InvalidRequestException.builder().message(msg)
          .statusCode(400)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidRequestException").errorMessage(msg)
              .serviceName("EMR").build())
          .build();
    }
    return c;
  }

  private static EmrException validation(String msg) {
    return (EmrException) EmrException.builder().message(msg).statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(msg)
            .serviceName("EMR").build())
        .build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private ClusterStatus clusterStatus(ClusterSim c, Instant now) {
    return ClusterStatus.builder().state(c.state(now))
        .timeline(ClusterTimeline.builder().creationDateTime(c.created).readyDateTime(c.created)
            .endDateTime(c.ended).build())
        .build();
  }

  private InstanceGroup instanceGroup(GroupSim g, Instant now) {
    int running = (int) g.nodes.stream().filter(n -> n.state(now).equals("RUNNING")).count();
    String state = g.state(now);
    InstanceGroupStateChangeReason reason = null;
    String why = g.shortReason(now);
    if (why != null) {
      reason = InstanceGroupStateChangeReason.builder().code("INSTANCE_FAILURE").message(why).build();
    } else if (state.equals("RESIZING")) {
      reason = InstanceGroupStateChangeReason.builder().message(
          g.servingCount(now) < g.requested ? "Expanding instance group" : "Shrinking instance group").build();
    }
    return InstanceGroup.builder().id(g.id).name(g.name).market(g.market).instanceGroupType(g.type)
        .instanceType(g.instanceType).bidPrice("SPOT".equals(g.market) ? "OnDemandPrice" : null)
        .requestedInstanceCount(g.requested).runningInstanceCount(running)
        .status(InstanceGroupStatus.builder().state(state).stateChangeReason(reason)
            .timeline(InstanceGroupTimeline.builder().creationDateTime(g.created).readyDateTime(g.created)
                .endDateTime(g.cluster.ended).build())
            .build())
        .shrinkPolicy(g.shrinkPolicy)
        .build();
  }

  private InstanceFleet instanceFleet(GroupSim g, Instant now) {
    int od = 0;
    int spot = 0;
    for (NodeSim n : g.nodes) {
      if (n.serving(now)) {
        if (n.market.equals("SPOT")) {
          spot += g.weight;
        } else {
          od += g.weight;
        }
      }
    }
    String why = g.shortReason(now);
    return InstanceFleet.builder().id(g.id).name(g.name).instanceFleetType(g.type)
        .targetOnDemandCapacity(g.targetOnDemand).targetSpotCapacity(g.targetSpot)
        .provisionedOnDemandCapacity(od).provisionedSpotCapacity(spot)
        .instanceTypeSpecifications(InstanceTypeSpecification.builder().instanceType(g.instanceType)
            .weightedCapacity(g.weight).bidPriceAsPercentageOfOnDemandPrice(100.0).build())
        .status(InstanceFleetStatus.builder().state(g.state(now))
            .stateChangeReason(why == null ? null
                : InstanceFleetStateChangeReason.builder().code("INSTANCE_FAILURE").message(why).build())
            .timeline(InstanceFleetTimeline.builder().creationDateTime(g.created).readyDateTime(g.created)
                .endDateTime(g.cluster.ended).build())
            .build())
        .build();
  }

  private Instance instance(NodeSim n, Instant now) {
    String state = n.state(now);
    InstanceStateChangeReason reason = null;
    if (state.equals("TERMINATED")) {
      reason = InstanceStateChangeReason.builder()
          .code("CLUSTER_TERMINATED".equals(n.endReason) ? "CLUSTER_TERMINATED" : "INTERNAL_ERROR")
          .message("CLUSTER_TERMINATED".equals(n.endReason) ? "Cluster was terminated."
              : "Instance group was resized.")
          .build();
    }
    Instance.Builder b = Instance.builder().id(n.id).ec2InstanceId(n.ec2Id).privateDnsName(n.host)
        .privateIpAddress(n.ip).market(n.market).instanceType(n.group.instanceType)
        .status(InstanceStatus.builder().state(state).stateChangeReason(reason)
            .timeline(InstanceTimeline.builder().creationDateTime(n.created)
                .readyDateTime(now.isBefore(n.readyAt) ? null : n.readyAt)
                .endDateTime(state.equals("TERMINATED") ? n.endAt : null).build())
            .build());
    if (n.group.fleet) {
      b.instanceFleetId(n.group.id);
    } else {
      b.instanceGroupId(n.group.id);
    }
    return b.build();
  }

  private <T> Page<T> page(List<T> all, String marker) {
    int from = 0;
    if (marker != null) {
      try {
        from = Integer.parseInt(marker);
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        String msg = "Marker '" + marker + "' is not valid.";
        throw InvalidRequestException.builder().message(msg).statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidRequestException").errorMessage(msg)
                .serviceName("EMR").build())
            .build();
      }
    }
    int to = Math.min(all.size(), from + pageSize);
    return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
  }

  private record Page<T>(List<T> items, String marker) {}

  // --- state used by SimulatedYarn and the CloudWatch metric source

  /** YARN's view of a cluster at {@code t}: one entry per CORE/TASK instance known to YARN then. */
  synchronized YarnView yarnView(String masterHostOrIp, Instant t) {
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

  synchronized YarnView yarnViewOfCluster(String clusterId, Instant t) {
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
      for (NodeSim n : g.nodes) {
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
            .flatMap(g -> g.nodes.stream()).filter(n -> n.serving(t)).count(),
        (int) c.groups.stream().filter(g -> g.type.equals("TASK"))
            .flatMap(g -> g.nodes.stream()).filter(n -> n.serving(t)).count());
  }

  // ---------------------------------------------------------------------------------------------------------

  final class ClusterSim {
    final String id;
    final String name;
    final Instant created;
    final boolean fleets;
    final List<String> applications;
    final Map<String, String> tags;
    final String releaseLabel;
    final List<GroupSim> groups = new ArrayList<>();
    Demand demand;
    String masterHost;
    String masterIp;
    Instant ended;

    ClusterSim(String id, String name, Instant created, boolean fleets, List<String> applications,
        Map<String, String> tags, String releaseLabel, Demand demand) {
      this.id = id;
      this.name = name;
      this.created = created;
      this.fleets = fleets;
      this.applications = applications;
      this.tags = tags;
      this.releaseLabel = releaseLabel;
      this.demand = demand;
    }

    String state(Instant now) {
      if (ended != null && !now.isBefore(ended)) {
        return ClusterState.TERMINATED.toString();
      }
      double d = demand == null ? 0 : demand.at(now);
      return d > 0 ? ClusterState.RUNNING.toString() : ClusterState.WAITING.toString();
    }

    String arn() {
      return "arn:aws:elasticmapreduce:" + REGION + ":" + ACCOUNT + ":cluster/" + id;
    }

    int normalizedHours(Instant now) {
      long seconds = 0;
      for (GroupSim g : groups) {
        seconds += g.forgottenSeconds;
        for (NodeSim n : g.nodes) {
          seconds += n.normalizedSeconds(now);
        }
      }
      return (int) Math.min(Integer.MAX_VALUE, seconds / 3600);
    }
  }

  final class GroupSim {
    final String id;
    final ClusterSim cluster;
    final String type;
    final String market;
    final String instanceType;
    final boolean fleet;
    final int weight;
    final Instant created;
    final String name;
    // The group's instances in launch order: the live ones and those terminated within the retention.
    final List<NodeSim> nodes = new ArrayList<>();
    // Normalized instance seconds of the terminated instances already forgotten.
    long forgottenSeconds;
    int requested;
    int targetOnDemand;
    int targetSpot;
    Integer limit;
    String limitReason;
    ShrinkPolicy shrinkPolicy;
    Instant lastChange;

    GroupSim(String id, ClusterSim cluster, String type, String market, String instanceType, boolean fleet,
        int weight, Instant created) {
      this.id = id;
      this.cluster = cluster;
      this.type = type;
      this.market = market;
      this.instanceType = instanceType;
      this.fleet = fleet;
      this.weight = weight;
      this.created = created;
      this.name = (fleet ? type + " fleet" : type + " " + market.toLowerCase(java.util.Locale.ROOT)).trim();
    }

    int servingCount(Instant now) {
      return (int) nodes.stream().filter(n -> n.serving(now)).count();
    }

    int wanted() {
      return fleet ? (targetOnDemand + weight - 1) / weight + (targetSpot + weight - 1) / weight : requested;
    }

    /** The reason the group is short, if a capacity limit keeps it below its target. */
    String shortReason(Instant now) {
      if (limit == null) {
        return null;
      }
      long live = nodes.stream().filter(n -> n.live(now)).count();
      return live < wanted() ? limitReason : null;
    }

    String state(Instant now) {
      if (cluster.ended != null && !now.isBefore(cluster.ended)) {
        return "TERMINATED";
      }
      boolean settled = true;
      for (NodeSim n : nodes) {
        String s = n.state(now);
        if (s.equals("PROVISIONING") || s.equals("BOOTSTRAPPING") || n.draining(now)) {
          settled = false;
          break;
        }
      }
      int serving = 0;
      for (NodeSim n : nodes) {
        if (n.serving(now)) {
          serving++;
        }
      }
      return settled && serving == wanted() ? "RUNNING" : "RESIZING";
    }
  }

  final class NodeSim {
    final String id;
    final String ec2Id;
    final String host;
    final String ip;
    final GroupSim group;
    final String market;
    final Instant created;
    final Instant readyAt;
    Instant drainStart;
    Instant endAt;
    String endReason;

    NodeSim(String id, String ec2Id, String host, String ip, GroupSim group, String market, Instant created,
        Instant readyAt) {
      this.id = id;
      this.ec2Id = ec2Id;
      this.host = host;
      this.ip = ip;
      this.group = group;
      this.market = market;
      this.created = created;
      this.readyAt = readyAt;
    }

    String state(Instant t) {
      if (endAt != null && !t.isBefore(endAt)) {
        return "TERMINATED";
      }
      if (t.isBefore(readyAt)) {
        Duration boot = Duration.between(created, readyAt);
        return t.isBefore(created.plus(boot.dividedBy(2))) ? "PROVISIONING" : "BOOTSTRAPPING";
      }
      return "RUNNING";
    }

    /** Booting or serving, not being removed. */
    boolean live(Instant t) {
      return !t.isBefore(created) && (endAt == null || t.isBefore(endAt)) && (drainStart == null
          || t.isBefore(drainStart));
    }

    boolean draining(Instant t) {
      return drainStart != null && !t.isBefore(drainStart) && (endAt == null || t.isBefore(endAt));
    }

    boolean serving(Instant t) {
      return !t.isBefore(readyAt) && !t.isBefore(created) && live(t);
    }

    boolean billed(Instant t) {
      return !t.isBefore(created) && (endAt == null || t.isBefore(endAt));
    }

    /** Normalized instance seconds used until {@code now}: each started hour counts, 8 units per hour. */
    long normalizedSeconds(Instant now) {
      Instant end = endAt == null || endAt.isAfter(now) ? now : endAt;
      return end.isAfter(created) ? (Duration.between(created, end).getSeconds() + 3599) / 3600 * 8 * 3600 : 0;
    }
  }

  /** Configures a {@link SimulatedEmr}. */
  public static final class Builder {
    private final InstantSource clock;
    private Duration bootDelay = Duration.ofMinutes(6);
    private Duration drainTime = Duration.ofMinutes(10);
    private Duration terminatedRetention = Duration.ofHours(1);
    private int pageSize = 50;
    private long seed = 1;
    private int nodeMemoryMb = 12_288;
    private int nodeVcores = 4;
    private int containersPerNode = 4;

    private Builder(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** From a resize request until an instance is RUNNING and serving. Default 6 min (BENCHMARK.md's L). */
    public Builder bootDelay(Duration d) {
      this.bootDelay = nonNegative(d, "bootDelay");
      return this;
    }

    /** How long a removed running instance decommissions (billed, not serving). Default 10 min. */
    public Builder drainTime(Duration d) {
      this.drainTime = nonNegative(d, "drainTime");
      return this;
    }

    /**
     * How long {@code ListInstances} keeps listing a terminated instance before the simulation forgets it.
     * Default 1 hour.
     */
    public Builder terminatedRetention(Duration d) {
      this.terminatedRetention = nonNegative(d, "terminatedRetention");
      return this;
    }

    /** Items per page of every list operation. Default 50 (AWS's); small values exercise pagination. */
    public Builder pageSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("pageSize: must be >= 1, was " + n);
      }
      this.pageSize = n;
      return this;
    }

    /** Seed of the generated ids (cluster, group, instance ids). Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * YARN resources of one CORE/TASK node. Defaults: 12,288 MB, 4 vcores, 4 containers (an m5.xlarge).
     */
    public Builder node(int memoryMb, int vcores, int containers) {
      if (memoryMb < 1 || vcores < 1 || containers < 1) {
        throw new IllegalArgumentException("node: memoryMb, vcores and containers must be >= 1, were " + memoryMb
            + ", " + vcores + ", " + containers);
      }
      this.nodeMemoryMb = memoryMb;
      this.nodeVcores = vcores;
      this.containersPerNode = containers;
      return this;
    }

    public SimulatedEmr build() {
      return new SimulatedEmr(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + ": must not be negative, was " + d);
      }
      return d;
    }
  }
}
