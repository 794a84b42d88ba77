package dev.themis.emr.internal;

import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.emr.EmrClusterSnapshot;
import dev.themis.emr.EmrClusterSnapshot.EmrGroup;
import dev.themis.emr.EmrClusterSnapshot.EmrNode;
import dev.themis.history.ResourceMemory;
import dev.themis.spi.ScalingExecutor;
import dev.themis.spi.StatefulComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceFleetModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupModifyConfig;
import software.amazon.awssdk.services.emr.model.InstanceResizePolicy;
import software.amazon.awssdk.services.emr.model.ShrinkPolicy;

/**
 * Resizes one EMR cluster. Scale-up adds to the requested count of the preferred group ({@code requested + n}, never
 * beyond {@code max_capacity}); scale-down removes chosen nodes gracefully with a {@link ShrinkPolicy}. Re-reads
 * the cluster state first and declines (the core then holds) unless it is RUNNING or WAITING. What it remembers
 * (capacity-error quarantines, units added as a fallback, instances asked to leave) is the cluster's memory
 * ({@link StatefulComponent}), kept by the history store and restored by a new autoscaler.
 * A modify call whose result is unknown (client timeout, broken connection, 5xx after retries) is reported
 * started, with a note "result unknown (...): counted as applied", so the cooldown holds; a call EMR refused (4xx)
 * throws.
 */
final class EmrScalingExecutor implements ScalingExecutor, StatefulComponent {
  private final EmrClusterConfig config;
  private final EmrApi api;
  private final PreferenceSource preferences;
  private final Quarantine quarantine;
  private final InstantSource clock;
  /**
   * Instances this executor asked EMR to remove, with when: not chosen again while still listed, even before YARN
   * reports them {@code DECOMMISSIONING} (or when YARN cannot be read). Forgotten once gone from the listing or after
   * {@link #REMOVAL_GRACE} beyond the decommission timeout.
   */
  private final Map<String, Instant> removing = new ConcurrentHashMap<>();
  /**
   * Units this executor added to groups the preference does not name, as a fallback while the preferred group was
   * quarantined, by group key. Only these may later be removed from a group the preference does not name (the
   * original never removed other nodes).
   */
  private final Map<String, Integer> fallbackUnits = new ConcurrentHashMap<>();
  static final Duration REMOVAL_GRACE = Duration.ofMinutes(15);

  EmrScalingExecutor(EmrClusterConfig config, EmrApi api, PreferenceSource preferences, Quarantine quarantine,
      InstantSource clock) {
    this.config = config;
    this.api = api;
    this.preferences = preferences;
    this.quarantine = quarantine;
    this.clock = clock;
  }

  @Override
  public ScalingOutcome apply(ResourceState state, ScalingDecision decision) {
    EmrClusterSnapshot snap = state.detail(EmrClusterSnapshot.class);
    int current = state.capacity();
    int target = Math.max(config.minCapacity(), Math.min(decision.targetCapacity(), config.maxCapacity()));
    if (target == current) {
      return ScalingOutcome.declined(current, "target " + decision.targetCapacity() + " is outside [min_capacity "
          + config.minCapacity() + ", max_capacity " + config.maxCapacity() + "]: nothing to do");
    }
    Cluster cluster = api.describeCluster(snap.clusterId());
    String clusterState = cluster.status() == null ? "UNKNOWN" : cluster.status().stateAsString();
    if (!"RUNNING".equals(clusterState) && !"WAITING".equals(clusterState)) {
      return ScalingOutcome.declined(current, "in flight: cluster " + snap.clusterId() + " is " + clusterState
          + " (only RUNNING or WAITING clusters are resized)");
    }
    List<EmrGroup> scalable = snap.scalableGroups();
    if (scalable.isEmpty()) {
      return ScalingOutcome.declined(current, "no scalable instance group: task groups are scaled, core groups only"
          + " with scale_core_groups: true, the master never");
    }
    List<String> prefs = MarketPreference.normalise(preferences.preferences(state));
    return target > current ? up(snap, scalable, prefs, current, target) : down(snap, scalable, prefs, current, target);
  }

