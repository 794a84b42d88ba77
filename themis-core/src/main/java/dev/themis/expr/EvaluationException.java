package dev.themis.expr;

/**
 * A compiled expression failed while evaluating: integer division by zero, an index outside {@code shards_list},
 * or a variable without a value. Names the expression's configuration key. The autoscaler turns it into a failed
 * outcome for that resource only.
 */
public final class EvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public EvaluationException(String key, String source, RuntimeException cause) {
    super(key + ": evaluating '" + source + "' failed: " + why(cause), cause);
    this.key = key;
  }

  /** What went wrong in the expression's terms, not the JVM's. */
  private static String why(RuntimeException e) {
    if (e instanceof ArithmeticException) {
      return "integer overflow".equals(e.getMessage()) || "long overflow".equals(e.getMessage())
          ? "integer overflow (beyond 2^63-1)" : "division by zero";
    }
    if (e instanceof IndexOutOfBoundsException || e instanceof Bindings.UnboundException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  public String key() {
    return key;
  }
}
