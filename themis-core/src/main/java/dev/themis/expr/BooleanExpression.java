package dev.themis.expr;

/** A compiled condition. Thread-safe, stateless. Only boolean-typed expressions compile to it. */
@FunctionalInterface
public interface BooleanExpression {
  boolean evaluate(Bindings bindings);
}