  private ScalingOutcome up(EmrClusterSnapshot snap, List<EmrGroup> scalable, List<String> prefs, int current,
      int target) {
    Instant now = clock.instant();
    // Groups quarantined since the observation are skipped too.
    List<EmrGroup> fresh = scalable.stream().map(g -> g.quarantined() || !quarantine.isQuarantined(g.key(), now) ? g
        : new EmrGroup(g.id(), g.fleet(), g.role(), g.market(), g.instanceType(), g.requested(), g.running(),
            g.state(), g.stateChangeReason(), g.scalable(), g.capacityError(), true)).toList();
    List<EmrGroup> candidates = MarketPreference.upscaleCandidates(fresh, prefs);
    if (candidates.isEmpty()) {
      String q = fresh.stream().filter(EmrGroup::quarantined)
          .map(g -> g.key() + " until " + quarantine.until(g.key())).collect(Collectors.joining(", "));
      return ScalingOutcome.declined(current, "no scalable group matches group_or_preferred_market " + prefs
          + (q.isEmpty() ? "" : "; quarantined after capacity errors: " + q));
    }
    EmrGroup chosen = candidates.get(0);
    boolean fallback = scalable.size() > 1 && prefs.stream().noneMatch(e -> MarketPreference.matches(chosen, e));
    int n = target - current;
    List<String> actions = new ArrayList<>();
    Map<EmrGroup, Integer> counts = new LinkedHashMap<>();
    // Give up requests EMR cannot fulfil, so the fallback replaces them rather than adding to them.
    for (EmrGroup g : fresh) {
      if (MarketPreference.stuck(g) && g != chosen) {
        int obtained = MarketPreference.obtained(g, snap.nodes());
        counts.put(g, obtained);
        actions.add("release " + g.key() + " " + g.requested() + "->" + obtained + " (capacity error: "
            + g.stateChangeReason() + ")");
      }
    }
    counts.put(chosen, chosen.requested() + n);
    actions.add("grow " + chosen.key() + " (" + chosen.market() + ") " + chosen.requested() + "->"
        + (chosen.requested() + n));
    unknown(send(snap, counts, Map.of()), actions);
    if (fallback) {
      fallbackUnits.merge(chosen.key(), n, Integer::sum);
    }
    return ScalingOutcome.started(current, target, actions);
  }

