package dev.themis;

import java.util.Objects;

/**
 * What a policy wants: a target capacity, and why.
 *
 * @param targetCapacity the wanted capacity in units, never negative
 * @param reason a human-readable explanation: what the policy read that decided, e.g. {@code upscale_expr = 3:
 *     tasknodes.average.cpu = 0.82 > 0.7} or {@code cpu 0.82 over target 0.7 -> 12 units (10 x 0.82 / 0.7, rounded
 *     up)}; the guards' reasons are in the outcome, see {@link ResourceOutcome#explanation()}
 * @param policy the name of the policy that decided
 */
public record ScalingDecision(int targetCapacity, String reason, String policy) {
  public ScalingDecision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(policy, "policy");
    if (targetCapacity < 0) {
      throw new IllegalArgumentException(
          "targetCapacity (policy " + policy + "): must be >= 0, was " + targetCapacity);
    }
  }

  /** A decision to keep the current capacity. */
  public static ScalingDecision hold(int currentCapacity, String reason, String policy) {
    return new ScalingDecision(currentCapacity, reason, policy);
  }

  /** The same decision with another target and an explanation appended. */
  public ScalingDecision withTarget(int target, String why) {
    return new ScalingDecision(target, reason + "; " + why, policy);
  }

  public ScalingDirection direction(int currentCapacity) {
    return ScalingDirection.of(currentCapacity, targetCapacity);
  }
}
