package dev.themis.testkit.emr;

import dev.themis.testkit.aws.AwsErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.Ec2InstanceAttributes;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceFleet;
import software.amazon.awssdk.services.emr.model.InstanceFleetModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
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
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * The EMR API operations of the simulation: each validates its request as the service does (AWS errors:
 * {@link InvalidRequestException} for unknown clusters and markers, {@code ValidationException} for invalid
 * modifications, nothing changed by a rejected request), applies it to the {@link EmrCloud} and answers in the SDK's
 * shapes, one page of at most {@code pageSize} items at a time. Not thread-safe: {@link SimulatedEmr} calls it under
 * its lock, after counting the call.
 */
final class EmrApi {
  static final AwsErrors ERRORS = AwsErrors.of("EMR");

  private final EmrCloud cloud;
  private final int pageSize;

  EmrApi(EmrCloud cloud, int pageSize) {
    this.cloud = cloud;
    this.pageSize = pageSize;
  }

  ListClustersResponse listClusters(ListClustersRequest request) {
    Instant now = cloud.now();
    Set<String> states = request.hasClusterStates() ? new HashSet<>(request.clusterStatesAsStrings()) : null;
    List<ClusterSummary> all = new ArrayList<>();
    List<ClusterSim> ordered = new ArrayList<>(cloud.clusters());
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
      all.add(ClusterSummary.builder().id(c.id).name(c.name).status(EmrShapes.clusterStatus(c, now))
          .normalizedInstanceHours(c.normalizedHours(now)).clusterArn(c.arn()).build());
    }
    Page<ClusterSummary> page = page(all, request.marker());
    return ListClustersResponse.builder().clusters(page.items).marker(page.marker).build();
  }

  DescribeClusterResponse describeCluster(DescribeClusterRequest request) {
    ClusterSim c = knownCluster(request.clusterId());
    Instant now = cloud.now();
    Cluster cluster = Cluster.builder()
        .id(c.id).name(c.name).status(EmrShapes.clusterStatus(c, now))
        .instanceCollectionType(c.fleets ? "INSTANCE_FLEET" : "INSTANCE_GROUP")
        .applications(c.applications.stream().map(a -> Application.builder().name(a).version("3.5.0").build())
            .toList())
        .tags(c.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList())
        .releaseLabel(c.releaseLabel)
        .masterPublicDnsName(c.masterHost)
        .clusterArn(c.arn())
        .normalizedInstanceHours(c.normalizedHours(now))
        .ec2InstanceAttributes(Ec2InstanceAttributes.builder().ec2AvailabilityZone(EmrCloud.REGION + "a").build())
        .scaleDownBehavior("TERMINATE_AT_TASK_COMPLETION")
        .autoTerminate(false).terminationProtected(false).visibleToAllUsers(true)
        .serviceRole("EMR_DefaultRole")
        .build();
    return DescribeClusterResponse.builder().cluster(cluster).build();
  }

  ListInstanceGroupsResponse listInstanceGroups(ListInstanceGroupsRequest request) {
    Page<InstanceGroup> page = page(groupsOf(request.clusterId(), false, EmrShapes::instanceGroup), request.marker());
    return ListInstanceGroupsResponse.builder().instanceGroups(page.items).marker(page.marker).build();
  }

  ListInstanceFleetsResponse listInstanceFleets(ListInstanceFleetsRequest request) {
    Page<InstanceFleet> page = page(groupsOf(request.clusterId(), true, EmrShapes::instanceFleet), request.marker());
    return ListInstanceFleetsResponse.builder().instanceFleets(page.items).marker(page.marker).build();
  }

  ListInstancesResponse listInstances(ListInstancesRequest request) {
    ClusterSim c = knownCluster(request.clusterId());
    Instant now = cloud.now();
    Set<String> groupTypes = request.hasInstanceGroupTypes() ? new HashSet<>(request.instanceGroupTypesAsStrings())
        : null;
    Set<String> states = request.hasInstanceStates() ? new HashSet<>(request.instanceStatesAsStrings()) : null;
    // Instances terminated by now are listed only when asked for: else the live ones are all there is to walk.
    boolean terminated = states == null || states.contains("TERMINATED");
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
      for (NodeSim n : terminated ? g.nodes : g.unended()) {
        if (states == null || states.contains(n.state(now))) {
          all.add(EmrShapes.instance(n, now));
        }
      }
    }
    Page<Instance> page = page(all, request.marker());
    return ListInstancesResponse.builder().instances(page.items).marker(page.marker).build();
  }

  ModifyInstanceGroupsResponse modifyInstanceGroups(ModifyInstanceGroupsRequest request) {
    Instant now = cloud.now();
    if (!request.hasInstanceGroups() || request.instanceGroups().isEmpty()) {
      throw validation("InstanceGroups: at least one instance group must be given");
    }
    // Validate everything before changing anything: the service applies a request entirely or not at all.
    List<GroupSim> targets = new ArrayList<>();
    for (InstanceGroupModifyConfig m : request.instanceGroups()) {
      GroupSim g = cloud.findGroup(m.instanceGroupId());
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
          if (g.unended().stream().noneMatch(n -> n.ec2Id.equals(ec2) && n.live(now))) {
            throw validation("EC2 instance " + ec2 + " is not a running instance of instance group " + g.id + ".");
          }
        }
      }
      targets.add(g);
    }
    for (int i = 0; i < targets.size(); i++) {
      cloud.modifyGroup(targets.get(i), request.instanceGroups().get(i), now);
    }
    return ModifyInstanceGroupsResponse.builder().build();
  }

  ModifyInstanceFleetResponse modifyInstanceFleet(ModifyInstanceFleetRequest request) {
    Instant now = cloud.now();
    ClusterSim c = knownCluster(request.clusterId());
    InstanceFleetModifyConfig m = request.instanceFleet();
    if (m == null) {
      throw validation("InstanceFleet: must be given");
    }
    GroupSim g = cloud.findGroup(m.instanceFleetId());
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
    cloud.modifyFleet(g, od, spot, now);
    return ModifyInstanceFleetResponse.builder().build();
  }

  /** The groups (or fleets) of a cluster in a list operation's shape; none if the cluster has the other kind. */
  private <T> List<T> groupsOf(String clusterId, boolean fleets, BiFunction<GroupSim, Instant, T> shape) {
    ClusterSim c = knownCluster(clusterId);
    Instant now = cloud.now();
    List<T> all = new ArrayList<>();
    if (c.fleets == fleets) {
      for (GroupSim g : c.groups) {
        all.add(shape.apply(g, now));
      }
    }
    return all;
  }

  private ClusterSim knownCluster(String id) {
    ClusterSim c = cloud.findCluster(id);
    if (c == null) {
      throw invalidRequest("Cluster id '" + id + "' is not valid.");
    }
    return c;
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
        throw invalidRequest("Marker '" + marker + "' is not valid.");
      }
    }
    int to = Math.min(all.size(), from + pageSize);
    return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
  }

  private record Page<T>(List<T> items, String marker) {}

  private static InvalidRequestException invalidRequest(String msg) {
    return ERRORS.error(InvalidRequestException.builder(), InvalidRequestException.class, "InvalidRequestException",
        400, msg);
  }

  private static EmrException validation(String msg) {
    return ERRORS.error(EmrException.builder(), EmrException.class, "ValidationException", 400, msg);
  }

  /** A throttling error as the SDK reports it (status 400, error code {@code ThrottlingException}). */
  static EmrException throttling() {
    return ERRORS.error(EmrException.builder(), EmrException.class, "ThrottlingException", 400, "Rate exceeded");
  }
}
