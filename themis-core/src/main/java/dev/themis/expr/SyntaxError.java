package dev.themis.expr;

/** A problem at a position of the source; turned into an {@link ExpressionException} by the compiler. */
final class SyntaxError extends Exception {
  private static final long serialVersionUID = 1L;

  final int pos;
  final String expected;

  SyntaxError(int pos, String message, String expected) {
    super(message, null, false, false);
    this.pos = pos;
    this.expected = expected;
  }
}
