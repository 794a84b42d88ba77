package dev.themis.testkit.emr;

import dev.themis.testkit.Demand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.emr.model.ClusterState;

/** A simulated cluster: what it was created with, its groups or fleets, and its demand. */
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
    return "arn:aws:elasticmapreduce:" + EmrCloud.REGION + ":" + EmrCloud.ACCOUNT + ":cluster/" + id;
  }

  int normalizedHours(Instant now) {
    long seconds = 0;
    for (GroupSim g : groups) {
      seconds += g.normalizedSeconds(now);
    }
    return (int) Math.min(Integer.MAX_VALUE, seconds / 3600);
  }
}
