package dev.themis.kinesis;

import java.util.List;
import java.util.Objects;

/**
 * How to get from the current open shards to a target count: the steps in order. The executor makes only the first
 * step per tick (the stream is {@code UPDATING} after each) and plans again from the real layout on the next one.
 *
 * @param from open shards now
 * @param target the wanted open shards
 * @param steps the steps; empty when nothing can or needs to be done
 * @param notes why the plan looks as it does (budget spent, strategy, limits)
 */
public record ReshardPlan(int from, int target, List<ReshardStep> steps, List<String> notes) {
  public ReshardPlan {
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
  }

  /** Open shards after the last step. */
  public int reaches() {
    return steps.isEmpty() ? from : steps.get(steps.size() - 1).to();
  }

  public boolean empty() {
    return steps.isEmpty();
  }
}
