package dev.themis;

import java.time.Instant;
import java.util.List;

/**
 * The guards the core applies to every decision, in this order: in flight; scale-down stabilisation; bounds;
 * missing metrics (never scale down, optional fallback floor); tolerance; maximum step; pause; cooldown. Every
 * change and every hold adds a reason.
 */
final class Guards {
  private Guards() {}

  /** The guarded decision, or null when the guards hold; reasons are appended to {@code reasons}. */
  static ScalingDecision apply(
      ResourceRuntime r, ResourceState state, ScalingDecision raw, Instant now, List<String> reasons) {
    ScalingSettings s = r.settings;
    int current = state.capacity();
    int target = raw.targetCapacity();
    int highestRecent = r.recommend(target, now);

    if (state.inFlight()) {
      reasons.add("in flight: the resource is changing; no new action until it settles");
      return null;
    }
    dev.themis.history.ResourceMemory.Action last = r.lastAction();
    if (last != null && last.inFlight()) {
      reasons.add("in flight: the scale-" + last.direction().name().toLowerCase(java.util.Locale.ROOT)
          + (last.confirmed() ? " applied at " + last.appliedAt() + " has not completed"
              : " intended at " + last.appliedAt() + " has an unknown result; waiting for the cloud to show it"));
      return null;
    }

    if (target < current && !s.scaleDownStabilization().isZero() && highestRecent > target) {
      int stabilised = Math.min(current, highestRecent);
      reasons.add("scale-down stabilised to " + stabilised + ": highest recommendation within "
          + s.scaleDownStabilization() + " was " + highestRecent + " (policy wanted " + target + ")");
      target = stabilised;
    }

    int clamped = s.clamp(target);
    if (clamped != target) {
      reasons.add("clamped to " + (clamped == s.minCapacity() && target < clamped ? "min_capacity " : "max_capacity ")
          + clamped + " (wanted " + target + ")");
      target = clamped;
    }

    if (!state.complete()) {
      String missing = String.join(", ", state.missingMetrics());
      if (target < current) {
        reasons.add("metrics missing (" + missing + "): never scale down on missing data");
        target = current;
      }
      if (s.missingMetricsFallback().isPresent()) {
        int floor = s.clamp(s.missingMetricsFallback().getAsInt());
        if (target < floor) {
          reasons.add("metrics missing (" + missing + "): fallback to at least " + floor);
          target = floor;
        }
      }
    }

    boolean inBounds = current >= s.minCapacity() && current <= s.maxCapacity();
    if (target != current && inBounds && Math.abs(target - current) <= s.tolerance() * current) {
      reasons.add("change " + current + " -> " + target + " within tolerance " + s.tolerance());
      target = current;
    }

    int limit = stepLimit(s, current);
    if (Math.abs(target - current) > limit) {
      int stepped = target > current ? current + limit : current - limit;
      int bounded = s.clamp(stepped);
      reasons.add("step limited to " + Math.abs(bounded - current) + " (wanted " + current + " -> " + target + ")");
      target = bounded;
    }

    ScalingDirection direction = ScalingDirection.of(current, target);
    if (direction == ScalingDirection.NONE) {
      reasons.add("no change: " + raw.reason());
      return null;
    }
    if (direction == ScalingDirection.UP && s.pauseScaleUp()) {
      reasons.add("scale-up paused (wanted " + current + " -> " + target + ")");
      return null;
    }
    if (direction == ScalingDirection.DOWN && s.pauseScaleDown()) {
      reasons.add("scale-down paused (wanted " + current + " -> " + target + ")");
      return null;
    }
    if (last != null) {
      Instant readyAt = last.completedAt().plus(s.cooldown(direction));
      if (now.isBefore(readyAt)) {
        reasons.add((direction == ScalingDirection.UP ? "scale-up" : "scale-down") + " cooldown until " + readyAt
            + " (wanted " + current + " -> " + target + ")");
        return null;
      }
    }
    return target == raw.targetCapacity() ? raw : new ScalingDecision(target, raw.reason(), raw.policy());
  }

  private static int stepLimit(ScalingSettings s, int current) {
    int limit = Integer.MAX_VALUE;
    if (s.maxStep() > 0) {
      limit = s.maxStep();
    }
    if (s.maxStepPercent() > 0) {
      limit = Math.min(limit, Math.max(1, (int) Math.floor(current * s.maxStepPercent() / 100.0)));
    }
    return limit;
  }
}
