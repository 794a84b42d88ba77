package dev.themis.emr.internal;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceFleet;
import software.amazon.awssdk.services.emr.model.InstanceFleetModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceState;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListInstanceFleetsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceFleetsResponse;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsRequest;
import software.amazon.awssdk.services.emr.model.ListInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.ListInstancesRequest;
import software.amazon.awssdk.services.emr.model.ListInstancesResponse;
import software.amazon.awssdk.services.emr.model.ModifyInstanceFleetRequest;
import software.amazon.awssdk.services.emr.model.ModifyInstanceGroupsRequest;

/** The EMR calls the provider makes, every list call paginated to the end (the original read the first page). */
final class EmrApi {
  /** Instance states of nodes that exist or are coming up (the original's list). */
  static final List<InstanceState> LIVE_STATES = List.of(InstanceState.AWAITING_FULFILLMENT,
      InstanceState.PROVISIONING, InstanceState.BOOTSTRAPPING, InstanceState.RUNNING);

  private final AwsAccess aws;

  EmrApi(AwsAccess aws) {
    this.aws = aws;
  }

  Cluster describeCluster(String clusterId) {
    return aws.emr().describeCluster(aws.decorate(DescribeClusterRequest.builder().clusterId(clusterId)).build())
        .cluster();
  }

  List<InstanceGroup> instanceGroups(String clusterId) {
    List<InstanceGroup> out = new ArrayList<>();
    String marker = null;
    do {
      ListInstanceGroupsResponse r = aws.emr().listInstanceGroups(
          aws.decorate(ListInstanceGroupsRequest.builder().clusterId(clusterId).marker(marker)).build());
      out.addAll(r.instanceGroups());
      marker = r.marker();
    } while (marker != null && !marker.isEmpty());
    return out;
  }

  List<InstanceFleet> instanceFleets(String clusterId) {
    List<InstanceFleet> out = new ArrayList<>();
    String marker = null;
    do {
      ListInstanceFleetsResponse r = aws.emr().listInstanceFleets(
          aws.decorate(ListInstanceFleetsRequest.builder().clusterId(clusterId).marker(marker)).build());
      out.addAll(r.instanceFleets());
      marker = r.marker();
    } while (marker != null && !marker.isEmpty());
    return out;
  }

  List<Instance> liveInstances(String clusterId) {
    List<Instance> out = new ArrayList<>();
    String marker = null;
    do {
      ListInstancesResponse r = aws.emr().listInstances(aws.decorate(ListInstancesRequest.builder()
          .clusterId(clusterId).instanceStates(LIVE_STATES).marker(marker)).build());
      out.addAll(r.instances());
      marker = r.marker();
    } while (marker != null && !marker.isEmpty());
    return out;
  }

  List<ClusterSummary> activeClusters() {
    List<ClusterSummary> out = new ArrayList<>();
    String marker = null;
    do {
      ListClustersResponse r = aws.emr().listClusters(aws.decorate(ListClustersRequest.builder()
          .clusterStates(ClusterState.STARTING, ClusterState.BOOTSTRAPPING, ClusterState.RUNNING,
              ClusterState.WAITING)
          .marker(marker)).build());
      out.addAll(r.clusters());
      marker = r.marker();
    } while (marker != null && !marker.isEmpty());
    return out;
  }

  void modifyInstanceGroups(String clusterId, List<InstanceGroupModifyConfig> groups) {
    aws.emr().modifyInstanceGroups(aws.decorate(ModifyInstanceGroupsRequest.builder().clusterId(clusterId)
        .instanceGroups(groups)).build());
  }

  void modifyInstanceFleet(String clusterId, InstanceFleetModifyConfig fleet) {
    aws.emr().modifyInstanceFleet(aws.decorate(ModifyInstanceFleetRequest.builder().clusterId(clusterId)
        .instanceFleet(fleet)).build());
  }
}
