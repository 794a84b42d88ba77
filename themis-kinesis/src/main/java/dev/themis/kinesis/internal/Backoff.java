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

  /** What a stream's memory keeps of this back-off: empty when not backing off. */
  void snapshot(java.util.Map<String, String> into) {
    if (until != null) {
      into.put("backoff.failures", Integer.toString(failures));
      into.put("backoff.until", until.toString());
      into.put("backoff.reason", reason);
    }
  }

  void restore(java.util.Map<String, String> from) {
    String u = from.get("backoff.until");
    if (u == null) {
      succeeded();
      return;
    }
    failures = Integer.parseInt(from.getOrDefault("backoff.failures", "1"));
    until = Instant.parse(u);
    reason = from.getOrDefault("backoff.reason", "an earlier refusal");
  }

  void succeeded() {
    failures = 0;
    until = null;
    reason = null;
  }
}
