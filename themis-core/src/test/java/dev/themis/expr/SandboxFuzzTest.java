package dev.themis.expr;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.themis.expr.vars.NowVar;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.TimeBasedVars;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random token soups and character soups: the compiler must either compile them or throw a clean
 * {@link ExpressionException}; what compiles must evaluate without escaping the sandbox (only arithmetic and
 * index errors, wrapped by callers).
 */
class SandboxFuzzTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();
  static final Variables VARS = StandardVariables.emr().toBuilder()
      .addAll(StandardVariables.kinesis()).build();
  static final Bindings BINDINGS;

  static {
    Bindings.Builder b = VARS.bindings()
        .putAll(Fixtures.emrVariables(Fixtures.tasknodes(5, 0.5, 0.5)))
        .putAll(Fixtures.kinesisVariables(2, 1000))
        .put("now", NowVar.of(Fixtures.TUESDAY_1AM))
        .put("time_based", TimeBasedVars.disabled())
        .put("cluster_id", "j-1")
        .put("stream_name", "s");
    BINDINGS = b.build();
  }

  private static final List<String> TOKENS = List.of(
      "tasknodes", "allnodes", "corenodes", "time_based", "now", "cluster_id", "stream", "shards", "shards_list",
      "yarn", ".", ".", ".", "count", "nodes", "average", "cpu", "mem", "max", "min", "total", "sysload",
      "running", "active", "enabled", "minimum", "IncomingBytes", "last", "sum", "hour", "weekday", "length",
      "(", "(", ")", ")", "[", "]", ",", "0", "1", "3", "-1", "0.5", "1e3", "'SPOT'", "\"x\"", "True", "False",
      "None", "true", "null", "if", "else", "and", "or", "not", "?", ":", "+", "-", "*", "/", "//", "%", "**",
      "<", "<=", ">", ">=", "==", "!=", "&&", "||", "!", "min", "abs", "int", "round", "floor", "ceil", "len",
      "Math", "math", "System", "exit", "new", "class", "getClass", "Runtime", "{", "}", ";", "=", "->", "::",
      "\\u0022", "'", "\"", "#", "/*", "lambda", "for", "9223372036854775807", "9223372036854775808", "1L");

  private static void attempt(String source) {
    try {
      IntExpression e = COMPILER.compileInt("fuzz.int", source, VARS);
      evaluate(() -> e.evaluate(BINDINGS));
    } catch (ExpressionException expected) {
      checkClean(expected);
    }
    try {
      BooleanExpression e = COMPILER.compileBoolean("fuzz.bool", source, VARS);
      evaluate(() -> e.evaluate(BINDINGS));
    } catch (ExpressionException expected) {
      checkClean(expected);
    }
    try {
      StringListExpression e = COMPILER.compileStringList("fuzz.list", source, VARS);
      evaluate(() -> e.evaluate(BINDINGS));
    } catch (ExpressionException expected) {
      checkClean(expected);
    }
  }

  /**
   * A clean error comes from the parser or type checker, at the user's position; Janino or the bytecode verifier
   * rejecting translated code would mean the type checker let something through.
   */
  private static void checkClean(ExpressionException e) {
    if (e.reason().startsWith("the expression could not be compiled") || e.reason().startsWith("not allowed by the sandbox")) {
      throw new AssertionError("the type checker missed: " + e.getMessage());
    }
    COMPILE_ERRORS.incrementAndGet();
  }

  private static final java.util.concurrent.atomic.AtomicLong COMPILE_ERRORS = new java.util.concurrent.atomic.AtomicLong();
  private static final java.util.concurrent.atomic.AtomicLong COMPILED = new java.util.concurrent.atomic.AtomicLong();

  @org.junit.jupiter.api.AfterAll
  static void report() {
    System.out.println("fuzz: " + COMPILED.get() + " compiled, " + COMPILE_ERRORS.get() + " clean compile errors");
  }

  private static void evaluate(Runnable r) {
    COMPILED.incrementAndGet();
    try {
      r.run();
    } catch (ArithmeticException | ArrayIndexOutOfBoundsException | IllegalStateException | NullPointerException
        expected) {
      // evaluation errors the policy wraps in an EvaluationException (integer division by zero, bad index,
      // None passed to a method)
    }
  }

  @Test
  void tokenSoupsNeverCrashTheCompiler() {
    qt().withExamples(EXAMPLES)
        .forAll(lists().of(arbitrary().pick(TOKENS)).ofSizeBetween(0, 25), arbitrary().pick(List.of(" ", "")))
        .checkAssert((tokens, sep) -> attempt(String.join(sep, tokens)));
  }

  private static final String[] ATOMS = {
      "tasknodes.count.nodes", "tasknodes.average.cpu", "tasknodes.running", "time_based.enabled",
      "time_based.minimum.nodes(now)", "now.hour", "now.weekday()", "cluster_id", "'SPOT'", "None", "True", "0",
      "1", "-3", "0.5", "shards.count", "stream.IncomingBytes.last", "shards_list[0].IncomingBytes.max",
      "shards_list[-1]['id']", "len(shards_list)", "yarn.containersPending", "['a', 'b']", "Math.PI"};
  private static final String[] BINARY = {
      "+", "-", "*", "/", "//", "%", "**", "<", "<=", ">", "==", "!=", "and", "or", "&&", "||"};
  private static final String[] UNARY_FN = {"not ", "-", "!", "abs", "int", "float", "round", "floor", "ceil",
      "len", "Math.sqrt", "Math.floor", "Math.round"};

  /** A random grammatical expression; types are random, so many do not type-check. */
  static String grammatical(java.util.Random r, int depth) {
    if (depth == 0 || r.nextInt(4) == 0) {
      return ATOMS[r.nextInt(ATOMS.length)];
    }
    switch (r.nextInt(6)) {
      case 0:
        return grammatical(r, depth - 1) + " " + BINARY[r.nextInt(BINARY.length)] + " " + grammatical(r, depth - 1);
      case 1:
        return "(" + grammatical(r, depth - 1) + " if " + grammatical(r, depth - 1) + " else "
            + grammatical(r, depth - 1) + ")";
      case 2:
        return "(" + grammatical(r, depth - 1) + " ? " + grammatical(r, depth - 1) + " : "
            + grammatical(r, depth - 1) + ")";
      case 3: {
        String f = UNARY_FN[r.nextInt(UNARY_FN.length)];
        return f.length() <= 4 ? f + grammatical(r, depth - 1) : f + "(" + grammatical(r, depth - 1) + ")";
      }
      case 4:
        return (r.nextBoolean() ? "max(" : "min(") + grammatical(r, depth - 1) + ", " + grammatical(r, depth - 1)
            + ")";
      default:
        return grammatical(r, depth - 1) + " < " + grammatical(r, depth - 1) + " <= " + grammatical(r, depth - 1);
    }
  }

  @Test
  void grammaticalExpressionsEitherCompileOrFailInTheTypeChecker() {
    qt().withExamples(EXAMPLES)
        .forAll(org.quicktheories.generators.SourceDSL.longs().all())
        .checkAssert(seed -> attempt(grammatical(new java.util.Random(seed), 4)));
  }

  @Test
  void characterSoupsNeverCrashTheCompiler() {
    qt().withExamples(EXAMPLES)
        .forAll(strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(SandboxFuzzTest::attempt);
  }

  @Test
  void asciiSoupsNeverCrashTheCompiler() {
    qt().withExamples(EXAMPLES)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .checkAssert(SandboxFuzzTest::attempt);
  }
}
