package dev.themis.policy;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.spi.ScalingPolicy;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Combines policies: {@link #max} takes the highest target (floors, e.g. a schedule's minimum beside a reactive
 * policy), {@link #min} the lowest (caps). The winner's reason is kept, prefixed by its policy's name and, for a
 * change, followed by every part's target (e.g. {@code schedule: ... (highest of expression 10, schedule 14)}); ties
 * go to the first policy. Immutable and thread-safe if its parts are.
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
    ScalingDecision[] all = new ScalingDecision[parts.size()];
    for (int i = 0; i < all.length; i++) {
      ScalingDecision d = parts.get(i).decide(context);
      all[i] = d;
      if (best == null
          || (highest ? d.targetCapacity() > best.targetCapacity() : d.targetCapacity() < best.targetCapacity())) {
        best = d;
      }
    }
    String reason = best.policy() + ": " + best.reason();
    if (best.targetCapacity() != context.capacity() && all.length > 1) { // an action: say what it won over
      StringBuilder sb = new StringBuilder(reason).append(highest ? " (highest of " : " (lowest of ");
      for (int i = 0; i < all.length; i++) {
        sb.append(i > 0 ? ", " : "").append(all[i].policy()).append(' ').append(all[i].targetCapacity());
      }
      reason = sb.append(')').toString();
    }
    return new ScalingDecision(best.targetCapacity(), reason, name());
  }

  @Override
  public String name() {
    return (highest ? "max" : "min") + parts.stream().map(ScalingPolicy::name).collect(Collectors.joining(", ", "(", ")"));
  }
}
