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
    super(key + ": evaluating '" + source + "' failed: " + cause, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
