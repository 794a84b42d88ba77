package dev.themis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One configuration change applied by {@link Autoscaler#reconfigure(dev.themis.config.ThemisConfig, String)}: when,
 * by whom, and what changed, key by key. Immutable.
 *
 * @param sequence 1 for the first change of this autoscaler, then increasing by one
 * @param at the autoscaler's clock when the change was applied
 * @param actor who made it, as the host's authenticator named them (e.g. {@code token:ops}); never blank
 * @param entries every key that changed, in document order; empty when the new document equals the old one
 */
public record ConfigChange(long sequence, Instant at, String actor, List<Entry> entries) {
  public ConfigChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor: must not be blank, was '" + actor + "'");
    }
    entries = List.copyOf(entries);
  }

  /**
   * One changed key.
   *
   * @param path the key path, e.g. {@code emr.j-1.max_capacity} or {@code settings.dry_run}; a resource added or
   *     removed is the path {@code type.name} with {@code before} or {@code after} null
   * @param before the value before, or null if the key was not set
   * @param after the value after, or null if the key is no longer set
   */
  public record Entry(String path, String before, String after) {
    public Entry {
      Objects.requireNonNull(path, "path");
    }
  }
}