  private ScalingOutcome down(EmrClusterSnapshot snap, List<EmrGroup> scalable, List<String> prefs, int current,
      int target) {
    int n = current - target;
    List<EmrGroup> groups = MarketPreference.downscaleGroups(scalable, prefs);
    if (groups.isEmpty()) {
      return ScalingOutcome.declined(current, "no scalable group matches group_or_preferred_market " + prefs);
    }
    Map<EmrGroup, Integer> counts = new LinkedHashMap<>();
    Map<String, List<EmrNode>> victimsByGroup = new LinkedHashMap<>();
    List<String> actions = new ArrayList<>();
    int removed = 0;
    Instant now = clock.instant();
    // Listed afresh: the monitor reuses an older listing while the groups look unchanged, and victims must exist.
    Set<String> listed = api.liveInstances(snap.clusterId()).stream().map(Instance::ec2InstanceId)
        .filter(Objects::nonNull).collect(Collectors.toSet());
    removing.entrySet().removeIf(e -> !listed.contains(e.getKey())
        || !now.isBefore(e.getValue().plus(config.decommissionTimeout()).plus(REMOVAL_GRACE)));
    List<EmrNode> eligible = snap.nodes().stream().filter(v -> v.ec2InstanceId() == null
        || (listed.contains(v.ec2InstanceId()) && !removing.containsKey(v.ec2InstanceId()))).toList();
    // The preferred groups first; only if they cannot supply the nodes, the other groups of their role, and from
    // those only what this executor added as a fallback while the preferred group was quarantined.
    List<EmrGroup> others = MarketPreference.downscaleFallback(scalable, groups).stream()
        .filter(g -> fallbackUnits.getOrDefault(g.key(), 0) > 0).toList();
    int fromOthers = others.stream().mapToInt(g -> fallbackUnits.get(g.key())).sum();
    for (int p = 0; p < 2; p++) {
      List<EmrGroup> phase = p == 0 ? groups : others;
      int limit = p == 0 ? n : Math.min(n, removed + fromOthers);
      // Fleets: EMR chooses the instances; reduce targets in preference order.
      for (EmrGroup g : phase) {
        if (g.fleet() && removed < limit) {
          int take = Math.min(limit - removed, base(snap, g));
          if (take > 0) {
            counts.put(g, base(snap, g) - take);
            removed += take;
            actions.add("shrink " + g.key() + " " + g.requested() + "->" + (base(snap, g) - take));
          }
        }
      }
      if (removed < limit) {
        List<EmrNode> victims = MarketPreference.victims(phase, eligible, limit - removed);
        for (EmrNode v : victims) {
          victimsByGroup.computeIfAbsent(v.groupId(), k -> new ArrayList<>()).add(v);
        }
        for (EmrGroup g : phase) {
          List<EmrNode> vs = victimsByGroup.get(g.id());
          if (!g.fleet() && vs != null && !counts.containsKey(g)) {
            counts.put(g, base(snap, g) - vs.size());
            removed += vs.size();
            actions.add("shrink " + g.id() + " " + g.requested() + "->" + (base(snap, g) - vs.size()) + " removing "
                + vs.stream().map(v -> v.ec2InstanceId() + (v.load().idle() ? " (idle)" : "")).toList());
          }
        }
      }
    }
    if (removed == 0) {
      return ScalingOutcome.declined(current, "no node can be removed from the groups " + groups.stream()
          .map(EmrGroup::key).toList() + " (group_or_preferred_market " + prefs + ")");
    }
    if (removed < n) {
      actions.add("only " + removed + " of " + n + " nodes could be chosen");
    }
    unknown(send(snap, counts, victimsByGroup), actions);
    victimsByGroup.values().forEach(vs -> vs.forEach(v -> removing.put(v.ec2InstanceId(), now)));
    counts.forEach((g, count) -> fallbackUnits.computeIfPresent(g.key(), (k, units) -> {
      int left = units - (base(snap, g) - count);
      return left > 0 ? left : null;
    }));
    return ScalingOutcome.started(current, current - removed, actions);
  }

  @Override
  public Map<String, String> snapshot() {
    Map<String, String> m = new HashMap<>();
    quarantine.snapshot(m);
    fallbackUnits.forEach((g, units) -> m.put(FALLBACK + g, Integer.toString(units)));
    removing.forEach((i, at) -> m.put(REMOVING + i, at.toString()));
    return m;
  }

  @Override
  public void restore(Map<String, String> snapshot, Optional<ResourceMemory.Action> unresolved) {
    quarantine.restore(snapshot);
    fallbackUnits.clear();
    removing.clear();
    snapshot.forEach((k, v) -> {
      if (k.startsWith(FALLBACK)) {
        fallbackUnits.put(k.substring(FALLBACK.length()), Integer.parseInt(v));
      } else if (k.startsWith(REMOVING)) {
        removing.put(k.substring(REMOVING.length()), Instant.parse(v));
      }
    });
  }

  private static final String FALLBACK = "fallback.";
  private static final String REMOVING = "removing.";

  /** The count a group is resized from: what runs, for a request EMR cannot fulfil; else what is requested. */
  private static int base(EmrClusterSnapshot snap, EmrGroup g) {
    return MarketPreference.stuck(g) ? MarketPreference.obtained(g, snap.nodes()) : g.requested();
  }

