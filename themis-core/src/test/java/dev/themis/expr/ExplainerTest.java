package dev.themis.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.themis.expr.vars.LoadStats;
import dev.themis.expr.vars.MetricStats;
import dev.themis.expr.vars.NodeGroupVars;
import dev.themis.expr.vars.NowVar;
import dev.themis.expr.vars.ShardsVars;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.StreamVars;
import dev.themis.expr.vars.TimeBasedVars;
import dev.themis.schedule.Schedule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An explanation is the compiled result, told: over random bindings for the original's default expressions, the
 * interpreted value is the compiled value and every value the explanation names is the value bound.
 */
class ExplainerTest {
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();
  /** Around the defaults' thresholds (0.5, 0.7, 0.9, 0.95), the extremes and a missing metric. */
  private static final double[] LOADS = {0, 0.1, 0.49, 0.5, 0.51, 0.69, 0.7, 0.7000001, 0.71, 0.89, 0.9, 0.95,
      0.9500001, 0.96, 1, Double.NaN};

  private record Case(Bindings bindings, Map<String, Object> truth) {}

  @Test
  void theOriginalEmrDefaultsAreExplainedWithTheValuesTheyRead() {
    agreeOver(StandardVariables.emr(), List.of(OriginalDefaults.UPSCALE_EXPR, OriginalDefaults.DOWNSCALE_EXPR),
        ExplainerTest::emr);
  }

  @Test
  void theOriginalKinesisDefaultsAreExplainedWithTheValuesTheyRead() {
    agreeOver(StandardVariables.kinesis(), List.of(OriginalDefaults.STREAM_UPSCALE_EXPR,
        OriginalDefaults.STREAM_DOWNSCALE_EXPR), ExplainerTest::kinesis);
  }

  private static void agreeOver(Variables vars, List<String> sources, java.util.function.Function<Random, Case> cases) {
    for (String source : sources) {
      IntExpression compiled = COMPILER.compileInt("x", source, vars);
      Explainer explainer = COMPILER.explainer("x", source, vars);
      qt().withExamples(2000).forAll(longs().all())
          .checkAssert(seed -> agree(compiled, explainer, cases.apply(new Random(seed))));
    }
  }

  private static void agree(IntExpression compiled, Explainer explainer, Case c) {
    Explanation e = explainer.explain(c.bindings());
    assertThat(e.value()).isEqualTo(compiled.evaluate(c.bindings()));
    assertThat(e.text().length()).isLessThanOrEqualTo(Explainer.MAX_LENGTH);
    assertThat(c.truth()).containsAllEntriesOf(e.reads());
    for (String name : e.reads().keySet()) {
      assertThat(e.text()).contains(name);
    }
    if (e.value() != 0) { // an action names what decided it
      assertThat(e.reads()).isNotEmpty();
    }
  }

  private static Case emr(Random r) {
    int nodes = r.nextInt(30);
    double cpu = load(r);
    double mem = load(r);
    boolean running = r.nextInt(5) > 0;
    boolean active = r.nextInt(5) > 0;
    LoadStats avg = LoadStats.of(cpu, mem, 1);
    NodeGroupVars task = NodeGroupVars.of(running, active, nodes, avg, avg, avg, avg);
    int minimum = r.nextInt(20);
    boolean scheduled = r.nextBoolean();
    TimeBasedVars tb = scheduled
        ? TimeBasedVars.of(Schedule.parseTimeBasedScaling("emr.j.time_based_scaling", "{\".*\": " + minimum + "}",
            java.time.ZoneOffset.UTC))
        : TimeBasedVars.disabled();
    Bindings b = StandardVariables.emr().bindings().putAll(Fixtures.emrVariables(task))
        .put("time_based", tb).put("now", NowVar.of(Fixtures.TUESDAY_1AM)).put("cluster_id", "j-1").build();
    Map<String, Object> truth = new HashMap<>();
    truth.put("tasknodes.running", running);
    truth.put("tasknodes.active", active);
    truth.put("tasknodes.count.nodes", (long) nodes);
    truth.put("tasknodes.average.cpu", cpu);
    truth.put("tasknodes.average.mem", mem);
    truth.put("time_based.enabled", scheduled);
    truth.put("time_based.minimum.nodes(now)", (long) (scheduled ? minimum : TimeBasedVars.DEFAULT_MINIMUM));
    return new Case(b, truth);
  }

  private static Case kinesis(Random r) {
    int shards = 1 + r.nextInt(8);
    double last = r.nextInt(4) == 0 ? 500_000.0 * shards : r.nextDouble() * 2_000_000;
    double average = r.nextInt(4) == 0 ? 100_000 : r.nextDouble() * 300_000;
    Map<String, Object> vars = new HashMap<>(Fixtures.kinesisVariables(shards, 0));
    vars.put("stream", StreamVars.of(Map.of("IncomingBytes", MetricStats.of(average, last, 0, average * 20, last))));
    vars.put("shards", ShardsVars.of(shards, List.of()));
    Bindings b = StandardVariables.kinesis().bindings().putAll(vars).put("now", NowVar.of(Fixtures.TUESDAY_1AM))
        .build();
    return new Case(b, Map.of("shards.count", (long) shards, "stream.IncomingBytes.last", last,
        "stream.IncomingBytes.average", average));
  }

