package dev.themis.testkit.emr;

import java.time.Duration;
import java.time.Instant;

/** A simulated instance and its life: booting, serving, draining, terminated, all derived from a few instants. */
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
