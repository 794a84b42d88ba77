package dev.themis.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.themis.Autoscaler;
import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingSettings;
import dev.themis.config.ThemisConfig;
import dev.themis.testkit.LoadModel;
import dev.themis.testkit.PolicyInvariants;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a user tests their own policy: the testkit's invariants, plus a property of their own. */
class HeadroomPolicyTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);
  private final HeadroomPolicy policy = new HeadroomPolicy("allnodes.average.cpu", 0.7, 1);

  @Test
  void satisfiesTheTestkitInvariants() {
    // bounds respected by the policy itself, deterministic, no flapping under constant load, monotone in load
    PolicyInvariants.of(policy, LoadModel.utilisation("allnodes.average.cpu"))
        .settings(ScalingSettings.builder().minCapacity(1).maxCapacity(40).build())
        .assertAll();
  }

  @Test
  void alwaysKeepsTheHeadroomAboveTheLoad() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(1, 100), integers().between(0, 100))
        .checkAssert((capacity, utilisationPercent) -> {
          double u = utilisationPercent / 100.0;
          ResourceState state = ResourceState.of(ResourceId.of("emr", "j-1"), Instant.EPOCH, capacity,
              Map.of("allnodes.average.cpu", u));
          int target = policy.decide(PolicyContext.of(state, Instant.EPOCH)).targetCapacity();
          double load = u * capacity;
          assertThat(target * 0.7).isGreaterThanOrEqualTo(load - 1e-6);
          assertThat(target).isGreaterThanOrEqualTo(1);
        });
  }

  @Test
  void isFoundByServiceLoaderAndConfiguredByName() {
    Autoscaler autoscaler = Autoscaler.builder()
        .configuration(ThemisConfig.parse("""
            resources:
              emr:
                j-1: { policy: headroom, headroom_units: 2, headroom_target_utilisation: 0.6 }
            """))
        .build();
    assertThat(autoscaler.resources()).containsExactly(ResourceId.of("emr", "j-1"));
  }

  @Test
  void theRunnableExampleFollowsTheRampWithItsHeadroom() {
    var result = CustomPolicyExample.run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    int[] serving = result.serving();
    assertThat(serving[serving.length - 1]).as("serving at the end").isGreaterThanOrEqualTo(14 + 1);
    assertThat(result.totalActions()).isPositive();
  }
}
