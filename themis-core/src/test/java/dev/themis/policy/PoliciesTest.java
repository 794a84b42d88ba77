package dev.themis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoliciesTest {
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  private static PolicyContext ctx(int capacity, Map<String, Double> metrics) {
    return PolicyContext.of(ResourceState.of(ResourceId.of("emr", "j-1"), T0, capacity, metrics), T0);
  }

  @Test
  void targetTrackingFollowsTheHpaFormula() {
    TargetTrackingPolicy p = TargetTrackingPolicy.of("cpu", 0.7, 0.1);
    assertThat(p.decide(ctx(10, Map.of("cpu", 0.9))).targetCapacity()).isEqualTo(13); // ceil(10 * 0.9 / 0.7)
    assertThat(p.decide(ctx(10, Map.of("cpu", 0.35))).targetCapacity()).isEqualTo(5);
    assertThat(p.decide(ctx(10, Map.of("cpu", 0.75))).targetCapacity()).isEqualTo(10); // within tolerance
    assertThat(p.decide(ctx(10, Map.of("cpu", 0.7))).targetCapacity()).isEqualTo(10);
    assertThat(p.decide(ctx(0, Map.of("cpu", 0.2))).targetCapacity()).isEqualTo(1);
    ScalingDecision missing = p.decide(ctx(10, Map.of()));
    assertThat(missing.targetCapacity()).isEqualTo(10);
    assertThat(missing.reason()).isEqualTo("cpu missing");
  }

  @Test
  void targetTrackingSaysTheValueTheTargetAndTheArithmetic() {
    TargetTrackingPolicy p = TargetTrackingPolicy.of("cpu", 0.7, 0.1);
    assertThat(p.decide(ctx(10, Map.of("cpu", 0.82))).reason())
        .isEqualTo("cpu 0.82 over target 0.7 -> 12 units (10 x 0.82 / 0.7, rounded up)");
    assertThat(p.decide(ctx(10, Map.of("cpu", 0.35))).reason())
        .isEqualTo("cpu 0.35 under target 0.7 -> 5 units (10 x 0.35 / 0.7, rounded up)");
    assertThat(p.decide(ctx(10, Map.of("cpu", 0.74))).reason()).isEqualTo("tolerance: cpu 0.74 vs target 0.7 within 0.1");
    assertThat(p.decide(ctx(0, Map.of("cpu", 0.2))).reason()).isEqualTo("cpu 0.2 at zero capacity -> 1 unit");
  }

  @Test
  void targetTrackingRejectsANonPositiveTarget() {
    assertThatThrownBy(() -> TargetTrackingPolicy.of("cpu", 0, 0.1))
        .hasMessage("target of metric cpu: must be a finite number > 0, was 0.0");
  }

  @Test
  void compositeTakesTheHighestOrLowestTarget() {
    CompositePolicy max = CompositePolicy.max(c -> new ScalingDecision(3, "reactive", "r"),
        c -> new ScalingDecision(14, "Tue 01:00 minimum 14", "schedule"));
    ScalingDecision d = max.decide(ctx(4, Map.of()));
    assertThat(d.targetCapacity()).isEqualTo(14);
    assertThat(d.reason()).isEqualTo("schedule: Tue 01:00 minimum 14 (highest of r 3, schedule 14)");
    assertThat(CompositePolicy.min(c -> new ScalingDecision(3, "a", "a"), c -> new ScalingDecision(5, "b", "b"))
        .decide(ctx(4, Map.of())).targetCapacity()).isEqualTo(3);
  }

  @Test
  void reasonsPrintThreeDecimalsLikePercentPoint3f() {
    for (double v : new double[] {0, 0.7, 0.0005, 0.0004999, 0.7735, 1.9996, 12.3456, -0.25, -0.0004, 123456.789}) {
      assertThat(PredictivePolicy.fmt(v)).as("%s", v)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", v).replace("-0.000", "0.000"));
    }
    org.quicktheories.QuickTheory.qt().withExamples(Integer.getInteger("themis.qt.examples", 1000))
        .forAll(org.quicktheories.generators.SourceDSL.doubles().between(-1e6, 1e6))
        .checkAssert(v -> assertThat(PredictivePolicy.fmt(v))
            .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", v).replace("-0.000", "0.000")));
    // Ties and their neighbours (k.xxx5, one ulp either side), where the fast path hands over to BigDecimal.
    java.util.Random random = new java.util.Random(15);
    for (int i = 0; i < 20_000; i++) {
      double tie = (random.nextInt(2_000_000_000) - 1_000_000_000 + 0.5) / (i % 2 == 0 ? 1000.0 : 1e6);
      for (double v : new double[] {tie, Math.nextUp(tie), Math.nextDown(tie), tie + 1e-9, tie - 1e-9}) {
        assertThat(PredictivePolicy.fmt(v)).as("%s", v)
            .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", v).replace("-0.000", "0.000"));
      }
    }
  }
}
