package dev.themis.schedule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Proactive scaling: floors (minimum capacity) and caps (maximum capacity) by time. Immutable and thread-safe.
 *
 * <p>One engine for two forms, which can be combined with {@link #and(Schedule)}:
 * <ul>
 *   <li>the original's {@code time_based_scaling}, a JSON object of regex → minimum nodes, each regex matched
 *       against the date formatted as {@code %a %Y-%m-%d %H:%M:%S} ({@code Tue 2016-05-31 01:00:00}) in a zone
 *       (UTC by default, as the original), anchored at the start like Python's {@code re.match}
 *       ({@link #parseTimeBasedScaling});
 *   <li>cron windows with an IANA zone, a duration, min and/or max and exclusion dates ({@link #parseWindows}).
 * </ul>
 *
 * <p><b>Overlaps:</b> when several entries apply at the same time, the <em>first in declaration order</em> wins
 * (its floor and cap apply; the others are ignored). The original let the last match in Python 2's unordered
 * dict iteration win, i.e. it was nondeterministic. Parsing samples every minute of a week and every hour of a
 * year (2024) and reports each pair of entries found to overlap in {@link #warnings()} (within a bounded amount
 * of work, see {@link #overlaps}).
 *
 * <p><b>Limits:</b> at most {@link #MAX_ENTRIES} entries per key, regexes of at most
 * {@link ScheduleEntry#MAX_REGEX_LENGTH} characters each and {@link #MAX_REGEX_CHARS} together run on RE2/J (linear time: no catastrophic backtracking),
 * windows of at most {@link ScheduleEntry#MAX_DURATION}, and a cron that never fires is rejected. So looking up
 * the entry at a time costs at most entries × (368 days + 1,440 fire times) steps.
 *
 * <p>Unlike the original, which silently ignored invalid JSON (issue #19), invalid JSON, regexes, cron
 * expressions, zones, durations or dates throw a {@link ConfigurationException} naming the key.
 */
public final class Schedule {
  /** Most entries of one {@code time_based_scaling} object or one {@code schedule} array. */
  public static final int MAX_ENTRIES = 1000;
  /** Most characters of all regexes of one {@code time_based_scaling} object together. */
  public static final int MAX_REGEX_CHARS = 20_000;
  /** Work the overlap check at load may do (steps as counted by {@link ScheduleEntry#matches}). */
  static final long OVERLAP_CHECK_STEPS = 6_000_000;
  static final int MAX_OVERLAP_WARNINGS = 50;
  private static final Schedule NONE = new Schedule(List.of(), List.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ScheduleEntry> entries;
  private final List<String> warnings;

  private Schedule(List<ScheduleEntry> entries, List<String> warnings) {
    this.entries = List.copyOf(entries);
    this.warnings = List.copyOf(warnings);
  }

  /** No entries: nothing applies, {@code time_based.enabled} is false. */
  public static Schedule none() {
    return NONE;
  }

  /** A schedule of the given entries in declaration order; overlaps are reported under {@code key}. */
  public static Schedule of(String key, List<ScheduleEntry> entries) {
    return new Schedule(entries, overlaps(key, entries));
  }

  /** A schedule of the given entries without the overlap check (tests of look-ups). */
  static Schedule unchecked(List<ScheduleEntry> entries) {
    return new Schedule(entries, List.of());
  }

  /** This schedule's entries followed by the other's (which therefore lose on overlaps). */
  public Schedule and(Schedule other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    List<ScheduleEntry> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    List<String> w = new ArrayList<>(warnings);
    w.addAll(other.warnings);
    for (String s : overlaps("schedule", all)) {
      if (!w.contains(s)) {
        w.add(s);
      }
    }
    return new Schedule(all, w);
  }

  /**
   * Parses the original's {@code time_based_scaling}: a JSON object (strict JSON: double quotes) of regex → minimum
   * node count (an integer &gt;= 0, or a string holding one). {@code {}} or blank text is {@link #none()}.
   *
   * @param key the key path for messages, e.g. {@code emr.j-1.time_based_scaling}
   * @param zone the zone in which dates are formatted (the original: UTC)
   * @throws ConfigurationException listing every invalid part
   */
  public static Schedule parseTimeBasedScaling(String key, String json, ZoneId zone) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    JsonNode root = readJson(key, json,
        "a JSON object of regex -> minimum nodes such as {\"(Mon|Tue|Wed|Thu|Fri).*01:.*:.*\": 14} (strict JSON:"
            + " double quotes)");
    if (!root.isObject()) {
      throw new ConfigurationException(new ConfigProblem(key, json,
          "expected a JSON object of regex -> minimum nodes, got a JSON " + root.getNodeType().toString()
              .toLowerCase(java.util.Locale.ROOT)));
    }
    if (root.size() > MAX_ENTRIES) {
      throw new ConfigurationException(new ConfigProblem(key, root.size() + " entries",
          "at most " + MAX_ENTRIES + " regex entries"));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<ScheduleEntry> entries = new ArrayList<>();
    long chars = 0;
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      chars += it.next().length();
    }
    if (chars > MAX_REGEX_CHARS) {
      throw new ConfigurationException(new ConfigProblem(key, chars + " characters of regex",
          "at most " + MAX_REGEX_CHARS + " characters of regex in all"));
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String path = key + "[\"" + e.getKey() + "\"]";
      Integer min = intValue(e.getValue());
      if (min == null || min < 0) {
        problems.add(new ConfigProblem(path, e.getValue().toString(), "expected a minimum node count, an integer >= 0"));
        continue;
      }
      try {
        entries.add(ScheduleEntry.regex(e.getKey(), min, zone));
      } catch (com.google.re2j.PatternSyntaxException ex) {
        problems.add(new ConfigProblem(key, e.getKey(), "expected a valid regular expression (RE2 syntax: no"
            + " backreferences or lookaround): " + ex.getDescription()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return of(key, entries);
  }

  /**
   * Parses cron windows: a JSON array of objects, each either
   * <ul>
   *   <li>{@code {"cron": "0 8 * * MON-FRI", "duration": "10h", ...}}, or
   *   <li>{@code {"days": "MON-FRI", "from": "08:00", "to": "18:00", ...}} ({@code to <= from} spans midnight),
   * </ul>
   * with {@code "min"} and/or {@code "max"} (integers &gt;= 0), optional {@code "zone"} (IANA, default
   * {@code defaultZone}) and optional {@code "exclude"} (ISO dates {@code 2026-12-25}: windows starting on them do
   * not open). Example: {@code [{"days":"MON-FRI","from":"08:00","to":"18:00","zone":"Europe/Berlin","min":10}]}.
   *
   * @throws ConfigurationException listing every invalid part
   */
  public static Schedule parseWindows(String key, String json, ZoneId defaultZone) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    String example = "a JSON array of windows such as [{\"days\": \"MON-FRI\", \"from\": \"08:00\", \"to\": \"18:00\","
        + " \"zone\": \"Europe/Berlin\", \"min\": 10}] or [{\"cron\": \"0 22 * * FRI\", \"duration\": \"60h\","
        + " \"max\": 4}]";
    JsonNode root = readJson(key, json, example);
    if (!root.isArray()) {
      throw new ConfigurationException(new ConfigProblem(key, json, "expected " + example));
    }
    if (root.size() > MAX_ENTRIES) {
      throw new ConfigurationException(new ConfigProblem(key, root.size() + " windows",
          "at most " + MAX_ENTRIES + " windows"));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<ScheduleEntry> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode w : root) {
      String path = key + "[" + i++ + "]";
      try {
        entries.add(window(w, defaultZone));
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        problems.add(new ConfigProblem(path, w.toString(), e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return of(key, entries);
  }

  private static ScheduleEntry window(JsonNode w, ZoneId defaultZone) {
    if (!w.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with 'cron' and 'duration', or 'days', 'from', 'to'");
    }
    Set<String> known = Set.of("cron", "duration", "days", "from", "to", "zone", "min", "max", "exclude");
    for (Iterator<String> it = w.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException("unknown field '" + f + "'; expected one of " + known);
      }
    }
    ZoneId zone = defaultZone;
    if (w.has("zone")) {
      try {
        zone = ZoneId.of(w.get("zone").asText());
      } catch (java.time.DateTimeException e) {
        throw new IllegalArgumentException("zone: expected an IANA time zone such as 'Europe/Berlin', was '"
            + w.get("zone").asText() + "'", e);
      }
    }
    OptionalInt floor = bound(w, "min");
    OptionalInt cap = bound(w, "max");
    Set<LocalDate> exclusions = new HashSet<>();
    if (w.has("exclude")) {
      JsonNode ex = w.get("exclude");
      if (!ex.isArray()) {
        throw new IllegalArgumentException("exclude: expected an array of ISO dates such as [\"2026-12-25\"]");
      }
      for (JsonNode d : ex) {
        try {
          exclusions.add(LocalDate.parse(d.asText()));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("exclude: expected ISO dates such as 2026-12-25, was '" + d.asText()
              + "'", e);
        }
      }
    }
    if (w.has("cron")) {
      if (!w.has("duration")) {
        throw new IllegalArgumentException("a 'cron' window needs a 'duration' such as \"10h\"");
      }
      Duration d = ConfigKey.parseDuration(w.get("duration").asText());
      return ScheduleEntry.window(w.get("cron").asText(), d, zone, floor, cap, exclusions);
    }
    if (!w.has("from") || !w.has("to")) {
      throw new IllegalArgumentException("expected 'cron' and 'duration', or 'from' and 'to' (and optional 'days')");
    }
    LocalTime from = time(w, "from");
    LocalTime to = time(w, "to");
    String days = w.has("days") ? w.get("days").asText() : "*";
    return ScheduleEntry.daily(days, from, to, zone, floor, cap, exclusions);
  }

  private static LocalTime time(JsonNode w, String f) {
    try {
      return LocalTime.parse(w.get(f).asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(f + ": expected a time HH:MM such as 08:00, was '" + w.get(f).asText()
          + "'", e);
    }
  }

  private static OptionalInt bound(JsonNode w, String f) {
    if (!w.has(f)) {
      return OptionalInt.empty();
    }
    Integer v = intValue(w.get(f));
    if (v == null || v < 0) {
      throw new IllegalArgumentException(f + ": expected an integer >= 0, was " + w.get(f));
    }
    return OptionalInt.of(v);
  }

  private static Integer intValue(JsonNode v) {
    if (v.isInt()) {
      return v.intValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static JsonNode readJson(String key, String json, String expected) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigurationException(new ConfigProblem(key, json,
          "invalid JSON" + where + " (" + e.getOriginalMessage() + "); expected " + expected));
    }
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public List<ScheduleEntry> entries() {
    return entries;
  }

  /** Overlaps found when parsing: each names both entries, an example time and which one wins. */
  public List<String> warnings() {
    return warnings;
  }

  /** The entry that applies at {@code t}: the first matching one in declaration order. */
  public Optional<ScheduleEntry> at(Instant t) {
    return at(t, null);
  }

  /** As {@link #at(Instant)}, counting the work in {@code steps[0]} (see {@link ScheduleEntry#matches}). */
  Optional<ScheduleEntry> at(Instant t, long[] steps) {
    java.util.Map<ZoneId, String> formatted = new java.util.HashMap<>(4);
    for (ScheduleEntry e : entries) {
      if (e.matches(t, formatted, steps)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The floor (minimum capacity) of the entry that applies at {@code t}, if it sets one. */
  public OptionalInt floorAt(Instant t) {
    return at(t).map(ScheduleEntry::floor).orElse(OptionalInt.empty());
  }

  /** The cap (maximum capacity) of the entry that applies at {@code t}, if it sets one. */
  public OptionalInt capAt(Instant t) {
    return at(t).map(ScheduleEntry::cap).orElse(OptionalInt.empty());
  }

  private static List<String> overlaps(String key, List<ScheduleEntry> entries) {
    return overlaps(key, entries, OVERLAP_CHECK_STEPS);
  }

  /**
   * Samples every minute of a week and every hour of a year (2024) for entries that apply together. The work is
   * bounded by {@code budget} steps (see {@link ScheduleEntry#matches}): a schedule too large to sample fully is
   * checked on the samples the budget allows, and a warning says so. No pairwise matrix: at most
   * {@link #MAX_OVERLAP_WARNINGS} pairs are reported.
   */
  static List<String> overlaps(String key, List<ScheduleEntry> entries, long budget) {
    if (entries.size() < 2) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    Set<Long> seen = new HashSet<>();
    Instant start = Instant.parse("2024-01-01T00:00:00Z"); // a Monday
    int weekMinutes = 7 * 24 * 60;
    int samples = weekMinutes + 366 * 24;
    long[] steps = {0};
    java.util.Map<ZoneId, String> formatted = new java.util.HashMap<>();
    int s = 0;
    for (; s < samples && steps[0] < budget && seen.size() < MAX_OVERLAP_WARNINGS; s++) {
      Instant t = s < weekMinutes ? start.plusSeconds(60L * s)
          : start.plusSeconds(3600L * (s - weekMinutes) + 1800);
      int first = -1;
      formatted.clear();
      for (int j = 0; j < entries.size() && steps[0] < budget; j++) {
        if (!entries.get(j).matches(t, formatted, steps)) {
          continue;
        }
        if (first < 0) {
          first = j;
        } else if (seen.add(((long) first << 32) | j) && seen.size() <= MAX_OVERLAP_WARNINGS) {
          ScheduleEntry a = entries.get(first);
          ScheduleEntry b = entries.get(j);
          out.add(key + ": entries " + a + " and " + b + " both apply, e.g. at "
              + ScheduleEntry.ORIGINAL_FORMAT.format(t.atZone(a.zone())) + " " + a.zone()
              + "; the first in declaration order wins (" + a.bounds() + ")");
        }
      }
    }
    if (s < samples && steps[0] >= budget) {
      out.add(key + ": " + entries.size() + " entries are too many to check every sample for overlaps; checked "
          + s + " of " + samples + " sample times");
    }
    return new ArrayList<>(out);
  }

  @Override
  public String toString() {
    return "Schedule" + entries;
  }
}
