package dev.themis.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The raw settings of one configuration section (global, or one resource), with typed access through
 * {@link ConfigKey}s. Immutable. Every error names the full key path and the value.
 *
 * @param path the section's path, e.g. {@code emr.j-123} or {@code general}
 * @param values raw text values by key, in declaration order
 */
public record Settings(String path, Map<String, String> values) {
  public Settings {
    Objects.requireNonNull(path, "path");
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
  }

  public static Settings empty(String path) {
    return new Settings(path, Map.of());
  }

  public static Settings of(String path, Map<String, String> values) {
    return new Settings(path, values);
  }

  /** The key's value, or its default; null if neither is set. */
  public <T> T get(ConfigKey<T> key) {
    String raw = values.get(key.name());
    try {
      return key.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(problem(key, raw, e));
    }
  }

  /** The key's value if set explicitly or by default. */
  public <T> Optional<T> find(ConfigKey<T> key) {
    return Optional.ofNullable(get(key));
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public String raw(String key) {
    return values.get(key);
  }

  /** A copy with one value replaced or added. */
  public Settings with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new Settings(path, copy);
  }

  /** Parses every declared key and returns a problem for each that fails; never throws. */
  public List<ConfigProblem> check(Collection<? extends ConfigKey<?>> keys) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (ConfigKey<?> key : keys) {
      String raw = values.get(key.name());
      try {
        key.parse(raw);
      } catch (IllegalArgumentException e) {
        problems.add(problem(key, raw, e));
      }
    }
    return problems;
  }

  /**
   * Checks every declared key.
   *
   * @throws ConfigurationException listing every key that fails to parse
   */
  public Settings requireValid(Collection<? extends ConfigKey<?>> keys) {
    List<ConfigProblem> problems = check(keys);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return this;
  }

  /** The full path of a key in this section. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private ConfigProblem problem(ConfigKey<?> key, String raw, IllegalArgumentException e) {
    return new ConfigProblem(pathOf(key.name()), raw != null ? raw : key.defaultText(), e.getMessage());
  }
}
