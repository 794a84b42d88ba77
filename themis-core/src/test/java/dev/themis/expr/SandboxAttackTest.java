package dev.themis.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.expr.vars.StandardVariables;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attack expressions: each must be rejected at compile time, before any generated code is loaded, with a message
 * that names the key, shows a caret and says what is wrong. Runs on Java 17 and Java 25.
 */
class SandboxAttackTest {
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();
  private static final Variables VARS = StandardVariables.emr().toBuilder()
      .addAll(StandardVariables.kinesis()).build();
  private static final String KEY = "emr.j-ATTACK.upscale_expr";

  static Stream<Arguments> attacks() {
    return Stream.of(
        // anonymous / local classes, object creation
        a("new Object(){int f(){System.exit(7);return 0;}}.f()", "'new' is not allowed"),
        a("new ProcessBuilder(\"sh\", \"-c\", \"rm -rf /\").start() == null ? 1 : 0", "'new' is not allowed"),
        a("new java.io.File(\"/etc/passwd\").delete() ? 1 : 0", "'new' is not allowed"),
        a("new java.net.URL(\"http://evil\").openStream().read()", "'new' is not allowed"),
        a("new Thread().start()", "'new' is not allowed"),
        a("new long[Integer.MAX_VALUE].length", "'new' is not allowed"),
        a("new java.util.ArrayList().size()", "'new' is not allowed"),
        // process, exit, environment
        a("System.exit(0)", "unknown variable 'System'"),
        a("java.lang.System.exit(0)", "unknown variable 'java'"),
        a("Runtime.getRuntime().exec(\"rm -rf /\")", "'exec' is not allowed"),
        a("Runtime.getRuntime().availableProcessors()", "unknown variable 'Runtime'"),
        a("java.lang.Runtime.getRuntime().halt(1)", "unknown variable 'java'"),
        a("System.getenv(\"AWS_SECRET_ACCESS_KEY\").length()", "unknown variable 'System'"),
        a("Integer.getInteger(\"user.home\")", "unknown variable 'Integer'"),
        a("1 if True else System.exit(0)", "unknown variable 'System'"),
        // files, network
        a("java.nio.file.Files.delete(java.nio.file.Path.of(\"/\"))", "unknown variable 'java'"),
        a("open('/etc/passwd').read()", "unknown function 'open'"),
        a("os.system('ls')", "unknown variable 'os'"),
        // reflection, class loaders
        a("Class.forName(\"java.lang.Runtime\")", "unknown variable 'Class'"),
        a("tasknodes.getClass().getClassLoader()", "NodeGroupVars has no method 'getClass'"),
        a("tasknodes.getClass().getDeclaredFields()[0].get(null)", "no method 'getClass'"),
        a("cluster_id.getClass().forName('x')", "string method 'getClass' is not allowed"),
        a("int.class", "'class' is not allowed"),
        a("tasknodes.class", "'class' is not allowed"),
        a("ClassLoader.getSystemClassLoader()", "unknown variable 'ClassLoader'"),
        a("Thread.currentThread().getContextClassLoader()", "unknown variable 'Thread'"),
        a("now.dateTime().getZone()", "NowVar has no method 'dateTime'"),
        a("tasknodes.hashCode()", "no method 'hashCode'"),
        a("tasknodes.toString().length()", "no method 'toString'"),
        a("shards_list.clone()", "has no method 'clone'"),
        // String-based tricks
        a("String.valueOf(tasknodes)", "unknown variable 'String'"),
        a("cluster_id.repeat(2147483647).length()", "string method 'repeat' is not allowed"),
        a("len(cluster_id + cluster_id)", "string concatenation is not supported"),
        a("len('a' + 'b')", "string concatenation is not supported"),
        a("cluster_id.getBytes()[0]", "string method 'getBytes' is not allowed"),
        a("cluster_id.intern().length()", "string method 'intern' is not allowed"),
        a("\\u0053ystem.exit(0)", "'\\' is only allowed inside string literals"),
        a("len(\"\\u0022); System.exit(0); (\\u0022\")", "unsupported escape '\\u'"),
        a("\u0405ystem.exit(0)", "unexpected character"),
        a("len(\"x\") /* */ ", "comments are not allowed"),
        a("1 # comment", "comments are not allowed"),
        // statements, lambdas, loops, recursion
        a("for (;;) {}", "'for' is not allowed: loops"),
        a("while (true) 1", "'while' is not allowed: loops"),
        a("{ return 1; }", "'{' is not allowed"),
        a("1; System.exit(0)", "';' is not allowed"),
        a("x = 1", "'=' is not allowed"),
        a("tasknodes.count.nodes++", "'++' is not allowed"),
        a("(x) -> x", "'->' is not allowed: lambdas"),
        a("Math::max", "'::' is not allowed"),
        a("lambda: 1", "'lambda' is not allowed"),
        a("def f(): return f()", "'def' is not allowed"),
        a("this.getClass()", "'this' is not allowed"),
        a("super.hashCode()", "'super' is not allowed"),
        a("tasknodes instanceof Object", "'instanceof' is not allowed"),
        a("synchronized (tasknodes) { 1 }", "'synchronized' is not allowed"),
        a("throw new RuntimeException()", "'throw' is not allowed"),
        a("try { 1 } finally { }", "'try' is not allowed"),
        a("switch (1) { default -> 1 }", "'switch' is not allowed"),
        a("import os", "'import' is not allowed"),
        a("__import__('os').system('ls')", "unknown function '__import__'"),
        a("eval('1')", "'eval' is not allowed"),
        a("exec('import os')", "'exec' is not allowed"),
        a("@Deprecated 1", "annotations"),
        // unbounded allocation or evaluation
        a("['a'] * 1000000000", "needs numbers"),
        a("len([1, 2])", "list items must be strings"),
        a("len(['a','a','a','a','a','a','a','a','a'])", "list literal too long"),
        a("(".repeat(200) + "1" + ")".repeat(200), "nested too deeply"),
        a("1" + " + 1".repeat(2000), "expression too long"),
        a("Math.random() > 0.5 ? 1 : 0", "Math.random is not allowed"),
        a("Math.class", "'class' is not allowed"),
        a("max(*[1, 2])", "unexpected '*'"));
  }

  private static Arguments a(String expression, String expectedMessage) {
    return Arguments.of(expression, expectedMessage);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("attacks")
  void isRejectedAtCompileTimeWithAClearMessage(String expression, String expectedMessage) {
    // given a count of generated classes before
    long before = ExpressionCompiler.compilations();
    // when
    ExpressionException e = assertThrows(ExpressionException.class,
        () -> COMPILER.compileInt(KEY, expression, VARS));
    // then: nothing was compiled and loaded, and the message is clear
    assertEquals(before, ExpressionCompiler.compilations());
    String msg = e.getMessage();
    assertTrue(msg.contains(expectedMessage), () -> "expected '" + expectedMessage + "' in:\n" + msg);
    assertTrue(msg.contains(KEY + ": "), msg);
    assertTrue(msg.contains("at line " + e.line() + ", column " + e.column() + "; expected "), msg);
    assertTrue(msg.contains("\n      ^") || msg.matches("(?s).*\n {6} *\\^.*"), msg);
    assertEquals(1, e.problems().size());
  }

  @org.junit.jupiter.api.Test
  void thereAreAtLeast40DistinctAttacks() {
    assertTrue(attacks().map(x -> x.get()[0]).distinct().count() >= 40);
  }
}
