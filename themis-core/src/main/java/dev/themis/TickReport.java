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

  public List<ResourceOutcome.Applied> applied() {
    return outcomes.stream()
        .filter(ResourceOutcome.Applied.class::isInstance)
        .map(ResourceOutcome.Applied.class::cast)
        .toList();
  }
}
