package dev.themis.spi;

import dev.themis.ResourceState;
import java.time.Duration;
import java.time.Instant;

/**
 * Observes one resource. Does I/O; may be slow; may fail. A failure (any exception) becomes a
 * {@link dev.themis.ResourceOutcome.Failed} outcome for this resource only.
 *
 * <p>Implementations need not be thread-safe: the autoscaler never calls one monitor from two threads at once.
 */
@FunctionalInterface
public interface ResourceMonitor {
  /**
   * Observes the resource now.
   *
   * @param now the autoscaler's clock at the start of the tick
   * @param window how far back metrics should be aggregated (the monitoring window)
   * @return the observed state; metrics that could not be read go into {@link ResourceState#missingMetrics()}
   */
  ResourceState observe(Instant now, Duration window);
}
