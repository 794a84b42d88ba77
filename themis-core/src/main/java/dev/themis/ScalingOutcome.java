package dev.themis;

import java.util.List;
import java.util.Objects;

/**
 * What an executor did with a decision.
 *
 * @param acted true if the executor changed the resource (or asked the cloud to); false if it declined, with
 *     {@code actions} explaining why (e.g. no group can take the change)
 * @param fromCapacity capacity before the action
 * @param toCapacity capacity requested by the action (equal to {@code fromCapacity} when not acted)
 * @param completed true if the change is already effective; false if it completes asynchronously, in which case
 *     the monitor reports the resource in flight until it does
 * @param actions human-readable description of each call made (e.g. {@code ModifyInstanceGroups ig-1 4->7})
 */
public record ScalingOutcome(boolean acted, int fromCapacity, int toCapacity, boolean completed, List<String> actions) {
  public ScalingOutcome {
    actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    if (fromCapacity < 0 || toCapacity < 0) {
      throw new IllegalArgumentException(
          "capacities must be >= 0, were fromCapacity=" + fromCapacity + ", toCapacity=" + toCapacity);
    }
  }

  /** The executor made the change, which takes effect asynchronously. */
  public static ScalingOutcome started(int from, int to, List<String> actions) {
    return new ScalingOutcome(true, from, to, false, actions);
  }

  /** The executor made the change and it is already effective. */
  public static ScalingOutcome completed(int from, int to, List<String> actions) {
    return new ScalingOutcome(true, from, to, true, actions);
  }

  /** The executor declined to act, for the given reason. */
  public static ScalingOutcome declined(int current, String reason) {
    return new ScalingOutcome(false, current, current, true, List.of(reason));
  }
}
