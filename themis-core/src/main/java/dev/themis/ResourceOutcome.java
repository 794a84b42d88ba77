package dev.themis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one tick did for one resource. A closed set: {@link Applied}, {@link Held}, {@link DryRun},
 * {@link Failed}. Every outcome carries the reasons the guards recorded (each clamp, hold or fallback).
 */
public sealed interface ResourceOutcome
    permits ResourceOutcome.Applied, ResourceOutcome.Held, ResourceOutcome.DryRun, ResourceOutcome.Failed {

  ResourceId resource();

  /** When the tick that produced this outcome started. */
  Instant at();

  /** The observed state, or null if observation failed. */
  ResourceState state();

  /** The guarded decision, or null if no decision was reached. */
  ScalingDecision decision();

  /**
   * The reason the guards give when the capacity stays as it is: the decision's own reason says why, and
   * {@link #explanation()} says them together ({@code no change: <the decision's reason>}); the reason is not
   * repeated in {@link #reasons()} (nor in the history) on every steady tick.
   */
  String NO_CHANGE = "no change";

  /** A steady hold's reasons, {@link #NO_CHANGE} alone: one immutable list that every steady outcome can share. */
  List<String> NO_CHANGE_REASONS = List.of(NO_CHANGE);

  /** Why the outcome is what it is, in the order the reasons arose. */
  List<String> reasons();

  /**
   * Why, in one line: the decision's reason (what the policy read that decided it), then each reason the guards or
   * the executor added (the guard and its numbers), joined with {@code "; "}; {@link #NO_CHANGE} is said with the
   * decision's reason ({@code no change: downscale_expr = 0, upscale_expr = 0}), and a decision's reason is said once.
   * The text the autoscaler logs and the demo report shows, e.g. {@code upscale_expr = 3: tasknodes.average.cpu =
   * 0.82 > 0.7; max step: +3 limited to +2 (4 -> 6)}.
   */
  default String explanation() {
    String reason = decision() == null ? "" : decision().reason();
    java.util.StringJoiner out = new java.util.StringJoiner("; ");
    boolean said = reason.isEmpty();
    for (String r : reasons()) {
      if (!reason.isEmpty() && r.equals(NO_CHANGE)) {
        out.add(NO_CHANGE + ": " + reason);
        said = true;
      } else {
        said |= !reason.isEmpty() && r.endsWith(reason);
        out.add(r);
      }
    }
    return said ? out.toString() : out.length() == 0 ? reason : reason + "; " + out;
  }

  /** Capacity after this outcome, as far as the autoscaler knows; -1 if unknown. */
  default int capacityAfter() {
    return state() == null ? -1 : state().capacity();
  }

  /** The executor acted on the decision. */
  record Applied(
      ResourceId resource, Instant at, ResourceState state, ScalingDecision decision, ScalingOutcome result,
      List<String> reasons) implements ResourceOutcome {
    public Applied {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(result, "result");
      reasons = List.copyOf(reasons);
    }

    @Override
    public int capacityAfter() {
      return result.toCapacity();
    }
  }

  /**
   * No action was taken: no change wanted, or a guard (cooldown, bounds, in flight, pause...) held it. The state
   * is null only when another tick was acting on the resource at the same time.
   */
  record Held(ResourceId resource, Instant at, ResourceState state, ScalingDecision decision, List<String> reasons)
      implements ResourceOutcome {
    public Held {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(at, "at");
      reasons = List.copyOf(reasons);
    }
  }

  /** The autoscaler is in dry-run mode for this resource: the decision would have been applied. */
  record DryRun(ResourceId resource, Instant at, ResourceState state, ScalingDecision decision, List<String> reasons)
      implements ResourceOutcome {
    public DryRun {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(decision, "decision");
      reasons = List.copyOf(reasons);
    }
  }

  /** A plugin or the cloud failed at the given stage; other resources are unaffected. */
  record Failed(
      ResourceId resource, Instant at, Stage stage, Throwable cause, ResourceState state, ScalingDecision decision,
      List<String> reasons) implements ResourceOutcome {
    public Failed {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(cause, "cause");
      reasons = List.copyOf(reasons);
    }
  }

  /** Where in the tick a failure happened. */
  enum Stage {
    OBSERVE,
    DECIDE,
    APPLY,
    SETUP
  }
}
