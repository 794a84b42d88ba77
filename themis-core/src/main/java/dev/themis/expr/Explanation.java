package dev.themis.expr;

import java.util.Map;
import java.util.Objects;

/**
 * Why an expression gave its result: the conditions that decided it, as they were, with the values read.
 *
 * @param value the result, as {@link IntExpression#evaluate} gives it
 * @param text the deciding conditions, e.g. {@code tasknodes.average.cpu = 0.82 > 0.7 and tasknodes.count.nodes = 4
 *     < 25}; numbers to about three significant digits, at most {@link Explainer#MAX_LENGTH} characters; empty when
 *     nothing was decided by a condition (a constant)
 * @param reads each variable (or member path, such as {@code tasknodes.average.cpu}) named in {@code text}, with
 *     the value read, in the order named; boxed {@code Long}, {@code Double}, {@code Boolean} or {@code String}
 */
public record Explanation(long value, String text, Map<String, Object> reads) {
  public Explanation {
    Objects.requireNonNull(text, "text");
    reads = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reads));
  }
}