  private static double load(Random r) {
    return r.nextInt(3) == 0 ? r.nextDouble() : LOADS[r.nextInt(LOADS.length)];
  }

  /** Expressions over every construct the interpreter mirrors: functions, Math, strings, chains, mixed types. */
  private static final List<String> CONSTRUCTS = List.of(
      "a // 3 + a % 3 - a * 2 + (-a) + (+a)",
      "1 if x / 3 + x // 0.5 + x % 0.3 > 0.2 else 0",
      "1 if a ** 2 > 10 else 0",
      "int(min(a, 3, x) if f else max(a, 2))",
      "abs(x - 0.5) < 0.2",
      "int(x * 10) + round(x) + floor(x) + ceil(x) + abs(a) + min(a, 4) + max(a, -2)",
      "float(a) / 4 > x",
      "sqrt(a) + pow(x, 2) > 1",
      "Math.abs(a) + Math.min(a, 5) + Math.max(a, 1) + int(Math.abs(x) + Math.min(x, 0.2) + Math.max(x, 0.1))",
      "Math.floor(x) + Math.ceil(x) + Math.sqrt(x) + Math.cbrt(x) + Math.exp(x) + Math.log(x + 1) + Math.log10(x + 2)"
          + " + Math.signum(x) + Math.hypot(x, a) + Math.pow(x, 2) > 1",
      "Math.round(x) + Math.floorDiv(a, 3) + Math.floorMod(a, 3)",
      "Math.floorDiv(x, 0.3) > 1",
      "len(s) + (1 if s.startswith('j-') else 0) + (1 if s.endswith('x') else 0)",
      "s == 'j-1' and not s.isEmpty() or s.equalsIgnoreCase('ABC') or s.length() > 2 or s.equals('x')",
      "1 < a <= 5 != 4",
      "a == 3 or f == True or s != 'abc'",
      "Math.PI * x > 1 and Math.E > 2",
      "(a if f else x) > 2",
      "x != x",
      "1 // a",
      "10 % a + 9223372036854775807 * a",
      "time_based.minimum.nodes(now) * 2 if time_based.enabled else now.hour");

