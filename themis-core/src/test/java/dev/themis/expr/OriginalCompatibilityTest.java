package dev.themis.expr;

import static dev.themis.expr.Fixtures.TIME_BASED;
import static dev.themis.expr.Fixtures.TUESDAY_1AM;
import static dev.themis.expr.Fixtures.emrBindings;
import static dev.themis.expr.Fixtures.tasknodes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.themis.expr.vars.NowVar;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.TimeBasedVars;
import dev.themis.schedule.Schedule;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The original's default expressions and test cases (reference §9), through the real compiler. */
class OriginalCompatibilityTest {
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();
  private static final Variables EMR = StandardVariables.emr();
  private static final Variables KINESIS = StandardVariables.kinesis();
  private static final Schedule ORIGINAL_SCHEDULE =
      Schedule.parseTimeBasedScaling("emr.j-TEST.time_based_scaling", TIME_BASED, ZoneOffset.UTC);

  private static long up(String expr, Bindings b) {
    return COMPILER.compileInt("emr.j-TEST.upscale_expr", expr, EMR).evaluate(b);
  }

  private static long down(String expr, Bindings b) {
    return COMPILER.compileInt("emr.j-TEST.downscale_expr", expr, EMR).evaluate(b);
  }

  @ParameterizedTest(name = "7 task nodes at cpu {0} -> +{1}")
  @CsvSource({"0.9, 3", "0.3, 0", "0.71, 3", "0.69, 0"})
  void upscaleByAverageCpu(double cpu, long expected) {
    // given the original's mock cluster: 7 running, active task nodes, no schedule
    Bindings b = emrBindings(tasknodes(7, cpu, 0.5), Schedule.none(), TUESDAY_1AM);
    // when / then
    assertEquals(expected, up(OriginalDefaults.UPSCALE_EXPR, b));
  }

  @ParameterizedTest(name = "min.cpu {0} -> +{1}")
  @CsvSource({"0.9, 3", "0.3, 0"})
  void upscaleByMinCpu(double cpu, long expected) {
    Bindings b = emrBindings(tasknodes(7, cpu, 0.5), Schedule.none(), TUESDAY_1AM);
    assertEquals(expected, up("3 if (tasknodes.running and tasknodes.min.cpu > 0.7) else 0", b));
  }

  @Test
  void timeBasedTopUpOnTuesdayAt1amFrom4To14NodesAdds10() {
    // given the schedule {"(Mon|Tue|Wed|Thu|Fri).*01:.*:.*": 14}, Tue 2016-05-31 01:00:00 and 4 idle nodes
    Bindings b = emrBindings(tasknodes(4, 0.1, 0.1), ORIGINAL_SCHEDULE, TUESDAY_1AM);
    // when / then
    assertEquals(10, up(OriginalDefaults.UPSCALE_EXPR, b));
  }

  @Test
  void timeBasedMinimumReachedThenCpuRuleAdds3() {
    Bindings b = emrBindings(tasknodes(14, 0.9, 0.5), ORIGINAL_SCHEDULE, TUESDAY_1AM);
    assertEquals(3, up(OriginalDefaults.UPSCALE_EXPR, b));
  }

  @Test
  void timeBasedMinimumDoesNotApplyOutsideItsHours() {
    Bindings b = emrBindings(tasknodes(4, 0.1, 0.1), ORIGINAL_SCHEDULE, TUESDAY_1AM.withHour(2));
    assertEquals(0, up(OriginalDefaults.UPSCALE_EXPR, b));
  }

  @ParameterizedTest(name = "{0} nodes at cpu {1} -> -{2}")
  @CsvSource({"7, 0.3, 1", "7, 0.9, 0", "1, 0.3, 0"})
  void downscaleByAverage(int nodes, double cpu, long expected) {
    Bindings b = emrBindings(tasknodes(nodes, cpu, 0.5), Schedule.none(), TUESDAY_1AM);
    assertEquals(expected, down(OriginalDefaults.DOWNSCALE_EXPR, b));
  }

  @ParameterizedTest(name = "max.cpu {0} -> -{1}")
  @CsvSource({"0.01, 1", "0.3, 0"})
  void downscaleByMax(double cpu, long expected) {
    Bindings b = emrBindings(tasknodes(7, cpu, 0.5), Schedule.none(), TUESDAY_1AM);
    assertEquals(expected, down("1 if tasknodes.max.cpu < 0.02 else 0", b));
  }

