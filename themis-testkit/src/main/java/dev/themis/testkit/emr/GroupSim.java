package dev.themis.testkit.emr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
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
  final Set<NodeSim> nodes = new LinkedHashSet<>();
  // Whether EmrCloud keeps the index below; without it every walk is over all of nodes (for tests).
  final boolean indexed;
  // The index, kept by EmrCloud (see EmrCloud.now()): the instances of nodes not terminated by the cloud's settled
  // time, in launch order, and the others (terminated by then, so never changed again while the clock does not go
  // back), by end time, with their normalized instance seconds.
  final List<NodeSim> current = new ArrayList<>();
  final PriorityQueue<NodeSim> ended = new PriorityQueue<>(Comparator.comparing((NodeSim n) -> n.endAt));
  long endedSeconds;
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
      int weight, Instant created, boolean indexed) {
    this.id = id;
    this.indexed = indexed;
    this.cluster = cluster;
    this.type = type;
    this.market = market;
    this.instanceType = instanceType;
    this.fleet = fleet;
    this.weight = weight;
    this.created = created;
    this.name = (fleet ? type + " fleet" : type + " " + market.toLowerCase(Locale.ROOT)).trim();
  }

  /**
   * The instances that a walk at the cloud's settled time (the {@code now} of every operation) needs: all but those
   * terminated by then, which are neither live, serving, draining, billed nor in any state but TERMINATED.
   */
  Collection<NodeSim> unended() {
    return indexed ? current : nodes;
  }

  /** Normalized instance seconds of all instances ever launched, until the settled time {@code now}. */
  long normalizedSeconds(Instant now) {
    long seconds = forgottenSeconds + endedSeconds;
    for (NodeSim n : unended()) {
      seconds += n.normalizedSeconds(now);
    }
    return seconds;
  }

  int servingCount(Instant now) {
    return (int) unended().stream().filter(n -> n.serving(now)).count();
  }

  int wanted() {
    return fleet ? (targetOnDemand + weight - 1) / weight + (targetSpot + weight - 1) / weight : requested;
  }

  /** The reason the group is short, if a capacity limit keeps it below its target. */
  String shortReason(Instant now) {
    if (limit == null) {
      return null;
    }
    long live = unended().stream().filter(n -> n.live(now)).count();
    return live < wanted() ? limitReason : null;
  }

  String state(Instant now) {
    if (cluster.ended != null && !now.isBefore(cluster.ended)) {
      return "TERMINATED";
    }
    boolean settled = true;
    for (NodeSim n : unended()) {
      String s = n.state(now);
      if (s.equals("PROVISIONING") || s.equals("BOOTSTRAPPING") || n.draining(now)) {
        settled = false;
        break;
      }
    }
    int serving = 0;
    for (NodeSim n : unended()) {
      if (n.serving(now)) {
        serving++;
      }
    }
    return settled && serving == wanted() ? "RUNNING" : "RESIZING";
  }
}
