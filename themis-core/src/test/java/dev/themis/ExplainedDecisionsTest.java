package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import dev.themis.config.Settings;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.Fixtures;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.policy.ExpressionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The original's default expressions with known inputs: the reason names the values that decided, the guards add
 * theirs, and the report, its summary and the history say the same.
 */
class ExplainedDecisionsTest {
  private static final ResourceId ID = ResourceId.of("emr", "j-1");
  private final ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));
  private int capacity = 4;
  private double cpu = 0.82;

  private Autoscaler autoscaler() {
    ExpressionPolicy policy = ExpressionPolicy.fromSettings(Settings.of("emr.j-1", Map.of()),
        ExpressionPolicy.Keys.emr(), StandardVariables.emr(), ExpressionCompiler.create(), ZoneOffset.UTC);
    return Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(ID, ScalingSettings.builder().maxCapacity(25).maxStep(2).cooldown(Duration.ofMinutes(10)).build(),
            (now, window) -> new ResourceState(ID, now, capacity, false, Map.of("tasknodes.average.cpu", cpu),
                Set.of(), Fixtures.emrVariables(Fixtures.tasknodes(capacity, cpu, 0.5)), null),
            policy,
            (state, decision) -> {
              int from = capacity;
              capacity = decision.targetCapacity();
              return ScalingOutcome.completed(from, capacity, List.of("resize " + from + " -> " + capacity));
            })
        .build();
  }

  @Test
  void anActionAndTheHoldAfterItSayWhy() {
    Autoscaler autoscaler = autoscaler();
    // given 4 busy task nodes: the default upscale_expr wants 3 more, the max step allows 2
    TickReport first = autoscaler.tick();
    ResourceOutcome.Applied applied = first.applied().get(0);
    String why = "upscale_expr = 3: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 4 < 25 and"
        + " tasknodes.average.cpu = 0.82 > 0.7";
    assertThat(applied.decision().reason()).isEqualTo(why);
    assertThat(applied.explanation()).isEqualTo(why + "; max step: +3 limited to +2 (4 -> 6)");
    assertThat(first.summary()).isEqualTo("emr:j-1 Applied 4 -> 6: " + applied.explanation());
    assertThat(first.toString()).endsWith(first.summary());

    // when the nodes stay busy 4 minutes later, the cooldown holds, with its numbers
    clock.advance(Duration.ofMinutes(4));
    TickReport second = autoscaler.tick();
    ResourceOutcome held = second.outcomes().get(0);
    assertThat(held).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(held.decision().reason()).isEqualTo(why.replace("nodes = 4 <", "nodes = 6 <"));
    assertThat(held.reasons()).containsExactly("max step: +3 limited to +2 (6 -> 8)",
        "cooldown: scale-up completed 01:00, scale-up cooldown 10m, 6m left (until 01:10; wanted 6 -> 8)");
    assertThat(second.summary()).isEqualTo("emr:j-1 Held 6: " + held.explanation());

    // and the history keeps both as they were said
    assertThat(autoscaler.history().latest(ID, 2)).extracting(ResourceOutcome::explanation)
        .containsExactly(held.explanation(), applied.explanation());
  }

  @Test
  void anIdleClusterSaysWhichConditionsHeldAndASteadyOneSaysOnlyTheValues() {
    cpu = 0.12;
    ResourceOutcome down = autoscaler().tick().outcomes().get(0);
    assertThat(down.decision().reason()).isEqualTo("downscale_expr = 1: tasknodes.running and tasknodes.active and"
        + " tasknodes.count.nodes = 4 > time_based.minimum.nodes(now) = 1 and tasknodes.average.cpu = 0.12 < 0.5"
        + " and tasknodes.average.mem = 0.5 < 0.9");

    cpu = 0.6;
    ResourceOutcome steady = autoscaler().tick().outcomes().get(0);
    assertThat(steady.decision().reason()).isEqualTo("downscale_expr = 0, upscale_expr = 0");
    assertThat(steady.explanation()).isEqualTo("no change: downscale_expr = 0, upscale_expr = 0");
  }

  @Test
  void theSummaryHasOneLinePerOutcomeThenTheNotes() {
    Instant at = clock.instant();
    ResourceState s = ResourceState.of(ID, at, 4, Map.of());
    ScalingDecision d = new ScalingDecision(6, "upscale_expr = 2: yarn.containersPending = 12 > 0", "expression");
    TickReport report = new TickReport(at, Duration.ZERO, List.of(
        new ResourceOutcome.DryRun(ID, at, s, d, List.of("dry run: would move 4 -> 6")),
        new ResourceOutcome.Failed(ResourceId.of("kinesis", "s"), at, ResourceOutcome.Stage.APPLY,
            new IllegalStateException("LimitExceededException"), s, d, List.of("apply failed: LimitExceededException")),
        new ResourceOutcome.Held(ResourceId.of("kinesis", "t"), at, null, null,
            List.of("another tick is acting on this resource"))),
        List.of("discovered kinesis:t"));
    assertThat(report.summary()).isEqualTo(String.join("\n",
        "emr:j-1 DryRun 4 -> 6: upscale_expr = 2: yarn.containersPending = 12 > 0; dry run: would move 4 -> 6",
        "kinesis:s Failed APPLY: upscale_expr = 2: yarn.containersPending = 12 > 0; apply failed: LimitExceededException",
        "kinesis:t Held: another tick is acting on this resource",
        "note: discovered kinesis:t"));
    assertThat(new TickReport(at, Duration.ZERO, List.of(), List.of()).toString())
        .isEqualTo("TickReport at 2016-05-31T01:00:00Z (0 ms): nothing managed");
  }
}
