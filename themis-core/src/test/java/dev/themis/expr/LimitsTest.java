package dev.themis.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.expr.vars.StandardVariables;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Size and nesting limits give clean errors, never a StackOverflowError or an internal compiler message. */
class LimitsTest {
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();
  private static final Variables VARS = StandardVariables.emr();

  @Test
  void chainsUpToTheLimitCompile() {
    String src = "1" + " + 1".repeat(98);
    assertEquals(99, COMPILER.compileInt("k", src, VARS).evaluate(VARS.bind(Map.of())));
  }

  @Test
  void longerChainsAreRejectedWithPosition() {
    String src = "1" + "+1".repeat(1999);
    ExpressionException e = assertThrows(ExpressionException.class, () -> COMPILER.compileInt("k", src, VARS));
    assertTrue(e.reason().contains("nested too deeply"), e.getMessage());
    assertTrue(e.column() > 1, e.getMessage());
  }

  @Test
  void deepParenthesesAreRejected() {
    String src = "(".repeat(1000) + "1" + ")".repeat(1000);
    ExpressionException e = assertThrows(ExpressionException.class, () -> COMPILER.compileInt("k", src, VARS));
    assertTrue(e.reason().contains("nested too deeply"), e.getMessage());
  }

  @Test
  void deepNotChainsAreRejected() {
    String src = "not ".repeat(1000) + "True";
    assertThrows(ExpressionException.class, () -> COMPILER.compileBoolean("k", src, VARS));
  }
}
