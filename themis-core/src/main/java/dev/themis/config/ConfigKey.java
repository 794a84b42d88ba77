package dev.themis.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed configuration key: its name, how its text is parsed, its default and what it means. Keys are declared
 * once (by the core or a provider) and serve validation, binding and the generated configuration reference.
 *
 * <p>All values are read from text, as the original Themis stored them; YAML numbers and booleans are accepted
 * too because they are converted to text first.
 *
 * @param name snake_case key name
 * @param type a short description of the type for documentation, e.g. {@code integer >= 0}
 * @param defaultText the default as text, or null if the key has no default (absent means "not set")
 * @param description what the key means
 * @param parser parses text into the value; throws {@link IllegalArgumentException} whose message says what was
 *     expected
 */
public record ConfigKey<T>(
    String name, String type, String defaultText, String description, Function<String, T> parser) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parser, "parser");
  }

  /** Parses {@code text}, or the default if {@code text} is null; null if neither is set. */
  public T parse(String text) {
    String t = text != null ? text : defaultText;
    return t == null ? null : parser.apply(t.trim());
  }

  public static ConfigKey<String> string(String name, String defaultText, String description) {
    return new ConfigKey<>(name, "string", defaultText, description, Function.identity());
  }

  /** A key holding an expression; its compilation is checked by the provider that uses it. */
  public static ConfigKey<String> expression(String name, String defaultText, String description) {
    return new ConfigKey<>(name, "expression", defaultText, description, Function.identity());
  }

  public static ConfigKey<Integer> integer(String name, Integer defaultValue, int min, String description) {
    return new ConfigKey<>(
        name, "integer >= " + min, defaultValue == null ? null : defaultValue.toString(), description,
        text -> parseInt(text, min));
  }

  public static ConfigKey<Double> decimal(String name, Double defaultValue, double min, double max, String description) {
    return new ConfigKey<>(
        name, "number in [" + fmt(min) + ", " + fmt(max) + "]", defaultValue == null ? null : fmt(defaultValue),
        description, text -> parseDouble(text, min, max));
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
    return new ConfigKey<>(name, "boolean", Boolean.toString(defaultValue), description, ConfigKey::parseBool);
  }

  public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
    return new ConfigKey<>(
        name, "duration", defaultValue == null ? null : formatDuration(defaultValue), description,
        ConfigKey::parseDuration);
  }

  public static ConfigKey<ZoneId> zone(String name, String defaultValue, String description) {
    return new ConfigKey<>(name, "IANA time zone", defaultValue, description, text -> {
      try {
        return ZoneId.of(text);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("expected an IANA time zone such as 'UTC' or 'Europe/Berlin'", e);
      }
    });
  }

  /** A comma-separated list (the original's {@code \s*,\s*} split); empty text is an empty list. */
  public static ConfigKey<List<String>> list(String name, String defaultText, String description) {
    return new ConfigKey<>(name, "comma-separated list", defaultText, description, ConfigKey::parseList);
  }

  public static List<String> parseList(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return List.of(text.trim().split("\\s*,\\s*"));
  }

  public static int parseInt(String text, int min) {
    int v;
    try {
      v = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected an integer >= " + min, e);
    }
    if (v < min) {
      throw new IllegalArgumentException("expected an integer >= " + min);
    }
    return v;
  }

  public static double parseDouble(String text, double min, double max) {
    double v;
    try {
      v = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number in [" + fmt(min) + ", " + fmt(max) + "]", e);
    }
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException("expected a number in [" + fmt(min) + ", " + fmt(max) + "]");
    }
    return v;
  }

  public static boolean parseBool(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("expected 'true' or 'false'");
    }
  }

  /**
   * Longest duration any key accepts: 10 years. Longer ones overflow instants ("long overflow" on every tick) and
   * mean nothing for cooldowns, windows or periods.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  /**
   * Parses a duration (at most {@link #MAX_DURATION}): plain seconds ({@code 180}, as the original wrote intervals), a number with a unit
   * ({@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms}) or ISO-8601 ({@code PT5M}).
   */
  public static Duration parseDuration(String text) {
    if (text.length() > 40) {
      throw new IllegalArgumentException("expected a duration such as '90s', '5m' or '2h' (at most 40 characters)");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    String expected = "expected a duration from 0 to " + MAX_DURATION.toDays() + "d (10 years) such as '180' (seconds),"
        + " '90s', '5m', '2h', '1d' or 'PT5M'";
    try {
      Duration d;
      if (t.startsWith("pt") || t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("d")) {
        d = Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(expected);
      }
      return d;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(expected, e);
    }
  }

  public static String formatDuration(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toMillis() + "ms";
    }
    if (s != 0 && s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
