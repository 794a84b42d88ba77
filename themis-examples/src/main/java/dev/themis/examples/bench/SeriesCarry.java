package dev.themis.examples.bench;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.history.HistoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cloud path's history store for a policy that keeps a series ({@link dev.themis.spi.ScalingPolicy#series()}):
 * it keeps the outcomes (compacted, as every store does) of the last {@code retention}, across the segments the
 * cloud path restarts the autoscaler at, so that each segment's autoscaler rebuilds the policy's series from the
 * days before it, as a restarted host with a durable store does. It keeps no resource memory (cooldowns and
 * stabilisation start afresh each segment, as with {@link NoHistory}).
 *
 * <p>One replay, one resource: {@link #query} answers for whatever resource id it is asked about (each segment's
 * simulated cloud names its cluster afresh). Not shared between replays; thread-safe as the contract requires.
 */
final class SeriesCarry implements HistoryStore {
  private final Duration retention;
  private final ArrayDeque<ResourceOutcome> outcomes = new ArrayDeque<>();

  SeriesCarry(Duration retention) {
    this.retention = retention;
  }

  @Override
  public synchronized void record(ResourceOutcome outcome) {
    outcomes.addLast(HistoryStore.compact(outcome));
    Instant oldest = outcome.at().minus(retention);
    while (!outcomes.isEmpty() && outcomes.peekFirst().at().isBefore(oldest)) {
      outcomes.removeFirst();
    }
  }

  @Override
  public synchronized List<ResourceOutcome> query(ResourceId id, Instant from, Instant to) {
    List<ResourceOutcome> out = new ArrayList<>();
    for (ResourceOutcome o : outcomes) {
      if (!o.at().isBefore(from) && !o.at().isAfter(to)) {
        out.add(o);
      }
    }
    return out;
  }

  @Override
  public synchronized List<ResourceOutcome> latest(ResourceId id, int limit) {
    List<ResourceOutcome> all = new ArrayList<>(outcomes);
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  @Override
  public synchronized Set<ResourceId> resources() {
    return outcomes.isEmpty() ? Set.of() : Set.of(outcomes.peekLast().resource());
  }
}
