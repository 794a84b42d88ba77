package dev.themis.emr.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Groups that recently failed to obtain capacity (e.g. no spot capacity), skipped for scale-up until their
 * quarantine ends. Shared by a cluster's monitor (which detects the errors) and executor.
 */
final class Quarantine {
  private final Duration duration;
  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  Quarantine(Duration duration) {
    this.duration = duration;
  }

  /** Quarantines the group from {@code now} unless it already is. */
  void capacityError(String key, Instant now) {
    until.compute(key, (k, end) -> end != null && now.isBefore(end) ? end : now.plus(duration));
  }

  boolean isQuarantined(String key, Instant now) {
    Instant end = until.get(key);
    return end != null && now.isBefore(end);
  }

  Instant until(String key) {
    return until.get(key);
  }
}
