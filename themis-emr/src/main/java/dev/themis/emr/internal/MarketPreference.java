package dev.themis.emr.internal;

import dev.themis.emr.EmrClusterSnapshot.EmrGroup;
import dev.themis.emr.EmrClusterSnapshot.EmrNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The original's group and market selection (reference §4.3, §4.4), with its defects fixed: quarantined groups
 * are skipped with a fallback to the remaining groups (ON_DEMAND last), and nodes without load data are chosen last,
 * not first.
 */
final class MarketPreference {
  static final List<String> DEFAULT = List.of("SPOT", "ON_DEMAND");

  private MarketPreference() {}

  /** An empty list means SPOT, ON_DEMAND (the original's rule). */
  static List<String> normalise(List<String> preferences) {
    List<String> p = preferences.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    return p.isEmpty() ? DEFAULT : p;
  }

  static boolean matches(EmrGroup g, String entry) {
    return entry.equals(g.market()) || entry.equals(g.id()) || entry.equals(g.key());
  }

  /**
   * Groups to grow, best first: a single scalable group regardless of preference; otherwise the groups matching the
   * preference entries in order (EMR's listing order within an entry), skipping quarantined ones. When a preferred
   * group is quarantined (it could not get capacity), the remaining groups follow as a fallback rather than holding
   * below demand: the other scalable groups of the quarantined group's role (TASK or CORE) in listing order, those of
   * another market first and ON_DEMAND ones last, then any other ON_DEMAND group. Quarantined groups never appear.
   */
  static List<EmrGroup> upscaleCandidates(List<EmrGroup> scalable, List<String> preferences) {
    if (scalable.size() == 1) {
      return scalable.get(0).quarantined() ? List.of() : scalable;
    }
    Set<EmrGroup> out = new LinkedHashSet<>();
    Set<String> skippedRoles = new LinkedHashSet<>();
    for (String entry : normalise(preferences)) {
      for (EmrGroup g : scalable) {
        if (matches(g, entry)) {
          if (g.quarantined()) {
            skippedRoles.add(g.role());
          } else {
            out.add(g);
          }
        }
      }
    }
    if (!skippedRoles.isEmpty()) {
      List<EmrGroup> available = scalable.stream().filter(g -> !g.quarantined()).toList();
      available.stream().filter(g -> skippedRoles.contains(g.role()) && !"ON_DEMAND".equals(g.market()))
          .forEach(out::add);
      available.stream().filter(g -> skippedRoles.contains(g.role()) && "ON_DEMAND".equals(g.market()))
          .forEach(out::add);
      available.stream().filter(g -> "ON_DEMAND".equals(g.market())).forEach(out::add);
    }
    return new ArrayList<>(out);
  }

  /**
   * Groups nodes may be removed from, in preference order: a single scalable group regardless of preference,
   * otherwise only the groups some entry matches (the original never removed other nodes); see
   * {@code downscaleFallback} for nodes added to other groups as a fallback.
   */
  static List<EmrGroup> downscaleGroups(List<EmrGroup> scalable, List<String> preferences) {
    if (scalable.size() == 1) {
      return scalable;
    }
    Set<EmrGroup> out = new LinkedHashSet<>();
    for (String entry : normalise(preferences)) {
      scalable.stream().filter(g -> matches(g, entry)).forEach(out::add);
    }
    return new ArrayList<>(out);
  }

  /**
   * Groups nodes may be removed from when the preferred ones ({@code downscaleGroups}) cannot supply enough: the other
   * scalable groups of the same roles, in listing order. The executor takes from them only the units it added there
   * as an up-scale fallback (while the preferred group was quarantined), which could otherwise never be removed.
   */
  static List<EmrGroup> downscaleFallback(List<EmrGroup> scalable, List<EmrGroup> preferred) {
    Set<String> roles = preferred.stream().map(EmrGroup::role).collect(Collectors.toSet());
    return scalable.stream().filter(g -> !preferred.contains(g) && roles.contains(g.role())).toList();
  }

  /**
   * Whether EMR cannot fulfil the group's request: quarantined after a capacity error and short of what it asked for.
   * Such a group counts for what it {@link #obtained obtained}, not for what it requested, and is not "in flight".
   */
  static boolean stuck(EmrGroup g) {
    return g.quarantined() && g.capacityError() && g.requested() > g.running();
  }

  /**
   * The instances a group actually obtained: for an instance group its instances that are booting
   * ({@code PROVISIONING}, {@code BOOTSTRAPPING}) or {@code RUNNING} and not leaving, at least its running count and
   * at most its requested count; for a fleet market, its provisioned capacity. Releasing a stuck group to this count
   * gives up only the request EMR cannot fulfil, never an instance that is still booting.
   */
  static int obtained(EmrGroup g, List<EmrNode> nodes) {
    if (g.fleet()) {
      return g.running();
    }
    long live = nodes.stream().filter(n -> n.groupId().equals(g.id()) && !n.leaving()
        && Set.of("PROVISIONING", "BOOTSTRAPPING", "RUNNING").contains(n.state())).count();
    return (int) Math.min(g.requested(), Math.max(g.running(), live));
  }

  /**
   * Up to {@code count} running nodes of the given groups to remove: idle nodes (no containers, no application
   * master) first, then the least loaded by the original's score {@code mem + 2 cpu}, nodes without load data last;
   * ties keep the preference order. A node YARN reports leaving (e.g. {@code DECOMMISSIONING} after an earlier
   * shrink) is never chosen: it has already left its group's requested count, so removing it again would remove a
   * serving node too.
   */
  static List<EmrNode> victims(List<EmrGroup> groups, List<EmrNode> nodes, int count) {
    Map<String, Integer> rank = new java.util.HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      rank.putIfAbsent(groups.get(i).id(), i);
    }
    Function<EmrNode, Integer> groupRank = n -> rank.getOrDefault(n.groupId(), Integer.MAX_VALUE);
    List<EmrNode> candidates = nodes.stream()
        .filter(n -> n.running() && !n.leaving() && rank.containsKey(n.groupId()) && n.ec2InstanceId() != null)
        .filter(n -> groups.stream().anyMatch(g -> !g.fleet() && g.id().equals(n.groupId())))
        .sorted(Comparator.comparing(groupRank))
        .collect(Collectors.toList());
    candidates.sort(Comparator.<EmrNode>comparingInt(n -> n.load().idle() ? 0 : 1)
        .thenComparingInt(n -> n.load().reported() && !Double.isNaN(n.load().score()) ? 0 : 1)
        .thenComparingDouble(n -> Double.isNaN(n.load().score()) ? Double.MAX_VALUE : n.load().score()));
    return candidates.subList(0, Math.min(count, candidates.size()));
  }
}
