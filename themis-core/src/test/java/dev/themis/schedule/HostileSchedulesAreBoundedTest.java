package dev.themis.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.themis.config.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, items 7 and 8: a regex with catastrophic backtracking cost 6-30 s per tick (and hours for the overlap
 * check at load), a window that never opens 10-33 s per tick, 12,000 entries 22 s and 300 MB at load. Regexes run
 * on RE2/J, every schedule search is bounded, the overlap check has a work budget and no pairwise matrix, and
 * sizes beyond the documented limits are configuration errors. Work is checked by counting steps, never by timing.
 */
class HostileSchedulesAreBoundedTest {
  private static final String KEY = "emr.j-1.time_based_scaling";
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);
  /** Most steps one entry may take to answer "do you apply at t?" (see ScheduleEntry#matches). */
  private static final long STEPS_PER_ENTRY = Math.max(2 + 2 * ScheduleEntry.MAX_REGEX_LENGTH,
      ScheduleEntry.MAX_DURATION.toDays() + 3 + 1440 + 1);

  private static long steps(Schedule s, Instant t) {
    long[] steps = {0};
    s.at(t, steps);
    return steps[0];
  }

  @Test
  void catastrophicBacktrackingRegexesCostStepsLinearInTheirLength() {
    Schedule s = Schedule.parseTimeBasedScaling(KEY,
        "{\".*.*.*.*.*.*.*.*.*.*.*.*Z\": 3, \"(.*a){12}\": 4, \"((Tue|Tu|T)+)+x\": 5, \"Tue .* 01:.*\": 14}",
        ZoneOffset.UTC);
    Instant tuesday1am = Instant.parse("2016-05-31T01:00:00Z");
    assertEquals(OptionalInt.of(14), s.floorAt(tuesday1am));
    assertEquals((2 + 2 * 25) + (2 + 2 * 9) + (2 + 2 * 15) + (2 + 2 * 12), steps(s, tuesday1am),
        "linear in the patterns, whatever they are");
  }

  @Test
  void theOriginalsRegexFormsStillMatch() {
    Instant tuesday1am = Instant.parse("2016-05-31T01:00:00Z");
    for (String regex : List.of("(Mon|Tue|Wed|Thu|Fri).*01:.*:.*", "(Mon|Tue|Wed|Thu|Fri) .* (0[0-9]|1[0-7]):.*",
        ".*01:.*:.*", "Tue 2016-05-31 01:00:00", "(?P<day>Tue) (?P<date>\\d{4}-\\d\\d-\\d\\d)", "Tue", "T.e\\s2016",
        "[A-Z][a-z]{2} \\d+-05-31")) {
      Schedule s = Schedule.parseTimeBasedScaling(KEY, "{\"" + regex.replace("\\", "\\\\") + "\": 7}",
          ZoneOffset.UTC);
      assertEquals(OptionalInt.of(7), s.floorAt(tuesday1am), regex);
    }
    // re.match anchors at the start only
    assertEquals(OptionalInt.empty(), Schedule.parseTimeBasedScaling(KEY, "{\"01:00\": 7}", ZoneOffset.UTC)
        .floorAt(tuesday1am));
  }

  @Test
  void regexesRe2CannotRunAreRejectedWithTheKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Schedule.parseTimeBasedScaling(KEY, "{\"(Tue)\\\\1\": 3}", ZoneOffset.UTC));
    assertTrue(e.getMessage().contains(KEY + ": expected a valid regular expression (RE2 syntax: no backreferences"
        + " or lookaround)"), e.getMessage());
    ConfigurationException tooLong = assertThrows(ConfigurationException.class,
        () -> Schedule.parseTimeBasedScaling(KEY, "{\"" + "a".repeat(ScheduleEntry.MAX_REGEX_LENGTH + 1) + "\": 3}",
            ZoneOffset.UTC));
    assertTrue(tooLong.getMessage().contains("longer than 200 characters"), tooLong.getMessage());
  }

  @Test
  void aWindowThatNeverOpensIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Schedule.parseWindows("k.schedule",
        "[{\"cron\": \"0 0 30 2 *\", \"duration\": \"1h\", \"min\": 3}]", ZoneOffset.UTC));
    assertTrue(e.getMessage().contains("k.schedule[0]: cron '0 0 30 2 *' never fires"), e.getMessage());
    // leap days do fire
    Schedule leap = Schedule.parseWindows("k.schedule", "[{\"cron\": \"0 0 29 2 *\", \"duration\": \"1h\", \"min\": 3}]",
        ZoneOffset.UTC);
    assertEquals(OptionalInt.of(3), leap.floorAt(Instant.parse("2028-02-29T00:30:00Z")));
  }

  @Test
  void hugeDurationsAreRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Schedule.parseWindows("k.schedule",
        "[{\"cron\": \"0 0 30 2 *\", \"duration\": \"1000000000d\", \"min\": 3},"
            + " {\"cron\": \"0 0 * * *\", \"duration\": \"367d\", \"max\": 3}]", ZoneOffset.UTC));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("k.schedule[1]: duration: must be > 0 and at most 366 days, was 367d"),
        e.getMessage());
  }

  @Test
  void tooManyEntriesAreAConfigurationError() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 12_000; i++) {
      json.append(i == 0 ? "" : ",").append("\"Tue .* ").append(i).append("\": 1");
    }
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Schedule.parseTimeBasedScaling(KEY, json.append('}').toString(), ZoneOffset.UTC));
    assertEquals(KEY + ": at most 1000 regex entries, was '12000 entries'", e.problems().get(0).toString());
    StringBuilder windows = new StringBuilder("[");
    for (int i = 0; i < 3_000; i++) {
      windows.append(i == 0 ? "" : ",").append("{\"cron\": \"0 8 * * *\", \"duration\": \"1h\", \"min\": 1}");
    }
    ConfigurationException w = assertThrows(ConfigurationException.class,
        () -> Schedule.parseWindows("k.schedule", windows.append(']').toString(), ZoneOffset.UTC));
    assertEquals("k.schedule: at most 1000 windows, was '3000 windows'", w.problems().get(0).toString());
  }

  @Test
  void theOverlapCheckOfTheLargestScheduleStaysWithinItsBudget() {
    // One-minute windows on 1 January, none overlapping: each look-up walks back up to a year of days.
    List<ScheduleEntry> entries = new ArrayList<>();
    for (int i = 0; i < Schedule.MAX_ENTRIES; i++) {
      entries.add(ScheduleEntry.window((i % 60) + " " + (i / 60) + " 1 1 *", Duration.ofMinutes(1), ZoneOffset.UTC,
          OptionalInt.of(i), OptionalInt.empty(), Set.of()));
    }
    List<String> warnings = Schedule.overlaps("k.schedule", entries, 10_000);
    assertTrue(warnings.get(warnings.size() - 1).contains("1000 entries are too many to check every sample"),
        warnings.toString());
    assertTrue(warnings.size() <= Schedule.MAX_OVERLAP_WARNINGS + 1, "no pairwise blow-up: " + warnings.size());
  }

  @Test
  void anyLookupCostsAtMostABoundedNumberOfStepsPerEntry() {
    qt().withExamples(Math.max(50, EXAMPLES / 10)).forAll(longs().all(), lists().of(integers().between(0, 9))
        .ofSizeBetween(1, 6), longs().between(0, 4_000_000_000L)).checkAssert((seed, kinds, second) -> {
          Random r = new Random(seed);
          List<ScheduleEntry> entries = new ArrayList<>();
          for (int kind : kinds) {
            entries.add(kind < 5 ? ScheduleEntry.regex(hostileRegex(r), r.nextInt(50), zone(r))
                : ScheduleEntry.window(cron(r), Duration.ofMinutes(1 + (long) (r.nextDouble()
                    * ScheduleEntry.MAX_DURATION.toMinutes())), zone(r), OptionalInt.of(r.nextInt(9)),
                    OptionalInt.empty(), Set.of()));
          }
          Schedule s = Schedule.unchecked(entries);
          Instant t = Instant.ofEpochSecond(second);
          long steps = steps(s, t);
          assertTrue(steps <= entries.size() * STEPS_PER_ENTRY, steps + " steps for " + entries + " at " + t);
        });
  }

  private static ZoneId zone(Random r) {
    return List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("Australia/Lord_Howe"),
        ZoneId.of("America/St_Johns")).get(r.nextInt(4));
  }

  /** Nested quantifiers and overlapping alternations: exponential for a backtracking engine. */
  private static String hostileRegex(Random r) {
    String[] atoms = {".*", "(.*)*", "(a|a)*", "(T|Tu|Tue)+", "\\d+", "(.*.*)+", "[0-9:]*", "( |.)*"};
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(atoms[r.nextInt(atoms.length)]);
    }
    return sb.append(r.nextBoolean() ? "Z" : "").toString();
  }

  /** Any cron that fires at least once in 8 years: sparse days, many minutes, or both. */
  private static String cron(Random r) {
    String[] minutes = {"0", "*", "*/7", "0,30", "59"};
    String[] hours = {"0", "*", "8-17", "23"};
    String[] doms = {"*", "1", "29", "31", "13"};
    String[] months = {"*", "2", "JAN", "6-8"};
    String[] dows = {"*", "FRI", "MON-FRI", "0"};
    while (true) {
      String c = minutes[r.nextInt(5)] + " " + hours[r.nextInt(4)] + " " + doms[r.nextInt(5)] + " "
          + months[r.nextInt(4)] + " " + dows[r.nextInt(4)];
      if (Cron.parse(c).firesWithin(java.time.LocalDate.of(2024, 1, 1), ScheduleEntry.NEVER_FIRES_HORIZON_DAYS)) {
        return c;
      }
    }
  }
}
