package dev.themis.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.themis.expr.vars.NodeGroupVars;
import dev.themis.expr.vars.NowVar;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.TimeBasedVars;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionCompilerTest {
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();
  private static final Variables VARS = StandardVariables.emr();
  private static final Bindings B = Fixtures.emrBindings(
      Fixtures.tasknodes(7, 0.9, 0.5), dev.themis.schedule.Schedule.none(), Fixtures.TUESDAY_1AM);

  private static long eval(String src) {
    return COMPILER.compileInt("k", src, VARS).evaluate(B);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '~', value = {
      "3 if tasknodes.average.cpu > 0.7 else 0~3",
      "tasknodes.average.cpu > 0.7 ? 3 : 0~3",
      "1 if False else 2 if True else 3~2",
      "(1 if False else 2) if False else 3~3",
      "1 if not tasknodes.running else 4~4",
      "1 if tasknodes.running and not False or False else 0~1",
      "1 if tasknodes.running && !false || false else 0~1",
      "7 // 2~3",
      "-7 // 2~-4",
      "-7 / 2~-4",
      "7 % 3~1",
      "-7 % 2~1",
      "(-7 // 2) * 2 + -7 % 2~-7",
      "int(2 ** 10)~1024",
      "1 if 1 < tasknodes.count.nodes <= 7 else 0~1",
      "1 if 1 < tasknodes.count.nodes < 7 else 0~0",
      "max(1, 5, 3)~5",
      "min(tasknodes.count.nodes, 3)~3",
      "int(2.9)~2",
      "int(-2.9)~-2",
      "round(2.5)~3",
      "round(-2.5)~-3",
      "floor(2.9)~2",
      "ceil(2.1)~3",
      "abs(-4)~4",
      "len(cluster_id)~6",
      "Math.max(2, tasknodes.count.nodes)~7",
      "Math.floorDiv(7, 2)~3",
      "Math.round(tasknodes.average.cpu * 10)~9",
      "tasknodes.running~1",
      "True~1",
      "1 if cluster_id == 'j-TEST' else 0~1",
      "1 if cluster_id != \"j-TEST\" else 0~0",
      "1 if None == None else 0~1",
      "1 if cluster_id.startswith('j-') else 0~1",
      "1 if cluster_id.contains('TEST') else 0~1",
      "1 if cluster_id.contains('x') else 0~0",
      "1 if corenodes.average.cpu < 0.5 else 0~0",
      "1 if not (corenodes.average.cpu >= 0.5) else 0~1",
      "time_based.minimum.nodes(now)~1",
      "1 if time_based.enabled else 0~0",
      "now.hour + now.weekday() + now.isoweekday()~4",
      "9223372036854775807~9223372036854775807",
      "tasknodes['count']['nodes']~7"})
  void bothSyntaxesEvaluate(String src, long expected) {
    assertEquals(expected, eval(src));
  }

  @Test
  void missingMetricsAreNanAndEveryComparisonIsFalse() {
    // given a group whose nodes report no cpu
    NodeGroupVars g = NodeGroupVars.of(List.of(new dev.themis.expr.vars.NodeSample(true, true, Double.NaN, 0.5, 1)));
    Bindings b = Fixtures.emrBindings(g, dev.themis.schedule.Schedule.none(), Fixtures.TUESDAY_1AM);
    // then neither rule fires
    assertEquals(0, COMPILER.compileInt("k", "1 if tasknodes.average.cpu > 0.7 else 0", VARS).evaluate(b));
    assertEquals(0, COMPILER.compileInt("k", "1 if tasknodes.average.cpu < 0.5 else 0", VARS).evaluate(b));
    assertEquals(0, COMPILER.compileInt("k", "int(tasknodes.average.cpu)", VARS).evaluate(b));
  }

  @Test
  void fractionalResultsAreRejectedAtCompileTimeNotTruncated() {
    ExpressionException e = assertThrows(ExpressionException.class,
        () -> COMPILER.compileInt("emr.j.downscale_expr", "2.0 if tasknodes.running else 0", VARS));
    assertTrue(e.reason().contains("fractional number (double)"), e.getMessage());
    assertTrue(e.expected().contains("int(...)"), e.getMessage());
  }

  @Test
  void errorShowsKeyLineColumnCaretAndExpectation() {
    String src = "3 if (tasknodes.running\n  and tasknodes.averag.cpu > 0.7) else 0";
    ExpressionException e = assertThrows(ExpressionException.class,
        () -> COMPILER.compileInt("emr.j-1.upscale_expr", src, VARS));
    assertEquals(2, e.line());
    assertEquals(17, e.column());
    assertEquals("emr.j-1.upscale_expr", e.key());
    assertEquals("1 configuration problem:\n"
        + "  - emr.j-1.upscale_expr: NodeGroupVars has no field 'averag' (did you mean 'average'?) at line 2, "
        + "column 17; expected one of [running, active, count, average, total, min, max]\n"
        + "        and tasknodes.averag.cpu > 0.7) else 0\n"
        + "                      ^", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "3 if tasknodes.average.cpu > 0.7|'else'",
      "tasknodes.average.cpu > 0.7 ? 3|':'",
      "(1 + 2|')'",
      "1 +|a number, a string, a variable",
      "3 if tasknodes.average.cpu else 0|a condition",
      "1 if cluster_id > 'a' else 0|two numbers",
      "1 if tasknodes.running == 1 else 0|two numbers, two booleans or two strings",
      "tasknodes.count.nodes and 1|a boolean",
      "cluster_id|an integer expression",
      "tasknodez.count.nodes|did you mean 'tasknodes'",
      "mx(1, 2)|did you mean 'max'",
      "time_based.minimum.nodes()|nodes(NowVar)",
      "time_based.minimum.nodes|call it",
      "1 if True else 'x'|incompatible types"})
  void syntaxAndTypeErrorsSayWhatWasExpected(String src, String fragment) {
    ExpressionException e = assertThrows(ExpressionException.class, () -> COMPILER.compileInt("k", src, VARS));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void emptyAndUnterminated() {
    assertTrue(assertThrows(ExpressionException.class, () -> COMPILER.compileInt("k", " ", VARS)).getMessage()
        .contains("empty expression"));
    assertTrue(assertThrows(ExpressionException.class, () -> COMPILER.compileInt("k", "'abc", VARS)).getMessage()
        .contains("unterminated string literal"));
  }

  @Test
  void booleanExpressions() {
    assertTrue(COMPILER.compileBoolean("k", "tasknodes.running and tasknodes.average.cpu > 0.5", VARS).evaluate(B));
    assertThrows(ExpressionException.class, () -> COMPILER.compileBoolean("k", "1", VARS));
  }

  @Test
  void compiledOnceAndCached() {
    ExpressionCompiler c = ExpressionCompiler.create();
    IntExpression a = c.compileInt("a", "1 + tasknodes.count.nodes", VARS);
    IntExpression b = c.compileInt("b", "1 + tasknodes.count.nodes", VARS);
    assertSame(a, b);
    assertEquals(1, c.cachedCount());
    // another schema is another entry
    c.compileInt("a", "1 + tasknodes.count.nodes", VARS.toBuilder().add("extra", long.class).build());
    assertEquals(2, c.cachedCount());
  }

  @Test
  void concurrentCompilationsOfOneExpressionShareOneCompiledObject() throws Exception {
    ExpressionCompiler c = ExpressionCompiler.create();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<IntExpression>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> c.compileInt("k", OriginalDefaults.UPSCALE_EXPR, VARS)));
      }
      IntExpression first = futures.get(0).get();
      for (java.util.concurrent.Future<IntExpression> f : futures) {
        assertSame(first, f.get());
      }
      assertEquals(1, c.cachedCount());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unboundVariableFailsAtEvaluationWithItsName() {
    IntExpression e = COMPILER.compileInt("k", "tasknodes.count.nodes", VARS);
    IllegalStateException ex = assertThrows(IllegalStateException.class, () -> e.evaluate(VARS.bind(Map.of())));
    assertEquals("variable 'tasknodes' has no value", ex.getMessage());
  }

  @Test
  void primitiveAndUserVariables() {
    // given a user's own variable type outside dev.themis.expr.vars
    Variables v = Variables.builder().add("queue", QueueVars.class).add("limit", long.class)
        .add("ratio", double.class).add("on", boolean.class).build();
    Bindings b = v.bindings().put("queue", new QueueVars(42)).put("limit", 40L).put("ratio", 0.5).put("on", true)
        .build();
    assertEquals(2, COMPILER.compileInt("k", "queue.depth - limit if on and ratio < 1 else 0", v).evaluate(b));
    assertEquals(84, COMPILER.compileInt("k", "queue.doubled()", v).evaluate(b));
    assertThrows(ExpressionException.class, () -> COMPILER.compileInt("k", "queue.leak().length()", v));
    assertThrows(IllegalArgumentException.class, () -> v.bindings().put("limit", "x"));
  }

  /** A user's variable type. */
  public static final class QueueVars {
    public final long depth;

    public QueueVars(long depth) {
      this.depth = depth;
    }

    public long doubled() {
      return depth * 2;
    }

    /** Returns a type that is not allowed: invisible to expressions. */
    public StringBuilder leak() {
      return new StringBuilder();
    }
  }

  /** A user's helper functions. */
  public static final class Helpers {
    private Helpers() {}

    public static long clamp(long v, long lo, long hi) {
      return Math.max(lo, Math.min(hi, v));
    }

    /** Not visible: its return type is not allowed. */
    public static Runtime runtime() {
      return Runtime.getRuntime();
    }
  }

  @Test
  void registeredHelperFunctions() {
    ExpressionCompiler c = ExpressionCompiler.builder().functions("fn", Helpers.class).build();
    assertEquals(5, c.compileInt("k", "fn.clamp(tasknodes.count.nodes, 1, 5)", VARS).evaluate(B));
    ExpressionException e = assertThrows(ExpressionException.class,
        () -> c.compileInt("k", "fn.runtime().availableProcessors()", VARS));
    assertTrue(e.getMessage().contains("no function runtime() in Helpers"), e.getMessage());
    // without registration the namespace is unknown
    assertThrows(ExpressionException.class,
        () -> COMPILER.compileInt("k", "fn.clamp(tasknodes.count.nodes, 1, 5)", VARS));
  }

  @Test
  void pythonFormsTranslateToJava() {
    assertEquals("(time_based.enabled ? 1 : (((tasknodes.running && !tasknodes.active) || false) ? 2 : 0))",
        PythonSyntax.translate("1 if time_based.enabled else 2 if tasknodes.running and not tasknodes.active "
            + "or False else 0"));
    assertEquals("(1 < tasknodes.count.nodes && tasknodes.count.nodes <= 5)",
        PythonSyntax.translate("1 < tasknodes.count.nodes <= 5"));
    assertEquals("Math.floorDiv(x, 2)", PythonSyntax.translate("x // 2"));
    assertEquals("s[0].IncomingBytes.average", PythonSyntax.translate("s[0]['IncomingBytes']['average']"));
  }

  @Test
  void translationToJavaPreservesMeaning() {
    Variables vars = SandboxFuzzTest.VARS;
    qt().withExamples(Integer.getInteger("themis.qt.examples", 1000))
        .forAll(org.quicktheories.generators.SourceDSL.longs().all())
        .checkAssert(seed -> {
          String src = SandboxFuzzTest.grammatical(new Random(seed), 3);
          IntExpression original;
          try {
            original = COMPILER.compileInt("k", src, vars);
          } catch (ExpressionException e) {
            return;
          }
          String java = PythonSyntax.translate(src);
          IntExpression translated = COMPILER.compileInt("k", java, vars);
          assertEquals(outcome(() -> original.evaluate(SandboxFuzzTest.BINDINGS)),
              outcome(() -> translated.evaluate(SandboxFuzzTest.BINDINGS)), src + "  =>  " + java);
        });
  }

  /** Regression: the Java form of {@code int // float} used to be rejected (Math.floorDiv took integers only). */
  @Test
  void floorDivisionOfAFloatKeepsItsMeaningInJavaSyntax() {
    Variables vars = SandboxFuzzTest.VARS;
    String src = "min(tasknodes.count.nodes // stream.IncomingBytes.last, 1) > yarn.containersPending";
    String java = PythonSyntax.translate(src);
    assertEquals("(min(Math.floorDiv(tasknodes.count.nodes, stream.IncomingBytes.last), 1) > yarn.containersPending)",
        java);
    assertEquals(outcome(() -> COMPILER.compileInt("k", src, vars).evaluate(SandboxFuzzTest.BINDINGS)),
        outcome(() -> COMPILER.compileInt("k", java, vars).evaluate(SandboxFuzzTest.BINDINGS)));
    assertEquals(2, COMPILER.compileInt("k", "int(Math.floorDiv(7.5, 3))", vars).evaluate(SandboxFuzzTest.BINDINGS));
  }

  private static String outcome(java.util.function.LongSupplier s) {
    try {
      return Long.toString(s.getAsLong());
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Test
  void nowAndTimeBasedAreUsable() {
    Bindings b = VARS.bindings().put("now", NowVar.of(Fixtures.TUESDAY_1AM))
        .put("time_based", TimeBasedVars.disabled()).build();
    assertFalse(COMPILER.compileBoolean("k", "time_based.enabled or now.year < 2016", VARS).evaluate(b));
  }
}
