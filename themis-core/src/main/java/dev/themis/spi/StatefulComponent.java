package dev.themis.spi;

import dev.themis.history.ResourceMemory;
import java.util.Map;
import java.util.Optional;

/**
 * A monitor or executor that remembers something between ticks which guards or AWS limits rely on (an
 * operations-per-day log, a back-off, capacity-error quarantines, units added as a fallback). The autoscaler asks
 * it for a {@link #snapshot()} after every tick of its resource and saves it with the resource's
 * {@link ResourceMemory} whenever it changed; a new autoscaler built on the same store hands it back through
 * {@link #restore} before the component's first call. Called only by the tick that holds the resource.
 */
public interface StatefulComponent {
  /**
   * What to keep, as plain strings (the store writes them as they are). Cheap: called once per tick; return an
   * equal map when nothing changed, so the store is not written.
   */
  Map<String, String> snapshot();

  /**
   * Restores what an earlier instance kept.
   *
   * @param snapshot the last saved {@link #snapshot()}; empty if none was saved
   * @param unresolved an action recorded as intended whose result was never recorded (the process stopped or the
   *     call failed between the two): it may have reached the cloud, so limits it may have used count as used
   * @throws IllegalArgumentException if the snapshot cannot be read; the resource then acts on nothing until it can
   */
  void restore(Map<String, String> snapshot, Optional<ResourceMemory.Action> unresolved);
}
