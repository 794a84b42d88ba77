package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.ScalingSettings;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.spi.ScalingPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyInvariantsTest {
  private static final String CPU = "cpu";
  private static final LoadModel MODEL = LoadModel.utilisation(CPU);
  private static final ScalingSettings SETTINGS = ScalingSettings.builder().minCapacity(1).maxCapacity(40).build();

  /** Target tracking at 70 % with a 10 % tolerance, clamped to the settings' bounds: claims all four invariants. */
  private static final ScalingPolicy GOOD = new ScalingPolicy() {
    private final TargetTrackingPolicy tracking = TargetTrackingPolicy.of(CPU, 0.7, 0.1);

    @Override
    public ScalingDecision decide(PolicyContext ctx) {
      ScalingDecision d = tracking.decide(ctx);
      return d.withTarget(ctx.settings().clamp(d.targetCapacity()), "clamped");
    }

    @Override
    public String name() {
      return "good";
    }
  };

  private static PolicyInvariants check(ScalingPolicy p) {
    return PolicyInvariants.of(p, MODEL).settings(SETTINGS);
  }

  @Test
  void aGoodPolicyPassesEveryInvariant() {
    PolicyInvariants inv = check(GOOD);
    assertEquals(List.of(), inv.checkAll());
    inv.assertAll();
  }

  @Test
  void aPolicyWithoutDeadBandFlapsAndIsCaught() {
    // +3 above 60 %, -3 below: at 10 nodes and load 6.5 it goes 10 -> 13 -> 10 -> 13...
    ScalingPolicy bad = ctx -> {
      double cpu = ctx.state().metric(CPU).orElse(0.0);
      int c = ctx.capacity();
      return new ScalingDecision(SETTINGS.clamp(cpu > 0.6 ? c + 3 : Math.max(0, c - 3)), "threshold", "flappy");
    };
    Optional<PolicyInvariants.Violation> v = check(bad).checkNoFlapping();
    assertTrue(v.isPresent());
    assertTrue(v.get().description().contains("under constant load"), v.get().toString());
    AssertionError e = assertThrows(AssertionError.class, () -> check(bad).assertNoFlapping());
    assertTrue(e.getMessage().contains("seed"), e.getMessage());
    // It is still deterministic, bounded and monotone: only the violated invariant is reported.
    assertEquals(List.of("no flapping under constant load"),
        check(bad).checkAll().stream().map(PolicyInvariants.Violation::invariant).toList());
  }

  @Test
  void aPolicyWithHiddenStateIsNotDeterministic() {
    ScalingPolicy counting = new ScalingPolicy() {
      private int calls;

      @Override
      public ScalingDecision decide(PolicyContext ctx) {
        calls++;
        return ScalingDecision.hold(ctx.capacity(), "call " + calls, "counting");
      }
    };
    assertTrue(check(counting).checkDeterministic().isPresent());
    assertThrows(AssertionError.class, () -> check(counting).assertDeterministic());
  }

  @Test
  void aPolicyThatPanicsWhenSaturatedIsNotMonotone() {
    ScalingPolicy panics = ctx -> {
      double cpu = ctx.state().metric(CPU).orElse(0.0);
      int target = cpu >= 1.0 ? 1 : (int) Math.ceil(ctx.capacity() * cpu / 0.7);
      return new ScalingDecision(SETTINGS.clamp(target), "panic", "panics");
    };
    Optional<PolicyInvariants.Violation> v = check(panics).checkMonotoneInLoad();
    assertTrue(v.isPresent());
    assertTrue(v.get().description().contains("more load"), v.get().toString());
  }

  @Test
  void aPolicyIgnoringBoundsIsCaughtWhileTheAutoscalerWouldClampIt() {
    ScalingPolicy greedy = ctx -> new ScalingDecision(ctx.capacity() + 5, "greedy", "greedy");
    Optional<PolicyInvariants.Violation> v = check(greedy).checkBounds();
    assertTrue(v.isPresent());
    assertTrue(v.get().description().contains("outside [1, 40]"), v.get().toString());
  }

  @Test
  void violationsAreReproducibleFromTheSeed() {
    ScalingPolicy greedy = ctx -> new ScalingDecision(ctx.capacity() + 5, "greedy", "greedy");
    assertEquals(check(greedy).seed(7).checkBounds(), check(greedy).seed(7).checkBounds());
  }
}