  private static void unknown(String note, List<String> actions) {
    if (note != null) {
      actions.add(note);
    }
  }

  /**
   * Non-null if a modify call failed in a way that leaves its result unknown (the client gave up, the connection
   * broke, or EMR answered 5xx after the SDK's retries): EMR may have applied it, so the executor reports the change
   * started (the cooldown starts and the next observation shows what EMR did). Null if EMR refused the call.
   */
  static String unknownResult(SdkException e) {
    if (e instanceof SdkClientException) {
      String why = e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException ? "timeout"
          : e.getClass().getSimpleName();
      return "result unknown (" + why + "): counted as applied";
    }
    if (e instanceof AwsServiceException a && a.statusCode() >= 500) {
      return "result unknown (HTTP " + a.statusCode() + "): counted as applied";
    }
    return null;
  }

  /** Sends the modify calls; returns a note if one's result is unknown (later calls are then not made). */
  private String send(EmrClusterSnapshot snap, Map<EmrGroup, Integer> counts, Map<String, List<EmrNode>> victims) {
    List<InstanceGroupModifyConfig> groups = new ArrayList<>();
    Map<String, InstanceFleetModifyConfig.Builder> fleets = new LinkedHashMap<>();
    int timeout = (int) Math.min(Integer.MAX_VALUE, config.decommissionTimeout().getSeconds());
    for (Map.Entry<EmrGroup, Integer> e : counts.entrySet()) {
      EmrGroup g = e.getKey();
      int count = Math.max(0, e.getValue());
      if (g.fleet()) {
        InstanceFleetModifyConfig.Builder b = fleets.computeIfAbsent(g.id(),
            id -> InstanceFleetModifyConfig.builder().instanceFleetId(id));
        if ("SPOT".equals(g.market())) {
          b.targetSpotCapacity(count);
        } else {
          b.targetOnDemandCapacity(count);
        }
        continue;
      }
      InstanceGroupModifyConfig.Builder b = InstanceGroupModifyConfig.builder().instanceGroupId(g.id())
          .instanceCount(count);
      List<EmrNode> vs = victims.getOrDefault(g.id(), List.of());
      if (!vs.isEmpty()) {
        List<String> terminate = vs.stream().map(EmrNode::ec2InstanceId).toList();
        if (config.hardTerminate()) {
          b.ec2InstanceIdsToTerminate(terminate);
        } else {
          List<String> protect = snap.nodes().stream()
              .filter(n -> n.groupId().equals(g.id()) && n.running() && n.load().applicationMasters() > 0
                  && !terminate.contains(n.ec2InstanceId()) && n.ec2InstanceId() != null)
              .map(EmrNode::ec2InstanceId).toList();
          InstanceResizePolicy.Builder resize = InstanceResizePolicy.builder().instancesToTerminate(terminate)
              .instanceTerminationTimeout(timeout);
          if (!protect.isEmpty()) {
            resize.instancesToProtect(protect);
          }
          b.shrinkPolicy(ShrinkPolicy.builder().decommissionTimeout(timeout).instanceResizePolicy(resize.build())
              .build());
        }
      }
      groups.add(b.build());
    }
    boolean sent = false;
    try {
      if (!groups.isEmpty()) {
        api.modifyInstanceGroups(snap.clusterId(), groups);
        sent = true;
      }
      for (InstanceFleetModifyConfig.Builder f : fleets.values()) {
        api.modifyInstanceFleet(snap.clusterId(), f.build());
        sent = true;
      }
    } catch (SdkException e) {
      String note = unknownResult(e);
      if (note == null && !sent) {
        throw e;
      }
      // Refused after an earlier call went through: that one is applied, so the change is started all the same.
      return (groups.isEmpty() ? "ModifyInstanceFleet" : sent ? "ModifyInstanceFleet" : "ModifyInstanceGroups") + " "
          + (note != null ? note : "refused after an earlier call was applied: " + e.getMessage());
    }
    return null;
  }
}
