package dev.themis.history;

/**
 * A {@link HistoryStore} could not record or read (database down, timeout). The autoscaler takes no action it
 * cannot record first: the resource is reported {@link dev.themis.ResourceOutcome.Held} with this message.
 */
public class HistoryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HistoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
