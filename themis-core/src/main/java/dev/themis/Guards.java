package dev.themis;

import dev.themis.config.ConfigKey;
import dev.themis.expr.Explainer;
import dev.themis.history.ResourceMemory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The guards the core applies to every decision, in this order: in flight; scale-down stabilisation; bounds;
 * missing metrics (never scale down, optional fallback floor); tolerance; maximum step; pause; cooldown. Every
 * change and every hold adds a reason that names the guard and its numbers, e.g. {@code bounds: target 40 capped at
 * max 25} or {@code cooldown: scale-up completed 12:03, scale-up cooldown 30m, 18m left (until 12:33; wanted 10 ->
 * 13)}.
 */
final class Guards {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private Guards() {}

  /**
   * The guarded decision, or null when the guards hold; reasons are appended to {@code reasons}, each starting with
   * the guard's name and giving its numbers (times in {@code zone}).
   */
  static ScalingDecision apply(
      ResourceRuntime r, ResourceState state, ScalingDecision raw, Instant now, ZoneId zone, List<String> reasons) {
    ScalingSettings s = r.settings;
    int current = state.capacity();
    int target = raw.targetCapacity();
    int highestRecent = r.recommend(target, now);

    if (state.inFlight()) {
      reasons.add("in flight: the resource is changing; no new action until it settles");
      return null;
    }
    ResourceMemory.Action last = r.lastAction();
    if (last != null && last.inFlight()) {
      reasons.add("in flight: the " + name(last.direction()) + " " + last.fromCapacity() + " -> "
          + last.toCapacity() + (last.confirmed() ? " applied " + time(last.appliedAt(), now, zone)
              + " has not completed"
              : " intended " + time(last.appliedAt(), now, zone)
                  + " has an unknown result; waiting for the cloud to show it"));
      return null;
    }

    if (target < current && !s.scaleDownStabilization().isZero() && highestRecent > target) {
      int stabilised = Math.min(current, highestRecent);
      reasons.add("scale-down stabilisation: highest recommendation in the last "
          + ConfigKey.formatDuration(s.scaleDownStabilization()) + " is " + highestRecent + " (at "
          + time(r.highestRecommendationAt(), now, zone) + "); target " + target + " raised to " + stabilised);
      target = stabilised;
    }

    int clamped = s.clamp(target);
    if (clamped != target) {
      reasons.add(target < clamped ? "bounds: target " + target + " raised to min " + clamped
          : "bounds: target " + target + " capped at max " + clamped);
      target = clamped;
    }

    if (!state.complete()) {
      String missing = String.join(", ", state.missingMetrics());
      if (target < current) {
        reasons.add("missing metrics: " + missing + "; never scales down (wanted " + current + " -> " + target
            + ")");
        target = current;
      }
      if (s.missingMetricsFallback().isPresent()) {
        int floor = s.clamp(s.missingMetricsFallback().getAsInt());
        if (target < floor) {
          reasons.add("missing metrics: " + missing + "; fallback to at least " + floor);
          target = floor;
        }
      }
    }

    boolean inBounds = current >= s.minCapacity() && current <= s.maxCapacity();
    if (target != current && inBounds && Math.abs(target - current) <= s.tolerance() * current) {
      reasons.add("tolerance: " + current + " -> " + target + " is within " + Explainer.number(s.tolerance())
          + " x " + current + " = " + Explainer.number(s.tolerance() * current));
      target = current;
    }

    int limit = stepLimit(s, current);
    if (Math.abs(target - current) > limit) {
      int stepped = target > current ? current + limit : current - limit;
      int bounded = s.clamp(stepped);
      reasons.add("max step: " + signed(target - current) + " limited to " + signed(bounded - current) + " ("
          + current + " -> " + bounded + ")");
      target = bounded;
    }

    ScalingDirection direction = ScalingDirection.of(current, target);
    if (direction == ScalingDirection.NONE) {
      reasons.add(ResourceOutcome.NO_CHANGE); // the decision says why: explanation() joins the two
      return null;
    }
    if (direction == ScalingDirection.UP && s.pauseScaleUp()) {
      reasons.add("pause: scale-up paused (wanted " + current + " -> " + target + ")");
      return null;
    }
    if (direction == ScalingDirection.DOWN && s.pauseScaleDown()) {
      reasons.add("pause: scale-down paused (wanted " + current + " -> " + target + ")");
      return null;
    }
    if (last != null) {
      Instant readyAt = last.completedAt().plus(s.cooldown(direction));
      if (now.isBefore(readyAt)) {
        reasons.add("cooldown: " + name(last.direction()) + " completed " + time(last.completedAt(), now, zone)
            + ", " + name(direction) + " cooldown " + ConfigKey.formatDuration(s.cooldown(direction)) + ", "
            + left(Duration.between(now, readyAt)) + " left (until " + time(readyAt, now, zone) + "; wanted "
            + current + " -> " + target + ")");
        return null;
      }
    }
    return target == raw.targetCapacity() ? raw : new ScalingDecision(target, raw.reason(), raw.policy());
  }

  private static String name(ScalingDirection d) {
    return d == ScalingDirection.UP ? "scale-up" : d == ScalingDirection.DOWN ? "scale-down" : "change";
  }

  private static String signed(int n) {
    return n > 0 ? "+" + n : Integer.toString(n);
  }

  /** {@code HH:mm} on the day of {@code now}, with the date on any other day. */
  static String time(Instant t, Instant now, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return z.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? TIME.format(z) : DATE_TIME.format(z);
  }

  /** A wait, rounded up: to the second under a minute, else to the minute. */
  private static String left(Duration d) {
    long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return ConfigKey.formatDuration(Duration.ofSeconds(seconds < 60 ? seconds : (seconds + 59) / 60 * 60));
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
