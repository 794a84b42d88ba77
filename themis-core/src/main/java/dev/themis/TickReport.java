package dev.themis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The result of one {@link Autoscaler#tick()}: one outcome per managed resource, in resource-id order.
 *
 * @param startedAt the clock's instant when the tick started
 * @param elapsed how long the tick took by the autoscaler's clock (zero under a manual clock)
 * @param outcomes one outcome per resource
 * @param notes what happened beside the resources: resources discovered or dropped, discovery failures
 */
public record TickReport(Instant startedAt, Duration elapsed, List<ResourceOutcome> outcomes, List<String> notes) {
  public TickReport {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(elapsed, "elapsed");
    outcomes = List.copyOf(outcomes);
    notes = List.copyOf(notes);
  }

  public Optional<ResourceOutcome> outcome(ResourceId id) {
    return outcomes.stream().filter(o -> o.resource().equals(id)).findFirst();
  }

  public Map<ResourceId, ResourceOutcome> byResource() {
    return outcomes.stream().collect(Collectors.toMap(ResourceOutcome::resource, Function.identity()));
  }

  public List<ResourceOutcome.Failed> failures() {
    return outcomes.stream()
        .filter(ResourceOutcome.Failed.class::isInstance)
        .map(ResourceOutcome.Failed.class::cast)
        .toList();
  }

  /**
   * One line per outcome: the resource, what happened (capacity before and after) and its
   * {@link ResourceOutcome#explanation()}, e.g. {@code emr:j-1 Applied 4 -> 7: upscale_expr = 3: tasknodes.average.cpu
   * = 0.82 > 0.7}; then the notes.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (ResourceOutcome o : outcomes) {
      sb.append(sb.length() > 0 ? "\n" : "").append(o.resource()).append(' ').append(o.getClass().getSimpleName());
      int before = o.state() == null ? -1 : o.state().capacity();
      if (o instanceof ResourceOutcome.Failed f) {
        sb.append(' ').append(f.stage());
      } else if (before >= 0) {
        int after = o instanceof ResourceOutcome.DryRun d ? d.decision().targetCapacity() : o.capacityAfter();
        sb.append(' ').append(before);
        if (after != before) {
          sb.append(" -> ").append(after);
        }
      }
      String why = o.explanation();
      if (!why.isEmpty()) {
        sb.append(": ").append(why);
      }
    }
    for (String n : notes) {
      sb.append(sb.length() > 0 ? "\n" : "").append("note: ").append(n);
    }
    return sb.toString();
  }

  /** When the tick started, how long it took, and its {@link #summary()}. */
  @Override
  public String toString() {
    return "TickReport at " + startedAt + " (" + elapsed.toMillis() + " ms)" + (outcomes.isEmpty() && notes.isEmpty()
        ? ": nothing managed" : ":\n" + summary());
  }

  public List<ResourceOutcome.Applied> applied() {
    return outcomes.stream()
        .filter(ResourceOutcome.Applied.class::isInstance)
        .map(ResourceOutcome.Applied.class::cast)
        .toList();
  }
}
