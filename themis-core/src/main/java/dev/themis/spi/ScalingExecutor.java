package dev.themis.spi;

import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;

/**
 * Changes a resource's capacity. Does I/O; may fail. A failure (any exception) becomes a
 * {@link dev.themis.ResourceOutcome.Failed} outcome for this resource only. An executor that cannot act for a
 * foreseeable reason (e.g. no instance group can take the change) returns {@link ScalingOutcome#declined}.
 *
 * <p>Implementations need not be thread-safe: the autoscaler never calls one executor from two threads at once.
 */
@FunctionalInterface
public interface ScalingExecutor {
  /**
   * Moves the resource towards {@code decision.targetCapacity()}.
   *
   * @param state the state the decision was made on
   * @param decision the guarded decision; its target differs from {@code state.capacity()}
   */
  ScalingOutcome apply(ResourceState state, ScalingDecision decision);
}
