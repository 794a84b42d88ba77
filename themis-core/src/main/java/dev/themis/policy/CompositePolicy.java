package dev.themis.policy;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.spi.ScalingPolicy;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Combines policies: {@link #max} takes the highest target (floors, e.g. a schedule's minimum beside a reactive
 * policy), {@link #min} the lowest (caps). The winner's reason is kept, prefixed by its policy's name; ties go to
 * the first policy. Immutable and thread-safe if its parts are.
 */
public final class CompositePolicy implements ScalingPolicy {
  private final List<ScalingPolicy> parts;
  private final boolean highest;

  private CompositePolicy(List<ScalingPolicy> parts, boolean highest) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a composite policy needs at least one policy");
    }
    this.parts = List.copyOf(parts);
    this.highest = highest;
  }

  /** The highest target of all parts. */
  public static CompositePolicy max(ScalingPolicy... parts) {
    return new CompositePolicy(List.of(parts), true);
  }

  /** The lowest target of all parts. */
  public static CompositePolicy min(ScalingPolicy... parts) {
    return new CompositePolicy(List.of(parts), false);
  }

  @Override
  public ScalingDecision decide(PolicyContext context) {
    ScalingDecision best = null;
    for (ScalingPolicy p : parts) {
      ScalingDecision d = p.decide(context);
      if (best == null
          || (highest ? d.targetCapacity() > best.targetCapacity() : d.targetCapacity() < best.targetCapacity())) {
        best = d;
      }
    }
    return new ScalingDecision(best.targetCapacity(), best.policy() + ": " + best.reason(), name());
  }

  @Override
  public String name() {
    return (highest ? "max" : "min") + parts.stream().map(ScalingPolicy::name).collect(Collectors.joining(", ", "(", ")"));
  }
}
