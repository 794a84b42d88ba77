package dev.themis.testkit.emr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.emr.model.ShrinkPolicy;

/** A simulated instance group or instance fleet (one instance type), with its instances. */
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
    this.name = (fleet ? type + " fleet" : type + " " + market.toLowerCase(Locale.ROOT)).trim();
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
