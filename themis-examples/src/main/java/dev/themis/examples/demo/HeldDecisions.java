package dev.themis.examples.demo;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.TickReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a replayed resource was left alone: its {@link ResourceOutcome.Held} outcomes counted by what held them (the
 * policy wanted no change, or the guard that stopped the change it wanted), each kind with its first example as
 * the outcome tells it.
 *
 * <p>The kind is read from the outcome: a policy that asked for the capacity it had wanted no change; otherwise the
 * guard is the last reason the tick recorded (the guards stop at the first that holds), leaving out the closing
 * "no change" reason a guard's adjustment ends with, and named by the guard it mentions. Reason texts are shown as
 * they are, whatever their wording.
 *
 * @param ticks outcomes of the resource
 * @param applied applied outcomes (resizes)
 * @param held held outcomes; the sum of the kinds' counts
 * @param dryRun dry-run outcomes
 * @param failed failed outcomes
 * @param kinds held outcomes by kind, most frequent first
 */
record HeldDecisions(int ticks, int applied, int held, int dryRun, int failed, List<Kind> kinds) {
  /** The kind of the decisions a policy made to keep the capacity it had. */
  static final String NO_CHANGE = "policy wanted no change";

  /** Guards as the reasons name them, in the order the core applies them, and the kind each one is counted as. */
  private static final List<Map.Entry<String, String>> GUARDS = List.of(
      Map.entry("in flight", "in flight (previous action not settled)"),
      Map.entry("stabilis", "scale-down stabilisation"),
      Map.entry("stabiliz", "scale-down stabilisation"),
      Map.entry("bounds:", "bounds (min/max capacity)"),
      Map.entry("missing", "missing metrics"),
      Map.entry("tolerance", "tolerance band"),
      Map.entry("max step:", "max step"),
      Map.entry("pause:", "paused"),
      Map.entry("cooldown", "cooldown"),
      Map.entry("lease", "lease"),
      Map.entry("another tick", "another tick acting"));

  /**
   * One kind of hold.
   *
   * @param name what held the decisions
   * @param count how many outcomes it held
   * @param exampleAt the first such outcome's tick
   * @param example that outcome's explanation
   */
  record Kind(String name, int count, Instant exampleAt, String example) {}

  HeldDecisions {
    kinds = List.copyOf(kinds);
  }

  /** The outcomes of {@code id} in {@code reports}. */
  static HeldDecisions of(ResourceId id, List<TickReport> reports) {
    int ticks = 0;
    int applied = 0;
    int held = 0;
    int dryRun = 0;
    int failed = 0;
    Map<String, List<ResourceOutcome.Held>> byKind = new LinkedHashMap<>();
    for (TickReport report : reports) {
      for (ResourceOutcome o : report.outcomes()) {
        if (!o.resource().equals(id)) {
          continue;
        }
        ticks++;
        if (o instanceof ResourceOutcome.Held h) {
          held++;
          byKind.computeIfAbsent(kind(h), k -> new ArrayList<>()).add(h);
        } else if (o instanceof ResourceOutcome.Applied) {
          applied++;
        } else if (o instanceof ResourceOutcome.DryRun) {
          dryRun++;
        } else {
          failed++;
        }
      }
    }
    List<Kind> kinds = new ArrayList<>();
    byKind.forEach((name, list) -> kinds.add(new Kind(name, list.size(), list.get(0).at(),
        list.get(0).explanation())));
    kinds.sort(Comparator.comparingInt(Kind::count).reversed());
    return new HeldDecisions(ticks, applied, held, dryRun, failed, kinds);
  }

  /** What held {@code h}. */
  static String kind(ResourceOutcome.Held h) {
    if (h.decision() != null && h.state() != null && h.decision().targetCapacity() == h.state().capacity()) {
      return NO_CHANGE;
    }
    List<String> reasons = h.reasons();
    if (reasons.isEmpty()) {
      return "no reason given";
    }
    int last = reasons.size() - 1;
    if (last > 0 && reasons.get(last).equals(ResourceOutcome.NO_CHANGE)) {
      last--; // a guard moved the target back to the capacity: the closing "no change" is not what held it
    }
    String reason = reasons.get(last);
    String lower = reason.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> guard : GUARDS) {
      if (lower.contains(guard.getKey())) {
        return guard.getValue();
      }
    }
    int end = reason.length();
    for (char c : new char[] {':', '(', ';'}) {
      int i = reason.indexOf(c);
      if (i > 0) {
        end = Math.min(end, i);
      }
    }
    return reason.substring(0, Math.min(end, 60)).strip();
  }
}
