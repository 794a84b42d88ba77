package dev.themis.history;

import java.util.Objects;

/**
 * The cause of a {@link dev.themis.ResourceOutcome.Failed} as history keeps it: the exception's class name and
 * message, without a stack trace (which the logs have). Outcomes read back from a store carry this as their cause.
 */
public final class RecordedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String type;

  public RecordedFailure(String type, String message) {
    super(message, null, false, false);
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The keepable form of {@code t}: itself if it already is one. */
  public static RecordedFailure of(Throwable t) {
    return t instanceof RecordedFailure r ? r : new RecordedFailure(t.getClass().getName(), t.getMessage());
  }

  /** The fully qualified class name of the original exception. */
  public String type() {
    return type;
  }

  @Override
  public String toString() {
    String m = getMessage();
    return type + (m == null ? "" : ": " + m);
  }
}
