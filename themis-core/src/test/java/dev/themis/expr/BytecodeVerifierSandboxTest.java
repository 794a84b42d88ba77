package dev.themis.expr;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.expr.vars.StandardVariables;
import java.util.Map;
import org.codehaus.janino.SimpleCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The last sandbox layer on its own: hand-written Java bodies (which the parser would never produce) compiled by
 * Janino but never loaded; the verifier must reject every one from its class file alone.
 */
class BytecodeVerifierSandboxTest {
  private static final Variables VARS = StandardVariables.emr();

  private static String verify(String body) throws Exception {
    String src = "public final class ThemisExpression implements dev.themis.expr.IntExpression {\n"
        + "  public long evaluate(dev.themis.expr.Bindings $b) {\n" + body + "\n  }\n}\n";
    SimpleCompiler sc = new SimpleCompiler();
    sc.cook(src);
    Map<String, byte[]> classes = sc.getBytecodes();
    if (classes.size() != 1) {
      return "more than one class";
    }
    return new BytecodeVerifier(VARS, IntExpression.class).verify("ThemisExpression",
        classes.get("ThemisExpression"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "System.exit(7); return 0;|java.lang.System",
      "Runtime.getRuntime().gc(); return 0;|java.lang.Runtime",
      "while (true) { } |backward jump",
      "long s = 0; for (int i = 0; i < 10; i++) s += i; return s;|backward jump",
      "return new long[(int) $b.longAt(0)].length;|array creation",
      "return new long[1][1].length;|array creation",
      "return new String[] {\"a\"}.length;|array creation",
      "return evaluate($b);|must not call itself",
      "return new Object().hashCode();|java.lang.Object.hashCode",
      "Object o = new Object(); return 1;|object creation",
      "return \"a\".repeat(9).length();|java.lang.String.repeat",
      "return ((CharSequence) \"ab\").length();|java.lang.CharSequence.length",
      "return ((CharSequence) \"ab\").subSequence(0, 1).length();|java.lang.CharSequence.subSequence",
      "return ((CharSequence) \"ab\").chars().sum();|java.util.stream.IntStream",
      "return String.valueOf(1).length();|java.lang.String.valueOf",
      "return Integer.getInteger(\"x\");|java.lang.Integer",
      "return Math.round(Math.random());|java.lang.Math.random",
      "return ((dev.themis.expr.vars.NodeGroupVars) $b.ref(1)).getClass().getName().length();|java.lang.Class",
      "return ((dev.themis.expr.vars.NodeGroupVars) $b.ref(1)).toString().length();|toString",
      "return ((dev.themis.expr.vars.NowVar) $b.ref(5)).dateTime().getYear();|java.time.ZonedDateTime",
      "return $b.variables().names().size();|dev.themis.expr.Variables",
      "return dev.themis.expr.ExpressionCompiler.compilations();|ExpressionCompiler",
      "throw new IllegalStateException();|IllegalStateException",
      "synchronized ($b) { return 1; }|java.lang.Throwable",
      "return Thread.currentThread().getId();|java.lang.Thread",
      "return new Object(){ long f() { return 1; } }.f();|more than one class"})
  void rejects(String body, String reason) throws Exception {
    String why = verify(body);
    assertNotNull(why, body);
    assertTrue(why.contains(reason), () -> "expected '" + reason + "' in: " + why);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "return ((dev.themis.expr.vars.NodeGroupVars) $b.ref(1)).count.nodes > 3 ? 1L : 0L;",
      "return java.lang.Math.max(1L, $b.longAt(0) + 0);"})
  void acceptsWhatTheTranslatorEmits(String body) throws Exception {
    String b = body.replace("$b.longAt(0) + 0", "2L");
    assertNull(verify(b), b);
  }
}
