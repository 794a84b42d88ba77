package dev.themis.kinesis.internal;

import java.time.Duration;
import java.time.Instant;

/** Exponential backoff after AWS refused a call for a limit or a busy stream: base, 2×base, ... up to 32×base. */
final class Backoff {
  private final Duration base;
  private int failures;
  private Instant until;
  private String reason;

  Backoff(Duration base) {
    this.base = base;
  }

  /** Non-null while backing off at {@code now}: the reason and until when. */
  String active(Instant now) {
    if (until != null && now.isBefore(until)) {
      return "backing off until " + until + " after " + reason;
    }
    return null;
  }

  Instant failed(Instant now, String why) {
    Duration wait = base.multipliedBy(1L << Math.min(failures, 5));
    failures++;
    until = now.plus(wait);
    reason = why;
    return until;
  }

  void succeeded() {
    failures = 0;
    until = null;
    reason = null;
  }
}
