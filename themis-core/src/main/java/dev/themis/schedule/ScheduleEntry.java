package dev.themis.schedule;

import com.google.re2j.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One entry of a {@link Schedule}: when it applies, and the floor (minimum capacity) and/or cap (maximum capacity)
 * it sets then. Immutable. Two forms share this type: the original's regex on the formatted date, and a cron
 * window.
 */
public final class ScheduleEntry {
  /** The original's date format for regex entries: {@code %a %Y-%m-%d %H:%M:%S}, e.g. {@code Tue 2016-05-31 01:00:00}. */
  public static final DateTimeFormatter ORIGINAL_FORMAT =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss", Locale.US);

  /** Longest window: a year and a day. A longer one is a floor or cap that is always on: set min/max_capacity. */
  public static final Duration MAX_DURATION = Duration.ofDays(366);
  /** Longest regex of a {@code time_based_scaling} entry. */
  public static final int MAX_REGEX_LENGTH = 200;
  /** A cron must fire within this many days (8 years: every leap day has one) from 2024, or it never does. */
  static final int NEVER_FIRES_HORIZON_DAYS = 8 * 366;

  static {
    // RE2/J's jar has no module name (no descriptor, no Automatic-Module-Name), so module-info cannot require it by
    // a name that lasts. The core reads RE2/J's module, whatever it is, before any of its code links to RE2/J: on
    // the module path an automatic module named after the jar's file, on the class path the unnamed module, which
    // no named module reads unless told. Only this class and Schedule (around calls to it) use RE2/J. Loaded by
    // name, as Pattern.class would already need the read edge.
    try {
      ScheduleEntry.class.getModule().addReads(
          Class.forName("com.google.re2j.Pattern", false, ScheduleEntry.class.getClassLoader()).getModule());
    } catch (ClassNotFoundException e) {
      throw new NoClassDefFoundError("com.google.re2j.Pattern (com.google.re2j:re2j, a dependency of themis-core)");
    }
  }

  private final String description;
  private final OptionalInt floor;
  private final OptionalInt cap;
  private final ZoneId zone;
  // regex form
  private final Pattern regex;
  /** What one match costs, in steps: RE2/J's time is linear in the pattern (the input is 23 characters). */
  private final int regexSteps;
  // window form
  private final Cron cron;
  private final Duration duration;
  private final Set<LocalDate> exclusions;

  private ScheduleEntry(
      String description, OptionalInt floor, OptionalInt cap, ZoneId zone, Pattern regex, Cron cron,
      Duration duration, Set<LocalDate> exclusions) {
    this.description = description;
    this.floor = floor;
    this.cap = cap;
    this.zone = zone;
    this.regex = regex;
    this.regexSteps = regex == null ? 0 : 2 + 2 * regex.pattern().length();
    this.cron = cron;
    this.duration = duration;
    this.exclusions = exclusions;
    if (floor.isPresent() && cap.isPresent() && floor.getAsInt() > cap.getAsInt()) {
      throw new IllegalArgumentException("min (" + floor.getAsInt() + ") must be <= max (" + cap.getAsInt() + ")");
    }
  }

  /**
   * The original's form: applies when {@code regex} matches the start of the date formatted as
   * {@link #ORIGINAL_FORMAT} in {@code zone} (Python's {@code re.match}: anchored at the start, not the end).
   * Python's {@code (?P<name>...)} groups are accepted. The regex runs on RE2/J, whose matching time is linear in
   * the input: no pattern can backtrack catastrophically (so backreferences and lookaround are not supported).
   *
   * @throws com.google.re2j.PatternSyntaxException for an invalid regex
   */
  public static ScheduleEntry regex(String regex, int minimum, ZoneId zone) {
    if (regex.length() > MAX_REGEX_LENGTH) {
      throw new com.google.re2j.PatternSyntaxException("longer than " + MAX_REGEX_LENGTH + " characters", regex);
    }
    Pattern p = Pattern.compile(regex);
    return new ScheduleEntry("'" + regex + "'", OptionalInt.of(minimum), OptionalInt.empty(),
        Objects.requireNonNull(zone, "zone"), p, null, null, Set.of());
  }

