package dev.themis.testkit.emr;

import dev.themis.testkit.Demand;
import dev.themis.testkit.Supply;
import dev.themis.testkit.aws.SimulatedClient;
import dev.themis.testkit.cloudwatch.MetricSource;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import dev.themis.testkit.internal.Args;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.EmrException;
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
 *       simulation forgets them. A call walks the terminated instances it keeps only when it lists them
 *       ({@code ListInstances} for every state or for {@code TERMINATED}) or looks at an earlier minute (YARN views
 *       and metrics of the past), so that its work per call follows the live instances, not all instances ever
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
 * <p>Every call is counted per AWS operation name ({@link #calls()}); {@link #failNext} and
 * {@link #failRandomly} inject failures (see {@link SimulatedClient}).
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
public final class SimulatedEmr extends SimulatedClient implements EmrClient {
  private final InstantSource clock;
  // The state and its transitions; the API operations on it; both guarded by this object's lock.
  private final EmrCloud cloud;
  private final EmrApi api;
  private final SimulatedYarn yarn;

  private SimulatedEmr(Builder b) {
    this.clock = b.clock;
    this.cloud = new EmrCloud(b.clock, b.bootDelay, b.drainTime, b.terminatedRetention, b.nodeMemoryMb, b.nodeVcores,
        b.containersPerNode, b.seed, b.indexed);
    this.api = new EmrApi(cloud, b.pageSize);
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
    cloud.cluster(clusterId).demand = Objects.requireNonNull(demand, "demand");
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
    GroupSim g = cloud.group(groupOrFleetId);
    cloud.capacityLimit(g, maxInstances, Objects.requireNonNull(reason, "reason"));
  }

  /** As {@link #capacityLimit(String, int, String)} with AWS's message for the group's market. */
  public synchronized void capacityLimit(String groupOrFleetId, int maxInstances) {
    GroupSim g = cloud.group(groupOrFleetId);
    capacityLimit(groupOrFleetId, maxInstances, "SPOT".equals(g.market) || g.fleet
        ? "The requested number of spot instances exceeds your limit."
        : "We currently do not have sufficient " + g.instanceType
            + " capacity in the Availability Zone you requested (us-east-1a). (Service: AmazonEC2; Status Code: 500;"
            + " Error Code: InsufficientInstanceCapacity)");
  }

  /** Lifts a capacity limit; the missing instances are requested now. */
  public synchronized void clearCapacityLimit(String groupOrFleetId) {
    cloud.capacityLimit(cloud.group(groupOrFleetId), null, null);
  }

  /** Terminates a cluster and all its instances now. */
  public synchronized void terminate(String clusterId) {
    ClusterSim c = cloud.cluster(clusterId);
    cloud.terminate(c, cloud.now());
  }

  /** The id of the cluster's first instance group or fleet of {@code type} (MASTER, CORE, TASK). */
  public synchronized String groupId(String clusterId, String type) {
    return cloud.cluster(clusterId).groups.stream().filter(g -> g.type.equals(type)).map(g -> g.id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("cluster " + clusterId + " has no " + type + " group"));
  }

  /** The master node's private DNS name, where the simulated YARN ResourceManager answers. */
  public synchronized String masterHost(String clusterId) {
    return cloud.cluster(clusterId).masterHost;
  }

  /** CORE and TASK capacity units (instances times weight) serving now: running and not decommissioning. */
  public synchronized int serving(String clusterId) {
    Instant now = cloud.now();
    return cloud.units(cloud.cluster(clusterId), n -> n.serving(now));
  }

  /** CORE and TASK capacity units billed now: booting, serving or draining. */
  public synchronized int billed(String clusterId) {
    Instant now = cloud.now();
    return cloud.units(cloud.cluster(clusterId), n -> n.billed(now));
  }

  /** Serving and billed units of a cluster, for the replay driver. */
  public Supply supply(String clusterId) {
    synchronized (this) {
      cloud.cluster(clusterId);
    }
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
    return EmrMetrics.of(this::yarnViewOfCluster);
  }

  /** A {@link SimulatedCloudWatch} on the same clock answering from {@link #metrics()}. */
  public SimulatedCloudWatch cloudWatch() {
    return SimulatedCloudWatch.builder(clock).source(metrics()).build();
  }

  /** A throttling error as the SDK reports it (status 400, error code {@code ThrottlingException}). */
  public static EmrException throttling() {
    return EmrApi.throttling();
  }

  public InstantSource clock() {
    return clock;
  }

  // ---------------------------------------------------------------------------------------------------------
  // EmrClient: each operation is counted (and may fail as injected), then answered by EmrApi.

  @Override
  public String serviceName() {
    return EmrClient.SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized ListClustersResponse listClusters(ListClustersRequest request) {
    enter("ListClusters");
    return api.listClusters(request);
  }

  @Override
  public synchronized DescribeClusterResponse describeCluster(DescribeClusterRequest request) {
    enter("DescribeCluster");
    return api.describeCluster(request);
  }

  @Override
  public synchronized ListInstanceGroupsResponse listInstanceGroups(ListInstanceGroupsRequest request) {
    enter("ListInstanceGroups");
    return api.listInstanceGroups(request);
  }

  @Override
  public synchronized ListInstanceFleetsResponse listInstanceFleets(ListInstanceFleetsRequest request) {
    enter("ListInstanceFleets");
    return api.listInstanceFleets(request);
  }

  @Override
  public synchronized ListInstancesResponse listInstances(ListInstancesRequest request) {
    enter("ListInstances");
    return api.listInstances(request);
  }

  @Override
  public synchronized ModifyInstanceGroupsResponse modifyInstanceGroups(ModifyInstanceGroupsRequest request) {
    enter("ModifyInstanceGroups");
    return api.modifyInstanceGroups(request);
  }

  @Override
  public synchronized ModifyInstanceFleetResponse modifyInstanceFleet(ModifyInstanceFleetRequest request) {
    enter("ModifyInstanceFleet");
    return api.modifyInstanceFleet(request);
  }

  // ---------------------------------------------------------------------------------------------------------
  // For ClusterBuilder, SimulatedYarn, the CloudWatch metric source and tests

  synchronized String create(ClusterBuilder b) {
    return cloud.create(b);
  }

  /** YARN's view of a cluster at {@code t}: one entry per CORE/TASK instance known to YARN then. */
  synchronized YarnView yarnView(String masterHostOrIp, Instant t) {
    return cloud.yarnView(masterHostOrIp, t);
  }

  synchronized YarnView yarnViewOfCluster(String clusterId, Instant t) {
    return cloud.yarnViewOfCluster(clusterId, t);
  }

  /** Instances the simulation keeps (live and recently terminated), over all clusters; for tests. */
  synchronized int retainedInstances() {
    return cloud.retainedInstances();
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
    private boolean indexed = true;

    private Builder(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** From a resize request until an instance is RUNNING and serving. Default 6 min (BENCHMARK.md's L). */
    public Builder bootDelay(Duration d) {
      this.bootDelay = Args.nonNegative(d, "bootDelay");
      return this;
    }

    /** How long a removed running instance decommissions (billed, not serving). Default 10 min. */
    public Builder drainTime(Duration d) {
      this.drainTime = Args.nonNegative(d, "drainTime");
      return this;
    }

    /**
     * How long {@code ListInstances} keeps listing a terminated instance before the simulation forgets it.
     * Default 1 hour.
     */
    public Builder terminatedRetention(Duration d) {
      this.terminatedRetention = Args.nonNegative(d, "terminatedRetention");
      return this;
    }

    /** Items per page of every list operation. Default 50 (AWS's); small values exercise pagination. */
    public Builder pageSize(int n) {
      this.pageSize = Args.atLeast(n, 1, "pageSize");
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

    /**
     * For the tests of the simulation itself: every operation walks all the instances kept, not only those not yet
     * terminated, as the simulation did before it indexed them. What it answers is the same.
     */
    Builder unindexed() {
      this.indexed = false;
      return this;
    }

    public SimulatedEmr build() {
      return new SimulatedEmr(this);
    }
  }
}
