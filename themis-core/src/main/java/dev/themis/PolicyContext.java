package dev.themis;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link dev.themis.spi.ScalingPolicy} may look at. Policies are pure functions of this context.
 *
 * @param state the current observation
 * @param window earlier observations of the same resource within the monitoring window, oldest first (the
 *     current one not included)
 * @param settings the resource's guard settings (bounds, cooldowns...), for policies that want to know them
 * @param now the autoscaler's clock at the start of the tick
 * @param zone the time zone in which schedules and {@code now} are interpreted
 */
public record PolicyContext(
    ResourceState state, List<ResourceState> window, ScalingSettings settings, Instant now, ZoneId zone) {
  public PolicyContext {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    window = List.copyOf(window);
  }

  public static PolicyContext of(ResourceState state, Instant now) {
    return new PolicyContext(state, List.of(), ScalingSettings.defaults(), now, ZoneId.of("UTC"));
  }

  public ZonedDateTime zonedNow() {
    return now.atZone(zone);
  }

  public int capacity() {
    return state.capacity();
  }
}
