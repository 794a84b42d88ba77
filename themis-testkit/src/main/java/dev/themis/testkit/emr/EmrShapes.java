package dev.themis.testkit.emr;

import java.time.Instant;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterTimeline;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceFleet;
import software.amazon.awssdk.services.emr.model.InstanceFleetStateChangeReason;
import software.amazon.awssdk.services.emr.model.InstanceFleetStatus;
import software.amazon.awssdk.services.emr.model.InstanceFleetTimeline;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupStateChangeReason;
import software.amazon.awssdk.services.emr.model.InstanceGroupStatus;
import software.amazon.awssdk.services.emr.model.InstanceGroupTimeline;
import software.amazon.awssdk.services.emr.model.InstanceStateChangeReason;
import software.amazon.awssdk.services.emr.model.InstanceStatus;
import software.amazon.awssdk.services.emr.model.InstanceTimeline;
import software.amazon.awssdk.services.emr.model.InstanceTypeSpecification;

/** The simulated state at an instant in the SDK's model shapes, as EMR's list and describe operations return it. */
final class EmrShapes {
  private EmrShapes() {}

  static ClusterStatus clusterStatus(ClusterSim c, Instant now) {
    return ClusterStatus.builder().state(c.state(now))
        .timeline(ClusterTimeline.builder().creationDateTime(c.created).readyDateTime(c.created)
            .endDateTime(c.ended).build())
        .build();
  }

  static InstanceGroup instanceGroup(GroupSim g, Instant now) {
    int running = (int) g.unended().stream().filter(n -> n.state(now).equals("RUNNING")).count();
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

  static InstanceFleet instanceFleet(GroupSim g, Instant now) {
    int od = 0;
    int spot = 0;
    for (NodeSim n : g.unended()) {
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

  static Instance instance(NodeSim n, Instant now) {
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
}
