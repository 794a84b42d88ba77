package dev.themis.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.expr.vars.MetricStats;
import dev.themis.expr.vars.ShardVars;
import dev.themis.expr.vars.StandardVariables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, items 10 and 11: {@code 1/0} loaded and failed on every tick, {@code 9223372036854775807 + 1} wrapped
 * to a negative number, {@code shards_list[4294967296]} read shard 0 (the index was cast to int); an index out of range surfaced as "ArrayIndexOutOfBoundsException: Index 3 out of
 * bounds for length 2"; deep nesting reached Janino, whose "Compilation unit is nested too deeply at line 1, column
 * 1" is about generated code; a long market list overflowed the stack of a regex. Constant failures are rejected at
 * load, indexes are checked, and every message is in the expression's terms.
 */
class ExpressionsThatAlwaysFailOrLeakTest {
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();
  private static final Variables KINESIS = StandardVariables.kinesis();

  private static Bindings twoShards() {
    MetricStats none = MetricStats.missing();
    ShardVars a = ShardVars.of("shardId-0", "0", "1", Map.of("IncomingBytes", none));
    ShardVars b = ShardVars.of("shardId-1", "2", "3", Map.of("IncomingBytes", none));
    return KINESIS.bindings().put("shards_list", new ShardVars[] {a, b}).build();
  }

  @Test
  void constantExpressionsThatAlwaysFailAreRejectedAtLoad() {
    assertThatThrownBy(() -> COMPILER.compileInt("kinesis.s.stream_upscale_expr", "1/0", KINESIS))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("kinesis.s.stream_upscale_expr: the expression always fails: division by zero");
    assertThatThrownBy(() -> COMPILER.compileInt("kinesis.s.stream_upscale_expr", "3 if 1 // 0 > 2 else 0", KINESIS))
        .hasMessageContaining("always fails: division by zero");
    assertThatThrownBy(() -> COMPILER.compileStringList("emr.j-1.group_or_preferred_market", "['SPOT', 'ON_DEMAND'][2]",
        StandardVariables.emr()))
        .hasMessageContaining("emr.j-1.group_or_preferred_market: the expression always fails: index 2 is outside the"
            + " list of 2 elements");
    assertThatThrownBy(() -> COMPILER.compileInt("k", "9223372036854775807 + 1", KINESIS))
        .hasMessageContaining("k: the expression always fails: integer overflow (beyond 2^63-1)");
    assertThatThrownBy(() -> COMPILER.compileInt("k", "-9223372036854775807 - 2", KINESIS))
        .hasMessageContaining("integer overflow");
    // reading a variable first: evaluated per tick, not rejected
    assertThat(COMPILER.compileInt("k", "1 / shards.count", KINESIS)).isNotNull();
  }

  @Test
  void anIndexBeyondIntDoesNotWrapToTheFirstShard() {
    IntExpression e = COMPILER.compileInt("kinesis.s.stream_upscale_expr",
        "1 if shards_list[4294967296].id == 'shardId-0' else 0", KINESIS);
    assertThatThrownBy(() -> e.evaluate(twoShards()))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 4294967296 is outside the list of 2 elements");
    IntExpression last = COMPILER.compileInt("k", "1 if shards_list[-1].id == 'shardId-1' else 0", KINESIS);
    assertThat(last.evaluate(twoShards())).isEqualTo(1);
    IntExpression computed = COMPILER.compileInt("k", "1 if shards_list[shards.count - 3].id == 'shardId-1' else 0",
        KINESIS);
    assertThat(computed.evaluate(KINESIS.bindings().putAll(Map.of("shards_list", twoShards().get("shards_list")))
        .put("shards", dev.themis.expr.vars.ShardsVars.of(2, List.of())).build()))
        .as("a computed negative index counts from the end, as in Python").isEqualTo(1);
  }

  @Test
  void evaluationFailuresAreReportedInTheExpressionsTerms() {
    IntExpression e = COMPILER.compileInt("kinesis.s.stream_upscale_expr", "1 if shards_list[3].id == 'x' else 0",
        KINESIS);
    RuntimeException cause = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> e.evaluate(twoShards()));
    EvaluationException ex = new EvaluationException("kinesis.s.stream_upscale_expr",
        "1 if shards_list[3].id == 'x' else 0", cause);
    assertThat(ex.getMessage()).isEqualTo("kinesis.s.stream_upscale_expr: evaluating '1 if shards_list[3].id == 'x'"
        + " else 0' failed: index 3 is outside the list of 2 elements");
    assertThat(new EvaluationException("k", "1 / shards.count", new ArithmeticException("/ by zero")).getMessage())
        .isEqualTo("k: evaluating '1 / shards.count' failed: division by zero");
    IntExpression big = COMPILER.compileInt("k", "shards.count * 9223372036854775807", KINESIS);
    RuntimeException overflow = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class,
        () -> big.evaluate(KINESIS.bindings().put("shards", dev.themis.expr.vars.ShardsVars.of(2, List.of())).build()));
    assertThat(new EvaluationException("k", "shards.count * 9223372036854775807", overflow).getMessage())
        .isEqualTo("k: evaluating 'shards.count * 9223372036854775807' failed: integer overflow (beyond 2^63-1)");
  }

  @Test
  void deepNestingIsReportedInOurWordsNotJaninos() {
    String deep = "(".repeat(3000) + "1" + ")".repeat(3000);
    assertThatThrownBy(() -> COMPILER.compileInt("emr.j-1.upscale_expr", deep, StandardVariables.emr()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("emr.j-1.upscale_expr")
        .hasMessageNotContaining("Compilation unit");
  }

  @Test
  void aLongMarketListIsAListNotAStackOverflow() {
    StringBuilder list = new StringBuilder("SPOT");
    for (int i = 0; i < 20_000; i++) {
      list.append(", ig-").append(i);
    }
    StringListExpression e = COMPILER.compileStringList("emr.j-1.group_or_preferred_market", list.toString(),
        StandardVariables.emr());
    assertThat(e.evaluate(StandardVariables.emr().bindings().build())).hasSize(20_001).startsWith("SPOT", "ig-0");
    assertThat(ExpressionCompiler.literalList("SPOT ,ON_DEMAND")).isTrue();
    assertThat(ExpressionCompiler.literalList("SPOT ON_DEMAND")).isFalse();
    assertThat(ExpressionCompiler.literalList("SPOT,")).isFalse();
    assertThat(ExpressionCompiler.literalList(",SPOT")).isFalse();
  }
}