  @ParameterizedTest(name = "{0} nodes, minimum 14 -> -{1}")
  @CsvSource({"17, 1", "4, 0", "14, 0"})
  void timeBasedDownscale(int nodes, long expected) {
    Bindings b = emrBindings(tasknodes(nodes, 0.1, 0.1), ORIGINAL_SCHEDULE, TUESDAY_1AM);
    assertEquals(expected, down(OriginalDefaults.DOWNSCALE_EXPR, b));
  }

  @ParameterizedTest(name = "{0} task nodes -> {1}")
  @CsvSource({"7, ON_DEMAND", "14, ON_DEMAND", "15, SPOT", "25, SPOT"})
  void defaultPreferredMarket(int nodes, String expected) {
    Bindings b = emrBindings(tasknodes(nodes, 0.5, 0.5), Schedule.none(), TUESDAY_1AM);
    StringListExpression e = COMPILER.compileStringList(
        "emr.j-TEST.group_or_preferred_market", OriginalDefaults.GROUP_OR_PREFERRED_MARKET, EMR);
    assertEquals(List.of(expected), e.evaluate(b));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = '|', value = {
      "SPOT|SPOT", "ON_DEMAND|ON_DEMAND", "SPOT,ON_DEMAND|SPOT,ON_DEMAND", "ON_DEMAND,SPOT|ON_DEMAND,SPOT",
      "ig-12345, SPOT, ON_DEMAND|ig-12345,SPOT,ON_DEMAND", "['ig-1', 'SPOT']|ig-1,SPOT",
      "'ig-1' if tasknodes.count.nodes > 3 else ['SPOT', 'ON_DEMAND']|ig-1"})
  void preferredMarketLiteralListsAsTheOriginal(String source, String expected) {
    Bindings b = emrBindings(tasknodes(7, 0.5, 0.5), Schedule.none(), TUESDAY_1AM);
    StringListExpression e = COMPILER.compileStringList("emr.j-TEST.group_or_preferred_market", source, EMR);
    assertEquals(List.of(expected.split(",")), e.evaluate(b));
  }

  @Test
  void emptyPreferredMarketIsAnEmptyListForTheProviderToDefault() {
    Bindings b = emrBindings(tasknodes(7, 0.5, 0.5), Schedule.none(), TUESDAY_1AM);
    assertEquals(List.of(), COMPILER.compileStringList("k", "", EMR).evaluate(b));
  }

  @ParameterizedTest(name = "{0} shard(s), {1} bytes -> up {2}, down {3}")
  @CsvSource({"1, 1000000, 1, 0", "1, 50000, 0, 0", "2, 50000, 0, 1", "5, 9000000, 0, 0", "2, 2000000, 1, 0"})
  void kinesisDefaults(int shards, double bytes, long up, long down) {
    Bindings b = KINESIS.bindings().putAll(Fixtures.kinesisVariables(shards, bytes))
        .put("now", NowVar.of(TUESDAY_1AM)).put("time_based", TimeBasedVars.disabled()).build();
    assertEquals(up, COMPILER.compileInt("kinesis.s.stream_upscale_expr", OriginalDefaults.STREAM_UPSCALE_EXPR,
        KINESIS).evaluate(b));
    assertEquals(down, COMPILER.compileInt("kinesis.s.stream_downscale_expr",
        OriginalDefaults.STREAM_DOWNSCALE_EXPR, KINESIS).evaluate(b));
  }

  @Test
  void kinesisUpscaleOnAverageAsTheOriginalTest() {
    // the original's test_kinesis_scaling: IncomingBytes.average 1000000 on one shard -> upscale
    String expr = "1 if stream.IncomingBytes.average > 500000 else 0";
    Bindings one = KINESIS.bind(Fixtures.kinesisVariables(1, 1_000_000));
    Bindings none = KINESIS.bind(Fixtures.kinesisVariables(1, 0));
    IntExpression e = COMPILER.compileInt("kinesis.s.stream_upscale_expr", expr, KINESIS);
    assertEquals(1, e.evaluate(one));
    assertEquals(0, e.evaluate(none));
  }

  @Test
  void perShardSubscriptFormOfTheOriginal() {
    Bindings b = KINESIS.bind(Fixtures.kinesisVariables(2, 2_000_000));
    IntExpression e = COMPILER.compileInt("kinesis.s.stream_upscale_expr",
        "1 if shards_list[0]['IncomingBytes']['average'] > 900000 and shards_list[-1].IncomingBytes.average"
            + " == shards.IncomingBytes.average else 0", KINESIS);
    assertEquals(1, e.evaluate(b));
  }
}
