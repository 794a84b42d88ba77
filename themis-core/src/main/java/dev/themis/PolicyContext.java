package dev.themis;

import dev.themis.series.SeriesView;
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
 * @param series the resource's long history as the policy asked the core to keep it
 *     ({@link dev.themis.spi.ScalingPolicy#series()}), the current observation included; empty for policies that
 *     ask for none. Read-only, valid during {@code decide} only.
 */
public record PolicyContext(
    ResourceState state, List<ResourceState> window, ScalingSettings settings, Instant now, ZoneId zone,
    SeriesView series) {
  public PolicyContext {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(series, "series");
    window = window instanceof ResourceRuntime.Window ? window : List.copyOf(window); // the core's is immutable
  }

  /** A context with no long history ({@link SeriesView#empty()}). */
  public PolicyContext(
      ResourceState state, List<ResourceState> window, ScalingSettings settings, Instant now, ZoneId zone) {
    this(state, window, settings, now, zone, SeriesView.empty());
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
