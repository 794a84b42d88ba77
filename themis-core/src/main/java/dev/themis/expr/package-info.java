/**
 * Configuration expressions: compiled once with Janino into sandboxed bytecode, evaluated without reflection or
 * boxing.
 *
 * <p>Typical use by a provider:
 *
 * <pre>{@code
 * ExpressionCompiler compiler = ExpressionCompiler.create();          // share one per autoscaler
 * Variables vars = StandardVariables.emr();                            // or your own Variables.builder()...
 * IntExpression up = compiler.compileInt(
 *     "emr.j-1.upscale_expr", "3 if tasknodes.average.cpu > 0.7 else 0", vars);   // ExpressionException if bad
 * Bindings b = vars.bindings()
 *     .putAll(state.variables())                                       // tasknodes, allnodes, ...
 *     .put("now", NowVar.of(context.zonedNow()))
 *     .build();
 * long nodesToAdd = up.evaluate(b);
 * }</pre>
 *
 * <p>Most providers need not do this themselves: {@link dev.themis.policy.ExpressionPolicy#fromSettings} compiles
 * the upscale and downscale expressions and the schedule of a resource and binds {@code now}, {@code time_based}
 * and the resource name.
 *
 * <p>Both the original Themis's Python forms and Java syntax are accepted (see {@link
 * dev.themis.expr.ExpressionCompiler} for the language and {@link dev.themis.expr.PythonSyntax} for the mapping);
 * results are handled as described in {@link dev.themis.expr.IntExpression}; the sandbox and why evaluation is
 * bounded are described in {@link dev.themis.expr.ExpressionCompiler}.
 */
package dev.themis.expr;
