package dev.themis.expr;

/**
 * A compiled expression that yields a whole number: nodes or shards to add or remove. Thread-safe, stateless,
 * allocation-free.
 *
 * <p><b>Result handling</b> (explicit, checked when the expression is compiled, never at evaluation):
 * <ul>
 *   <li>an integer result is returned as is;
 *   <li>a boolean result counts as 1 (true) or 0 (false), as Python's {@code True}/{@code False} did in the
 *       original;
 *   <li>a fractional (double) result is <em>rejected at compile time</em>. The original truncated {@code 2.7} to 2
 *       for {@code upscale_expr} but silently treated {@code 2.0} as 0 for {@code downscale_expr} and the Kinesis
 *       expressions. Convert explicitly with {@code int(x)} (truncate), {@code round(x)}, {@code floor(x)} or
 *       {@code ceil(x)}; these give 0 for NaN;
 *   <li>strings and other types are rejected at compile time.
 * </ul>
 */
@FunctionalInterface
public interface IntExpression {
  /**
   * @throws ArithmeticException on integer division by zero
   * @throws IllegalStateException if a variable the expression reads has no value
   * @throws ArrayIndexOutOfBoundsException for an index outside {@code shards_list}
   */
  long evaluate(Bindings bindings);
}