  @Test
  void everyConstructIsInterpretedAsCompiled() {
    Variables vars = Variables.builder().add("a", long.class).add("x", double.class).add("f", boolean.class)
        .add("s", String.class).add("time_based", TimeBasedVars.class).add("now", NowVar.class).build();
    String[] strings = {"j-1", "abc", "", "j-x", "ABC"};
    for (String source : CONSTRUCTS) {
      IntExpression compiled = COMPILER.compileInt("k", source, vars);
      Explainer explainer = COMPILER.explainer("k", source, vars);
      qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
        Random r = new Random(seed);
        Bindings b = vars.bindings().put("a", (long) (r.nextInt(16) - 5)).put("x", load(r) * 2 - 0.5)
            .put("f", r.nextBoolean()).put("s", strings[r.nextInt(strings.length)])
            .put("time_based", r.nextBoolean() ? TimeBasedVars.disabled() : TimeBasedVars.of(Schedule
                .parseTimeBasedScaling("k", "{\".*\": 7}", java.time.ZoneOffset.UTC)))
            .put("now", NowVar.of(Fixtures.TUESDAY_1AM)).build();
        Object expected;
        try {
          expected = compiled.evaluate(b);
        } catch (RuntimeException e) {
          expected = e.getClass();
        }
        Object actual;
        try {
          Explanation e = explainer.explain(b);
          assertThat(e.text().length()).isLessThanOrEqualTo(Explainer.MAX_LENGTH);
          actual = e.value();
        } catch (RuntimeException e) {
          actual = e.getClass();
        }
        assertThat(actual).as("%s with %s", source, seed).isEqualTo(expected);
      });
    }
  }

  @Test
  void aFalseConditionIsToldAsWhatHeld() {
    Variables vars = Variables.builder().add("cpu", double.class).add("n", long.class).build();
    Explainer e = COMPILER.explainer("k", "1 if cpu > 0.7 and n < 5 else 0", vars);
    // given cpu is below the threshold
    Explanation low = e.explain(vars.bind(Map.of("cpu", 0.4237, "n", 3L)));
    // then the first false part is named, with its negation (the other part was not read)
    assertThat(low.text()).isEqualTo("cpu = 0.424 <= 0.7");
    assertThat(low.reads()).containsOnlyKeys("cpu");
    // a missing metric (NaN) compares false either way: said as such
    assertThat(e.explain(vars.bind(Map.of("cpu", Double.NaN, "n", 3L))).text()).isEqualTo("cpu = NaN not > 0.7");
    // numbers that would print alike get the digits that tell them apart
    assertThat(e.explain(vars.bind(Map.of("cpu", 0.7000001, "n", 3L))).text())
        .isEqualTo("cpu = 0.7000001 > 0.7 and n = 3 < 5");
  }

  @Test
  void orAndNotAndArithmeticAreToldAsWritten() {
    Variables vars = Variables.builder().add("a", double.class).add("b", long.class).add("up", boolean.class)
        .build();
    Explainer e = COMPILER.explainer("k", "max(1, b // 2) if (a > 0.9 or b * 2 >= 10) and not up else 0", vars);
    Explanation x = e.explain(vars.bind(Map.of("a", 0.5, "b", 7L, "up", false)));
    assertThat(x.value()).isEqualTo(3);
    // a true 'or' is told by its true part: a was read, but did not decide
    assertThat(x.text()).isEqualTo("b * 2 = 7 * 2 = 14 >= 10 and not up; max(1, b // 2) = max(1, 7 // 2)");
    assertThat(x.reads()).containsExactly(Map.entry("b", 7L), Map.entry("up", false));
  }

  @Test
  void failuresAreTheCompiledOnes() {
    Variables vars = Variables.builder().add("n", long.class).build();
    Explainer e = COMPILER.explainer("k", "10 // n", vars);
    assertThatThrownBy(() -> e.explain(vars.bind(Map.of("n", 0L)))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> e.explain(vars.bind(Map.of()))).isInstanceOf(Bindings.UnboundException.class);
  }

  @Test
  void longTextsAreCut() {
    Variables vars = Variables.builder().add("a_rather_long_variable_name_for_a_metric", double.class).build();
    String cond = String.join(" and ", java.util.Collections.nCopies(20,
        "a_rather_long_variable_name_for_a_metric > 0.5"));
    Explanation x = COMPILER.explainer("k", "1 if " + cond + " else 0", vars)
        .explain(vars.bind(Map.of("a_rather_long_variable_name_for_a_metric", 0.75)));
    assertThat(x.text()).hasSize(Explainer.MAX_LENGTH).endsWith("...");
  }

  @Test
  void numbersAreShortButExact() {
    assertThat(Explainer.number(0.823456)).isEqualTo("0.823");
    assertThat(Explainer.number(12.0)).isEqualTo("12");
    assertThat(Explainer.number(1_234_567.8)).isEqualTo("1230000");
    assertThat(Explainer.number(0.000012345)).isEqualTo("0.0000123");
    assertThat(Explainer.number(1.5e-9)).isEqualTo("1.5E-9");
    assertThat(Explainer.number(Double.NaN)).isEqualTo("NaN");
  }

  /** Three significant digits of the shortest decimal form, HALF_UP, as the BigDecimal path prints them. */
  private static String threeDigitsByBigDecimal(double v) {
    java.math.BigDecimal d = java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    return exponent >= -4 && exponent < 15 ? d.toPlainString() : d.toString();
  }

  @Test
  void theFastThreeDigitPathPrintsWhatBigDecimalPrints() {
    // every magnitude the fast path takes (1e-4 to 1e6), both signs, and the edges around it
    qt().withExamples(Integer.getInteger("themis.qt.examples", 1000) * 20)
        .forAll(integers().between(-6, 7), doubles().between(1, 10), integers().between(0, 1))
        .checkAssert((exponent, mantissa, negative) -> {
          double v = (negative == 1 ? -1 : 1) * mantissa * Math.pow(10, exponent);
          if (v != Math.rint(v)) {
            assertThat(Explainer.number(v)).as("%s", v).isEqualTo(threeDigitsByBigDecimal(v));
          }
        });
    // ties (x.xx5), their neighbours, and the numbers next to powers of ten, where the fast path must hand over
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      int exponent = random.nextInt(11) - 5;
      double tie = (100 + random.nextInt(900) + 0.5) * Math.pow(10, exponent - 2);
      double power = Math.pow(10, exponent);
      for (double v : new double[] {tie, Math.nextUp(tie), Math.nextDown(tie), -tie, power, Math.nextDown(power),
          Math.nextUp(power), power * 0.9995, power * 0.99949, power * 0.99951}) {
        if (v != Math.rint(v)) {
          assertThat(Explainer.number(v)).as("%s", v).isEqualTo(threeDigitsByBigDecimal(v));
        }
      }
    }
  }

  @Test
  void aNumberBetweenTwoTextsReadsAsTheTextsAroundTheNumber() {
    qt().withExamples(Integer.getInteger("themis.qt.examples", 1000) * 5)
        .forAll(integers().between(-8, 16), doubles().between(-10, 10))
        .checkAssert((exponent, mantissa) -> {
          double v = mantissa * Math.pow(10, exponent);
          for (double x : new double[] {v, Math.rint(v), Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThat(Explainer.number("cpu ", x, " vs 0.7")).as("%s", x)
                .isEqualTo("cpu " + Explainer.number(x) + " vs 0.7");
            assertThat(Explainer.number("", x, "")).as("%s", x).isEqualTo(Explainer.number(x));
          }
        });
  }
}
