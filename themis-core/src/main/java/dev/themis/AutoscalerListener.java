package dev.themis;

/**
 * Observes what the autoscaler does. Called on the thread that runs the tick (or the host's executor, if one was
 * given), after each resource's outcome is known and after each tick. A listener that throws is logged and
 * otherwise ignored: it never changes an outcome.
 */
public interface AutoscalerListener {
  /** Every outcome, of every kind. */
  default void onOutcome(ResourceOutcome outcome) {}

  /** An action was applied. */
  default void onApplied(ResourceOutcome.Applied applied) {}

  /** A plugin or the cloud failed for one resource. */
  default void onFailure(ResourceOutcome.Failed failed) {}

  /** A tick finished. */
  default void onTick(TickReport report) {}

  /**
   * One stage of one resource's step took {@code elapsed}, by the JVM's monotonic clock (a measurement, not the
   * autoscaler's clock, which tests hold still): {@code OBSERVE} the monitor, {@code DECIDE} the policy and the
   * guards, {@code APPLY} recording the intent and the executor. Called only for stages that ran.
   */
  default void onStage(ResourceId resource, ResourceOutcome.Stage stage, java.time.Duration elapsed) {}
}
