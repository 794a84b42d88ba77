package dev.themis.testkit.quicktheories;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.themis.ScalingDecision;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.spi.ScalingPolicy;
import dev.themis.testkit.PolicyInvariants;
import dev.themis.testkit.StateGenerators;
import org.junit.jupiter.api.Test;

class ThemisGensTest {
  private final StateGenerators.States states = StateGenerators.states().capacity(0, 40)
      .metric("cpu", StateGenerators.utilisation());

  @Test
  void targetTrackingIsDeterministicAndNeverNegative() {
    ScalingPolicy p = TargetTrackingPolicy.of("cpu", 0.7, 0.1);
    ThemisGens.qt().forAll(ThemisGens.contexts(states.build(), StateGenerators.settings(40)))
        .check(ctx -> PolicyInvariants.deterministic(p, ctx, null).isEmpty() && p.decide(ctx).targetCapacity() >= 0);
    ThemisGens.qt().forAll(ThemisGens.states(states), ThemisGens.utilisation())
        .check((s, u) -> s.capacity() >= 0 && u >= 0 && u <= 1);
  }

  @Test
  void quickTheoriesReportsABoundsViolation() {
    ScalingPolicy greedy = ctx -> new ScalingDecision(ctx.capacity() + 5, "greedy", "greedy");
    assertThrows(AssertionError.class, () -> ThemisGens.qt()
        .forAll(ThemisGens.gen(StateGenerators.contexts(states.build(), StateGenerators.settings(40), 2,
            java.time.Duration.ofMinutes(1))))
        .check(ctx -> PolicyInvariants.bounds(greedy, ctx).isEmpty()));
  }

}
