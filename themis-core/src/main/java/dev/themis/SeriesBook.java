package dev.themis;

import dev.themis.history.HistoryStore;
import dev.themis.series.LoadSeries;
import dev.themis.series.SeriesSpec;
import dev.themis.series.SeriesView;
import dev.themis.spi.ScalingPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link LoadSeries} of every resource whose policy asks for one. A series is built lazily on the resource's
 * first tick (or when its policy's spec changes) by replaying the outcomes the history store still holds over the
 * spec's retention, so a restarted autoscaler with a durable store forecasts from the same history it had.
 * Each series is only touched under its resource's lock.
 */
final class SeriesBook {
  private final HistoryStore history;
  private final Map<ResourceId, LoadSeries> series = new ConcurrentHashMap<>();

  SeriesBook(HistoryStore history) {
    this.history = history;
  }

  /** Records {@code state} in the resource's series and returns it as the policy's view. */
  SeriesView observe(ResourceId id, ScalingPolicy policy, ResourceState state, Instant now) {
    Optional<SeriesSpec> wanted = policy.series();
    if (wanted.isEmpty()) {
      return SeriesView.empty();
    }
    SeriesSpec spec = wanted.get();
    LoadSeries s = series.get(id);
    if (s == null || !s.spec().equals(spec)) {
      s = LoadSeries.seed(spec, history.query(id, now.minus(spec.retention()), now));
      series.put(id, s);
    }
    s.observe(now, state.capacity(), state.metrics());
    return s;
  }
}
