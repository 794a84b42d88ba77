package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.themis.clock.ManualClock;
import dev.themis.policy.TargetTrackingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invariants of the core, over random sequences of decisions and loads. */
class AutoscalerPropertiesTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  /** Runs one resource whose policy wants the given targets in turn, one tick a minute. */
  private static List<ResourceOutcome> run(FakeResource r, ScalingSettings settings, List<Integer> targets) {
    ManualClock clock = ManualClock.at(T0);
    int[] i = {0};
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(r.id, settings, r, ctx -> new ScalingDecision(targets.get(i[0]), "t" + i[0], "seq"), r)
        .build();
    List<ResourceOutcome> outcomes = new ArrayList<>();
    for (i[0] = 0; i[0] < targets.size(); i[0]++) {
      outcomes.add(autoscaler.tick().outcomes().get(0));
      clock.advance(Duration.ofMinutes(1));
    }
    return outcomes;
  }

  @Test
  void appliedCapacityNeverLeavesTheBounds() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(0, 10), integers().between(0, 30), integers().between(0, 5),
            lists().of(integers().between(0, 100)).ofSizeBetween(1, 40))
        .checkAssert((min, span, step, targets) -> {
          int max = min + span;
          FakeResource r = new FakeResource("r", min + span / 2, 1);
          ScalingSettings s = ScalingSettings.builder().minCapacity(min).maxCapacity(max).maxStep(step)
              .cooldown(Duration.ofMinutes(step)).scaleDownStabilization(Duration.ofMinutes(step)).build();
          for (ResourceOutcome o : run(r, s, targets)) {
            if (o instanceof ResourceOutcome.Applied a) {
              assertThat(a.result().toCapacity()).isBetween(min, max);
            }
          }
          assertThat(r.capacity).isBetween(min, max);
        });
  }

  @Test
  void noActionInsideACooldown() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(0, 15), integers().between(0, 15),
            lists().of(integers().between(0, 30)).ofSizeBetween(1, 60))
        .checkAssert((up, down, targets) -> {
          FakeResource r = new FakeResource("r", 10, 1);
          ScalingSettings s = ScalingSettings.builder().scaleUpCooldown(Duration.ofMinutes(up))
              .scaleDownCooldown(Duration.ofMinutes(down)).scaleDownStabilization(Duration.ZERO).build();
          Instant lastCompletion = null;
          for (ResourceOutcome o : run(r, s, targets)) {
            if (o instanceof ResourceOutcome.Applied a) {
              if (lastCompletion != null) {
                ScalingDirection d = a.decision().direction(a.state().capacity());
                assertThat(a.at()).isAfterOrEqualTo(lastCompletion.plus(s.cooldown(d)));
              }
              lastCompletion = a.at(); // the fake completes synchronously
            }
          }
        });
  }

  @Test
  void constantLoadNeverCausesAlternatingActions() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(1, 200), integers().between(1, 60), integers().between(50, 90),
            integers().between(0, 20))
        .checkAssert((load, start, targetPercent, tolerancePercent) -> {
          FakeResource r = new FakeResource("r", start, load);
          ScalingSettings s = ScalingSettings.builder().cooldown(Duration.ZERO)
              .scaleDownStabilization(Duration.ZERO).build();
          ManualClock clock = ManualClock.at(T0);
          Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false)
              .resource(r.id, s, r, TargetTrackingPolicy.of("utilisation", targetPercent / 100.0,
                  tolerancePercent / 100.0), r)
              .build();
          ScalingDirection previous = ScalingDirection.NONE;
          for (int i = 0; i < 30; i++) {
            for (ResourceOutcome.Applied a : autoscaler.tick().applied()) {
              ScalingDirection d = a.decision().direction(a.state().capacity());
              assertThat(previous == ScalingDirection.NONE || previous == d)
                  .as("direction %s after %s at load %s", d, previous, load).isTrue();
              previous = d;
            }
            clock.advance(Duration.ofMinutes(1));
          }
        });
  }

  @Test
  void identicalInputsGiveIdenticalDecisions() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(0, 10), integers().between(0, 5),
            lists().of(integers().between(0, 40)).ofSizeBetween(1, 30))
        .checkAssert((min, step, targets) -> {
          ScalingSettings s = ScalingSettings.builder().minCapacity(min).maxCapacity(min + 25).maxStep(step)
              .scaleDownCooldown(Duration.ofMinutes(2)).build();
          List<String> first = describe(run(new FakeResource("r", min + 3, 1), s, targets));
          List<String> second = describe(run(new FakeResource("r", min + 3, 1), s, targets));
          assertThat(second).isEqualTo(first);
        });
  }

  @Test
  void aFailingResourceNeverChangesAnotherResourcesOutcome() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(2, 5), integers().between(0, 4), integers().between(0, 2),
            lists().of(integers().between(0, 20)).ofSizeBetween(1, 20))
        .checkAssert((count, failingIndex, failingStage, targets) -> {
          int bad = failingIndex % count;
          List<String> withFailure = runMany(count, bad, failingStage, targets);
          List<String> without = runMany(count, -1, failingStage, targets);
          List<String> othersWithFailure = new ArrayList<>();
          List<String> othersWithout = new ArrayList<>();
          for (int i = 0; i < withFailure.size(); i++) {
            if (!withFailure.get(i).startsWith("r" + bad + " ")) {
              othersWithFailure.add(withFailure.get(i));
            }
            if (!without.get(i).startsWith("r" + bad + " ")) {
              othersWithout.add(without.get(i));
            }
          }
          assertThat(othersWithFailure).isEqualTo(othersWithout);
        });
  }

  private static List<String> runMany(int count, int bad, int stage, List<Integer> targets) {
    ManualClock clock = ManualClock.at(T0);
    int[] tick = {0};
    Autoscaler.Builder b = Autoscaler.builder().clock(clock).discoverProviders(false);
    for (int i = 0; i < count; i++) {
      FakeResource r = new FakeResource("r" + i, 5, 1);
      int offset = i;
      boolean failing = i == bad;
      if (failing && stage == 0) {
        r.failObserve = new IllegalStateException("ThrottlingException");
      }
      if (failing && stage == 2) {
        r.failApply = new IllegalStateException("InternalServerError");
      }
      b.resource(r.id, ScalingSettings.builder().cooldown(Duration.ZERO).build(), r, ctx -> {
        if (failing && stage == 1) {
          throw new IllegalStateException("policy bug");
        }
        return new ScalingDecision(targets.get(tick[0]) + offset, "t", "seq");
      }, r);
    }
    Autoscaler autoscaler = b.build();
    List<String> lines = new ArrayList<>();
    for (tick[0] = 0; tick[0] < targets.size(); tick[0]++) {
      for (ResourceOutcome o : autoscaler.tick().outcomes()) {
        lines.add(o.resource().name() + " " + line(o));
      }
      clock.advance(Duration.ofMinutes(1));
    }
    return lines;
  }

  private static List<String> describe(List<ResourceOutcome> outcomes) {
    return outcomes.stream().map(AutoscalerPropertiesTest::line).toList();
  }

  private static String line(ResourceOutcome o) {
    return o.getClass().getSimpleName() + " " + o.at() + " " + o.capacityAfter() + " " + o.reasons();
  }
}
