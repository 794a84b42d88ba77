package dev.themis.expr;

import java.util.List;

/**
 * A compiled expression yielding an ordered list of strings, e.g. {@code group_or_preferred_market}: a string
 * result is a one-element list, a list literal ({@code ["ig-1", "SPOT"]}) a list, {@code None}/{@code null} an
 * empty list. Thread-safe.
 */
@FunctionalInterface
public interface StringListExpression {
  /** An unmodifiable list without nulls. */
  List<String> evaluate(Bindings bindings);
}
