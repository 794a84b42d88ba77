package dev.themis.benchmarks;

import dev.themis.expr.Bindings;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.IntExpression;
import dev.themis.expr.OriginalDefaults;
import dev.themis.expr.Variables;
import dev.themis.expr.vars.LoadStats;
import dev.themis.expr.vars.NodeGroupVars;
import dev.themis.expr.vars.NowVar;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.TimeBasedVars;
import java.time.Instant;
import java.time.ZoneOffset;

/** The original default {@code upscale_expr}, verbatim, compiled by Themis and bound to {@link UpscaleInputs}. */
final class ThemisUpscale {
  private final IntExpression expression;
  private final Bindings bindings;

  private ThemisUpscale(IntExpression expression, Bindings bindings) {
    this.expression = expression;
    this.bindings = bindings;
  }

  static ThemisUpscale create() {
    Variables vars = StandardVariables.emr();
    IntExpression e = ExpressionCompiler.create().compileInt("emr.bench.upscale_expr", OriginalDefaults.UPSCALE_EXPR,
        vars);
    return new ThemisUpscale(e, bindings(vars));
  }

  static Bindings bindings(Variables vars) {
    LoadStats avg = LoadStats.of(UpscaleInputs.CPU, UpscaleInputs.MEM, 1.0);
    LoadStats total = LoadStats.of(UpscaleInputs.CPU * UpscaleInputs.NODES, UpscaleInputs.MEM * UpscaleInputs.NODES,
        UpscaleInputs.NODES);
    NodeGroupVars task = NodeGroupVars.of(UpscaleInputs.RUNNING, UpscaleInputs.ACTIVE, UpscaleInputs.NODES, avg,
        total, avg, avg);
    return vars.bindings()
        .put("tasknodes", task)
        .put("time_based", TimeBasedVars.disabled())
        .put("now", NowVar.of(Instant.ofEpochSecond(UpscaleInputs.NOW).atZone(ZoneOffset.UTC)))
        .build();
  }

  long evaluate() {
    return expression.evaluate(bindings);
  }
}
