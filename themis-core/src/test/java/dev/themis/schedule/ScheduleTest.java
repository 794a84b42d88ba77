package dev.themis.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.themis.config.ConfigurationException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String KEY = "emr.j-1.time_based_scaling";

  private static Instant utc(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC);
  }

  private static Instant berlin(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  // ---------------------------------------------------------------- the original's regex form

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2016-05-31T01:00:00, 14", // Tue 01:00, the original's test
      "2016-05-31T01:59:59, 14",
      "2016-05-31T02:00:00, -1",
      "2016-06-04T01:00:00, -1", // Saturday
      "2016-06-06T01:30:00, 14"})
  void originalRegexFormMatchesTheFormattedDate(String at, int expected) {
    Schedule s = Schedule.parseTimeBasedScaling(KEY, "{\"(Mon|Tue|Wed|Thu|Fri).*01:.*:.*\": 14}", ZoneOffset.UTC);
    assertEquals(expected, s.floorAt(utc(at)).orElse(-1));
  }

  @Test
  void regexIsAnchoredAtTheStartOnlyLikePythonReMatch() {
    Schedule s = Schedule.parseTimeBasedScaling(KEY, "{\"01:\": 5, \"Tue\": 7}", ZoneOffset.UTC);
    assertEquals(OptionalInt.of(7), s.floorAt(utc("2016-05-31T01:00:00")));
    Schedule t = Schedule.parseTimeBasedScaling(KEY, "{\"Tue 2016-05-31 01\": 3}", ZoneOffset.UTC);
    assertEquals(OptionalInt.of(3), t.floorAt(utc("2016-05-31T01:30:00")));
  }

  @Test
  void pythonNamedGroupsAndStringValuesAreAccepted() {
    Schedule s = Schedule.parseTimeBasedScaling(KEY, "{\"(?P<day>Sat|Sun)\": \"2\"}", ZoneOffset.UTC);
    assertEquals(OptionalInt.of(2), s.floorAt(utc("2016-06-04T12:00:00")));
  }

  @Test
  void emptyObjectDisablesTheSchedule() {
    assertTrue(Schedule.parseTimeBasedScaling(KEY, "{}", ZoneOffset.UTC).isEmpty());
    assertTrue(Schedule.parseTimeBasedScaling(KEY, "  ", ZoneOffset.UTC).isEmpty());
  }

  @Test
  void zoneIsConfigurable() {
    Schedule s = Schedule.parseTimeBasedScaling(KEY, "{\"Tue.*08:\": 10}", BERLIN);
    assertEquals(OptionalInt.of(10), s.floorAt(utc("2016-05-31T06:30:00"))); // 08:30 CEST
    assertEquals(OptionalInt.empty(), s.floorAt(utc("2016-05-31T08:30:00")));
  }

  @Test
  void overlappingRegexesFirstInDeclarationOrderWinsAndAWarningIsReported() {
    // given two patterns that both match weekday nights at 01:xx
    Schedule s = Schedule.parseTimeBasedScaling(KEY,
        "{\"(Mon|Tue|Wed|Thu|Fri).*01:.*\": 14, \"Tue\": 5, \"Sun\": 2}", ZoneOffset.UTC);
    // then the first wins
    assertEquals(OptionalInt.of(14), s.floorAt(utc("2016-05-31T01:00:00")));
    assertEquals(OptionalInt.of(5), s.floorAt(utc("2016-05-31T02:00:00")));
    // and the overlap is reported once, naming both entries and the winner
    assertEquals(1, s.warnings().size(), s.warnings().toString());
    String w = s.warnings().get(0);
    assertTrue(w.startsWith(KEY + ": entries '(Mon|Tue|Wed|Thu|Fri).*01:.*' (min 14) and 'Tue' (min 5) both apply,"
        + " e.g. at Tue 2024-01-02 00:01:00 Z; the first in declaration order wins (min 14)"), w);
  }

  @Test
  void invalidJsonIsAConfigurationErrorNotSilentlyIgnored() {
    // the original's issue #19: single quotes silently disabled the schedule
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Schedule.parseTimeBasedScaling(KEY, "{'Mon.*': 3}", ZoneOffset.UTC));
    assertEquals(1, e.problems().size());
    String msg = e.problems().get(0).toString();
    assertTrue(msg.startsWith(KEY + ": invalid JSON at line 1, column 2 ("), msg);
    assertTrue(msg.contains("expected a JSON object of regex -> minimum nodes such as"
        + " {\"(Mon|Tue|Wed|Thu|Fri).*01:.*:.*\": 14} (strict JSON: double quotes), was '{'Mon.*': 3}'"), msg);
  }

  @Test
  void everyInvalidEntryIsReported() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Schedule.parseTimeBasedScaling(KEY, "{\"(Mon\": 3, \"Tue\": -1, \"Wed\": \"x\"}", ZoneOffset.UTC));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains(KEY + ": expected a valid regular expression (RE2 syntax: no backreferences"
        + " or lookaround): missing closing ), was '(Mon'"), e.getMessage());
    assertTrue(e.getMessage().contains(KEY + "[\"Tue\"]: expected a minimum node count, an integer >= 0, was '-1'"),
        e.getMessage());
  }

  @Test
  void nonObjectJsonIsRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Schedule.parseTimeBasedScaling(KEY, "[1]", ZoneOffset.UTC));
    assertTrue(e.getMessage().contains("got a JSON array"), e.getMessage());
  }

  // ---------------------------------------------------------------- cron windows

  private static final String WEEKDAYS_BERLIN =
      "[{\"days\": \"MON-FRI\", \"from\": \"08:00\", \"to\": \"18:00\", \"zone\": \"Europe/Berlin\", \"min\": 10}]";

  @ParameterizedTest(name = "{0} Berlin -> {1}")
  @CsvSource({
      "2026-11-30T07:59, -1", "2026-11-30T08:00, 10", "2026-11-30T17:59, 10", "2026-11-30T18:00, -1",
      "2026-12-04T12:00, 10", "2026-12-05T12:00, -1", "2026-12-06T12:00, -1"})
  void weekdaysEightToSixInBerlin(String at, int expected) {
    Schedule s = Schedule.parseWindows("emr.j-1.schedule", WEEKDAYS_BERLIN, ZoneOffset.UTC);
    assertEquals(expected, s.floorAt(berlin(at)).orElse(-1));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2026-12-04T21:59, false", "2026-12-04T22:00, true", "2026-12-04T23:59, true", "2026-12-05T00:00, true",
      "2026-12-05T05:59, true", "2026-12-05T06:00, false", "2026-12-05T22:30, false"})
  void windowSpanningMidnight(String at, boolean applies) {
    Schedule s = Schedule.parseWindows("k", "[{\"days\": \"FRI\", \"from\": \"22:00\", \"to\": \"06:00\", \"max\": 2}]",
        ZoneOffset.UTC);
    assertEquals(applies, s.capAt(utc(at + ":00")).isPresent());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2026-12-04T17:59, false", "2026-12-04T18:00, true", "2026-12-06T12:00, true",
      "2026-12-07T07:59, true", "2026-12-07T08:00, false"})
  void windowSpanningDays(String at, boolean applies) {
    // Friday 18:00 for 62 hours: the weekend until Monday 08:00
    Schedule s = Schedule.parseWindows("k", "[{\"cron\": \"0 18 * * FRI\", \"duration\": \"62h\", \"max\": 2}]",
        ZoneOffset.UTC);
    assertEquals(applies, s.capAt(utc(at + ":00")).isPresent());
  }

  @ParameterizedTest(name = "{0} Berlin -> {1}")
  @CsvSource({
      // spring forward 2026-03-29 02:00 -> 03:00: the 22:00 + 10h window still ends at 08:00 local time
      "2026-03-28T21:59, false", "2026-03-28T22:00, true", "2026-03-29T03:30, true", "2026-03-29T07:59, true",
      "2026-03-29T08:00, false",
      // fall back 2026-10-25 03:00 -> 02:00
      "2026-10-24T22:00, true", "2026-10-25T02:30, true", "2026-10-25T07:59, true", "2026-10-25T08:00, false"})
  void wallClockDurationsAcrossDaylightSavingChangesInBerlin(String at, boolean applies) {
    Schedule s = Schedule.parseWindows("k",
        "[{\"cron\": \"0 22 * * SAT\", \"duration\": \"10h\", \"zone\": \"Europe/Berlin\", \"min\": 3}]",
        ZoneOffset.UTC);
    assertEquals(applies, s.floorAt(berlin(at)).isPresent());
  }

  @Test
  void daytimeWindowOnDaylightSavingDaysFollowsLocalTime() {
    Schedule s = Schedule.parseWindows("k",
        "[{\"days\": \"*\", \"from\": \"08:00\", \"to\": \"18:00\", \"zone\": \"Europe/Berlin\", \"min\": 10}]",
        ZoneOffset.UTC);
    // 2026-03-29 is CEST (+02:00) after 02:00: 08:00 local is 06:00Z
    assertTrue(s.floorAt(Instant.parse("2026-03-29T06:00:00Z")).isPresent());
    assertFalse(s.floorAt(Instant.parse("2026-03-29T05:59:00Z")).isPresent());
    // 2026-03-28 is CET (+01:00): 08:00 local is 07:00Z
    assertFalse(s.floorAt(Instant.parse("2026-03-28T06:30:00Z")).isPresent());
  }

  @Test
  void exclusionDates() {
    Schedule s = Schedule.parseWindows("k", "[{\"days\": \"MON-FRI\", \"from\": \"08:00\", \"to\": \"18:00\","
        + " \"min\": 10, \"exclude\": [\"2026-12-25\", \"2026-12-24\"]}]", ZoneOffset.UTC);
    assertTrue(s.floorAt(utc("2026-12-23T12:00:00")).isPresent());
    assertFalse(s.floorAt(utc("2026-12-24T12:00:00")).isPresent());
    assertFalse(s.floorAt(utc("2026-12-25T12:00:00")).isPresent());
  }

  @Test
  void floorsAndCapsAndOverlapWarningForWindows() {
    Schedule s = Schedule.parseWindows("emr.j-1.schedule",
        "[{\"days\": \"MON-FRI\", \"from\": \"08:00\", \"to\": \"18:00\", \"min\": 10, \"max\": 40},"
            + " {\"days\": \"*\", \"from\": \"00:00\", \"to\": \"23:59\", \"max\": 5}]", ZoneOffset.UTC);
    ScheduleEntry day = s.at(utc("2026-11-30T12:00:00")).orElseThrow();
    assertEquals(OptionalInt.of(10), day.floor());
    assertEquals(OptionalInt.of(40), day.cap());
    assertEquals(OptionalInt.of(5), s.capAt(utc("2026-11-30T20:00:00")));
    assertEquals(1, s.warnings().size(), s.warnings().toString());
    assertTrue(s.warnings().get(0).contains("the first in declaration order wins (min 10, max 40)"));
  }

  @Test
  void bothFormsShareOneEngine() {
    Schedule regex = Schedule.parseTimeBasedScaling(KEY, "{\"Mon\": 4}", ZoneOffset.UTC);
    Schedule windows = Schedule.parseWindows("k", "[{\"days\": \"MON\", \"from\": \"00:00\", \"to\": \"12:00\","
        + " \"min\": 8}]", ZoneOffset.UTC);
    Schedule both = regex.and(windows);
    assertEquals(OptionalInt.of(4), both.floorAt(utc("2026-11-30T10:00:00")));
    assertEquals(1, both.warnings().size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[{\"cron\": \"0 25 * * *\", \"duration\": \"1h\", \"min\": 1}]|k[0]: cron hour: expected a number 0-23, was '25'",
      "[{\"cron\": \"0 8 * *\", \"duration\": \"1h\", \"min\": 1}]|expected 5 cron fields",
      "[{\"cron\": \"0 8 * * XYZ\", \"duration\": \"1h\", \"min\": 1}]|cron day of week: expected a number 0-7 or a name such as MON",
      "[{\"cron\": \"0 8 * * *\", \"min\": 1}]|needs a 'duration'",
      "[{\"from\": \"8am\", \"to\": \"18:00\", \"min\": 1}]|from: expected a time HH:MM",
      "[{\"from\": \"08:00\", \"to\": \"18:00\"}]|needs 'min' and/or 'max'",
      "[{\"from\": \"08:00\", \"to\": \"18:00\", \"min\": 5, \"max\": 2}]|min (5) must be <= max (2)",
      "[{\"from\": \"08:00\", \"to\": \"18:00\", \"min\": 1, \"zone\": \"Mars/Base\"}]|zone: expected an IANA time zone",
      "[{\"from\": \"08:00\", \"to\": \"18:00\", \"min\": 1, \"exclude\": [\"25.12.\"]}]|exclude: expected ISO dates",
      "[{\"from\": \"08:00\", \"to\": \"18:00\", \"minimum\": 1}]|unknown field 'minimum'",
      "{\"from\": \"08:00\"}|expected a JSON array of windows",
      "[{]|invalid JSON at line 1, column 3"})
  void invalidWindowsAreConfigurationErrorsNamingTheKey(String json, String fragment) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Schedule.parseWindows("k", json, ZoneOffset.UTC));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().contains("  - k"), e.getMessage());
  }

  @Test
  void dailyWindowsMatchTheirLocalTimeRange() {
    // property: in a zone without DST, a daily window [from, to) applies exactly when the local time is in range
    qt().withExamples(Integer.getInteger("themis.qt.examples", 1000))
        .forAll(integers().between(0, 1439), integers().between(0, 1439), integers().between(0, 7 * 1440 - 1))
        .checkAssert((from, to, minuteOfWeek) -> {
          LocalTime f = LocalTime.of(from / 60, from % 60);
          LocalTime t = LocalTime.of(to / 60, to % 60);
          Schedule s = Schedule.of("k", java.util.List.of(ScheduleEntry.daily("*", f, t, ZoneOffset.UTC,
              OptionalInt.of(1), OptionalInt.empty(), java.util.Set.of())));
          ZonedDateTime at = ZonedDateTime.of(2026, 11, 30, 0, 0, 0, 0, ZoneOffset.UTC).plusMinutes(minuteOfWeek);
          int m = at.getHour() * 60 + at.getMinute();
          boolean expected = from < to ? from <= m && m < to : m >= from || m < to;
          assertEquals(expected, s.floorAt(at.toInstant()).isPresent(), f + "-" + t + " at " + at);
        });
  }
}