  /**
   * A window opening at each fire time of a cron expression, in {@code zone}, and lasting {@code duration} of
   * wall-clock time (so {@code 0 22 * * FRI} for 10h ends at 08:00 local time even across a DST change; windows
   * may span midnight and several days). A fire time on an excluded date (local date of the window's start) opens
   * no window.
   *
   * @param floor minimum capacity while the window is open, or empty
   * @param cap maximum capacity while the window is open, or empty
   * @throws IllegalArgumentException for an invalid cron expression, a non-positive duration, neither floor nor
   *     cap, or floor &gt; cap
   */
  public static ScheduleEntry window(
      String cron, Duration duration, ZoneId zone, OptionalInt floor, OptionalInt cap, Set<LocalDate> exclusions) {
    Cron c = Cron.parse(cron);
    if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("duration: must be > 0 and at most " + MAX_DURATION.toDays()
          + " days, was " + dev.themis.config.ConfigKey.formatDuration(duration));
    }
    if (!c.firesWithin(LocalDate.of(2024, 1, 1), NEVER_FIRES_HORIZON_DAYS)) {
      throw new IllegalArgumentException("cron '" + c + "' never fires (no such date in " + NEVER_FIRES_HORIZON_DAYS
          / 365 + " years, e.g. 30 February): the window would never open");
    }
    if (floor.isEmpty() && cap.isEmpty()) {
      throw new IllegalArgumentException("a window needs 'min' and/or 'max'");
    }
    String d = "cron '" + c + "' for " + dev.themis.config.ConfigKey.formatDuration(duration) + " in " + zone;
    return new ScheduleEntry(d, floor, cap, zone, null, c, duration, Set.copyOf(exclusions));
  }

  /** {@code days} ({@code MON-FRI}, {@code *}, cron day-of-week syntax) from {@code from} to {@code to}, local time; {@code to <= from} spans midnight. */
  public static ScheduleEntry daily(
      String days, LocalTime from, LocalTime to, ZoneId zone, OptionalInt floor, OptionalInt cap,
      Set<LocalDate> exclusions) {
    Duration d = Duration.between(from, to);
    if (d.isZero() || d.isNegative()) {
      d = d.plusDays(1);
    }
    return window(from.getMinute() + " " + from.getHour() + " * * " + days, d, zone, floor, cap, exclusions);
  }

  public String description() {
    return description;
  }

  public OptionalInt floor() {
    return floor;
  }

  public OptionalInt cap() {
    return cap;
  }

  public ZoneId zone() {
    return zone;
  }

  /** True if the entry applies at {@code t}. */
  public boolean matches(Instant t) {
    return matches(t, null);
  }

  /** As {@link #matches(Instant)}, reusing dates already formatted for other entries of the same zone. */
  boolean matches(Instant t, java.util.Map<ZoneId, String> formatted) {
    return matches(t, formatted, null);
  }

  /**
   * As {@link #matches(Instant)}, counting its work in {@code steps} (if not null): 2 + 2 × pattern length steps per
   * regex match (RE2/J: linear in pattern and the 23-character date) and one per day and per fire time a window
   * looks at. At most
   * {@link #MAX_DURATION} + 2 days and 1,440 fire times, whatever the cron.
   */
  boolean matches(Instant t, java.util.Map<ZoneId, String> formatted, long[] steps) {
    ZonedDateTime local = t.atZone(zone);
    if (regex != null) {
      String text = formatted == null ? ORIGINAL_FORMAT.format(local)
          : formatted.computeIfAbsent(zone, z -> ORIGINAL_FORMAT.format(local));
      if (steps != null) {
        steps[0] += regexSteps;
      }
      return regex.matcher(text).lookingAt();
    }
    return windowEnd(local, steps) != null;
  }

  /**
   * When the window that applies at {@code t} ends (its latest fire at or before {@code t} plus its duration); empty
   * for a regex entry, which has no window, or if the entry does not apply at {@code t}.
   */
  public java.util.Optional<Instant> endOf(Instant t) {
    return java.util.Optional.ofNullable(regex != null ? null : windowEnd(t.atZone(zone), null));
  }

  /**
   * The entry as it applies at {@code t}: its description, and for a window when it ends in the entry's zone
   * ({@code HH:mm}, with the date if not on the day of {@code t}), e.g. {@code cron '0 8 * * MON-FRI' for 10h until
   * 18:00}.
   */
  public String describeAt(Instant t) {
    return endOf(t).map(end -> {
      ZonedDateTime e = end.atZone(zone);
      boolean sameDay = e.toLocalDate().equals(t.atZone(zone).toLocalDate());
      return description + " until " + DateTimeFormatter.ofPattern(sameDay ? "HH:mm" : "yyyy-MM-dd HH:mm",
          Locale.ROOT).format(e);
    }).orElse(description);
  }

  /** The end of the window of the latest fire at or before {@code local}, if it ends after it; else null. */
  private Instant windowEnd(ZonedDateTime local, long[] steps) {
    Instant t = local.toInstant();
    LocalDate day = local.toLocalDate();
    LocalDate stop = day.minusDays(duration.toDays() + 2);
    for (LocalDate d = day; !d.isBefore(stop); d = d.minusDays(1)) {
      count(steps);
      if (!cron.matchesDay(d) || exclusions.contains(d)) {
        continue;
      }
      java.util.List<LocalTime> times = cron.timesDescending();
      // Today, fire times more than 3 hours (beyond any DST shift) after the local time cannot have fired yet.
      int from = d.equals(day) ? Cron.firstAtOrBefore(times, local.toLocalTime(), 3) : 0;
      for (LocalTime time : times.subList(from, times.size())) {
        count(steps);
        ZonedDateTime fire = ZonedDateTime.ofLocal(LocalDateTime.of(d, time), zone, null);
        if (fire.toInstant().isAfter(t)) {
          continue;
        }
        // the latest fire at or before t decides: earlier ones end earlier
        Instant end = ZonedDateTime.ofLocal(fire.toLocalDateTime().plus(duration), zone, null).toInstant();
        return t.isBefore(end) ? end : null;
      }
    }
    return null;
  }

  private static void count(long[] steps) {
    if (steps != null) {
      steps[0]++;
    }
  }

  /** What the entry sets, e.g. {@code min 10, max 40}. */
  String bounds() {
    StringBuilder sb = new StringBuilder();
    floor.ifPresent(f -> sb.append("min ").append(f));
    cap.ifPresent(c -> sb.append(sb.length() > 0 ? ", " : "").append("max ").append(c));
    return sb.toString();
  }

  @Override
  public String toString() {
    return description + " (" + bounds() + ")";
  }
}
