package dev.themis.config;

import java.util.Objects;

/**
 * One problem found in a configuration.
 *
 * @param path the key path, e.g. {@code emr.j-123.max_capacity}
 * @param value the offending value as written, or null if the key is missing
 * @param expected what was expected, e.g. {@code an integer >= 0}
 */
public record ConfigProblem(String path, String value, String expected) {
  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(expected, "expected");
  }

  @Override
  public String toString() {
    return path + ": " + expected + (value == null ? "" : ", was '" + value + "'");
  }
}
