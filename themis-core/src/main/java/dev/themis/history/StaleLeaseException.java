package dev.themis.history;

/**
 * A store refused to record an intent because the fencing token it carries is no longer the resource's lease
 * token: another host took the resource over. The autoscaler does not act.
 */
public class StaleLeaseException extends HistoryUnavailableException {
  private static final long serialVersionUID = 1L;

  public StaleLeaseException(String message) {
    super(message, null);
  }
}
