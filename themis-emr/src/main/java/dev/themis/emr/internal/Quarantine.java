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

  /** Every quarantine, as {@code quarantine.<group key> -> until}, for the cluster's memory. */
  void snapshot(Map<String, String> into) {
    until.forEach((k, end) -> into.put(PREFIX + k, end.toString()));
  }

  void restore(Map<String, String> from) {
    until.clear();
    from.forEach((k, v) -> {
      if (k.startsWith(PREFIX)) {
        until.put(k.substring(PREFIX.length()), Instant.parse(v));
      }
    });
  }

  private static final String PREFIX = "quarantine.";
}
