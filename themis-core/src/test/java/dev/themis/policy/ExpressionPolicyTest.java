package dev.themis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingSettings;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.expr.EvaluationException;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.Fixtures;
import dev.themis.expr.vars.NodeGroupVars;
import dev.themis.expr.vars.StandardVariables;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionPolicyTest {
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();

  private static PolicyContext context(NodeGroupVars tasknodes) {
    ResourceState state = new ResourceState(ResourceId.of("emr", "j-TEST"), Fixtures.TUESDAY_1AM.toInstant(),
        tasknodes.count.nodes, false, Map.of(), Set.of(), Fixtures.emrVariables(tasknodes), null);
    return new PolicyContext(state, List.of(), ScalingSettings.defaults(), Fixtures.TUESDAY_1AM.toInstant(),
        ZoneOffset.UTC);
  }

  private static ExpressionPolicy emr(Map<String, String> settings) {
    return ExpressionPolicy.fromSettings(Settings.of("emr.j-TEST", settings), ExpressionPolicy.Keys.emr(),
        StandardVariables.emr(), COMPILER, ZoneOffset.UTC);
  }

  @Test
  void defaultsAdd3NodesAt90PercentCpu() {
    ScalingDecision d = emr(Map.of()).decide(context(Fixtures.tasknodes(7, 0.9, 0.5)));
    assertEquals(10, d.targetCapacity());
    assertEquals("upscale_expr = 3: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 7 < 25"
        + " and tasknodes.average.cpu = 0.9 > 0.7", d.reason());
  }

  @Test
  void defaultsHoldAt30PercentCpuWhenMemoryIsBusy() {
    ScalingDecision d = emr(Map.of()).decide(context(Fixtures.tasknodes(7, 0.3, 0.92)));
    assertEquals(7, d.targetCapacity());
    assertEquals("downscale_expr = 0, upscale_expr = 0", d.reason());
  }

  @Test
  void downscaleIsEvaluatedFirstAndWins() {
    // given both expressions want to act
    ExpressionPolicy p = emr(Map.of("upscale_expr", "5", "downscale_expr", "2"));
    // when
    ScalingDecision d = p.decide(context(Fixtures.tasknodes(7, 0.3, 0.5)));
    // then
    assertEquals(5, d.targetCapacity());
    assertEquals("downscale_expr = 2", d.reason());
  }

  @Test
  void timeBasedTopUpFrom4To14() {
    ExpressionPolicy p = emr(Map.of("time_based_scaling", Fixtures.TIME_BASED));
    ScalingDecision d = p.decide(context(Fixtures.tasknodes(4, 0.1, 0.1)));
    assertEquals(14, d.targetCapacity());
    assertEquals("upscale_expr = 10: time_based.enabled and time_based.minimum.nodes(now) = 14 >"
        + " tasknodes.count.nodes = 4; time_based.minimum.nodes(now) - tasknodes.count.nodes = 14 - 4", d.reason());
  }

  @Test
  void timeBasedDownscaleFrom17() {
    ExpressionPolicy p = emr(Map.of("time_based_scaling", Fixtures.TIME_BASED));
    assertEquals(16, p.decide(context(Fixtures.tasknodes(17, 0.1, 0.1))).targetCapacity());
  }

  @Test
  void clusterIdAndNowAreBound() {
    ExpressionPolicy p = emr(Map.of(
        "upscale_expr", "2 if cluster_id == 'j-TEST' and now.hour == 1 and now.weekday() == 1 else 0",
        "downscale_expr", "0"));
    assertEquals(9, p.decide(context(Fixtures.tasknodes(7, 0.5, 0.5))).targetCapacity());
  }

  @Test
  void scheduleZoneIsConfigurable() {
    // 01:00 UTC is 03:00 in Berlin (summer time), so the 01:.* pattern does not match there: the minimum is the
    // default 1 and the idle cluster shrinks instead of topping up
    ExpressionPolicy p = emr(Map.of("time_based_scaling", Fixtures.TIME_BASED, "schedule_zone", "Europe/Berlin"));
    ScalingDecision d = p.decide(context(Fixtures.tasknodes(4, 0.1, 0.1)));
    assertEquals(3, d.targetCapacity());
    assertEquals("downscale_expr = 1: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 4 >"
        + " time_based.minimum.nodes(now) = 1 and tasknodes.average.cpu = 0.1 < 0.5 and tasknodes.average.mem = 0.1 < 0.9", d.reason());
  }

  @Test
  void allProblemsAreReportedTogether() {
    Map<String, String> s = new HashMap<>();
    s.put("upscale_expr", "tasknode.count.nodes");
    s.put("downscale_expr", "1.5");
    s.put("time_based_scaling", "{'Mon.*': 3}");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> emr(s));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("emr.j-TEST.upscale_expr: unknown variable 'tasknode' (did you mean"
        + " 'tasknodes'?)"), e.getMessage());
    assertTrue(e.getMessage().contains("emr.j-TEST.downscale_expr: the expression computes a fractional"),
        e.getMessage());
    assertTrue(e.getMessage().contains("emr.j-TEST.time_based_scaling: invalid JSON"), e.getMessage());
  }

  @Test
  void evaluationFailureNamesTheKey() {
    ExpressionPolicy p = emr(Map.of("upscale_expr", "1 // (tasknodes.count.nodes - 7)", "downscale_expr", "0"));
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> p.decide(context(Fixtures.tasknodes(7, 0.5, 0.5))));
    assertEquals("upscale_expr", e.key());
  }

  @Test
  void kinesisPolicyFromSettings() {
    ExpressionPolicy p = ExpressionPolicy.fromSettings(Settings.of("kinesis.s", Map.of()),
        ExpressionPolicy.Keys.kinesis(), StandardVariables.kinesis(), COMPILER, ZoneId.of("UTC"));
    ResourceState state = new ResourceState(ResourceId.of("kinesis", "s"), Fixtures.TUESDAY_1AM.toInstant(), 1,
        false, Map.of(), Set.of(), Fixtures.kinesisVariables(1, 1_000_000), null);
    ScalingDecision d = p.decide(PolicyContext.of(state, Fixtures.TUESDAY_1AM.toInstant()));
    assertEquals(2, d.targetCapacity());
    assertEquals("stream_upscale_expr = 1: shards.count = 1 < 5 and stream.IncomingBytes.last / shards.count"
        + " = 1000000 / 1 = 1000000 > 500000", d.reason());
  }

  @Test
  void schedulePolicyAppliesFloorAndCap() {
    SchedulePolicy p = SchedulePolicy.of(dev.themis.schedule.Schedule.parseWindows("emr.j.schedule",
        "[{\"days\":\"TUE\",\"from\":\"00:00\",\"to\":\"02:00\",\"min\":10,\"max\":12}]", ZoneOffset.UTC));
    ScalingDecision floor = p.decide(context(Fixtures.tasknodes(4, 0.1, 0.1)));
    assertEquals(10, floor.targetCapacity());
    assertEquals("schedule minimum 10 (cron '0 0 * * TUE' for 2h in Z until 02:00) raises 4", floor.reason());
    ScalingDecision cap = p.decide(context(Fixtures.tasknodes(20, 0.1, 0.1)));
    assertEquals(12, cap.targetCapacity());
    assertEquals("schedule maximum 12 (cron '0 0 * * TUE' for 2h in Z until 02:00) lowers 20", cap.reason());
    assertEquals("schedule cron '0 0 * * TUE' for 2h in Z (min 10, max 12): 11 within",
        p.decide(context(Fixtures.tasknodes(11, 0.1, 0.1))).reason());
  }
}
