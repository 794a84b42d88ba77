package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.testkit.TraceLoader.TraceFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceLoaderTest {

  @Test
  void zeroOrderHoldBetweenSamplesBeforeTheFirstAndAfterTheLast() {
    Trace t = TraceLoader.parse("timestamp_seconds,value\n0,5\n60,7\n300,2\n", "t");
    assertEquals(5, t.valueAt(-10));
    assertEquals(5, t.valueAt(0));
    assertEquals(5, t.valueAt(59));
    assertEquals(7, t.valueAt(60));
    assertEquals(7, t.valueAt(299)); // a gap is filled by holding the previous value
    assertEquals(2, t.valueAt(300));
    assertEquals(2, t.valueAt(1_000_000));
    assertEquals(7, t.valueAt(Duration.ofSeconds(61)));
  }

  @Test
  void anchoredDemandFollowsTheClock() {
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    Demand d = Trace.perMinute("m", 1, 2, 3).anchoredAt(start);
    assertEquals(1, d.at(start));
    assertEquals(2, d.at(start.plusSeconds(60)));
    assertEquals(2, d.at(start.plusSeconds(119)));
    assertEquals(3, d.at(start.plusSeconds(3600)));
  }

  @Test
  void headerIsOptionalBlankAndCommentLinesAndCrlfAreIgnored() {
    Trace t = TraceLoader.parse("# comment\r\n\r\n0, 1.5\r\n60.0 ,2\r\n", "crlf");
    assertEquals(2, t.size());
    assertEquals(60, t.secondsAt(1));
    assertEquals(1.5, t.valueOf(0));
  }

  @Test
  void malformedValueIsReportedWithLineAndValue() {
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> TraceLoader.parse("timestamp_seconds,value\n0,1\n60,abc\n", "bad.csv"));
    assertEquals(3, e.line());
    assertEquals("abc", e.text());
    assertTrue(e.getMessage().contains("bad.csv:3"), e.getMessage());
    assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
  }

  @Test
  void otherMalformedLinesAreReported() {
    assertLine(3, "60", "0,1\n60,2\n60,3\n"); // not increasing
    assertLine(1, "1.5", "1.5,2\n"); // fractional seconds
    assertLine(2, "-4", "0,1\n60,-4\n"); // negative value
    assertLine(2, "NaN", "0,1\n60,NaN\n");
    assertLine(2, "60,1,2", "0,1\n60,1,2\n"); // three fields
    assertLine(1, "-60", "-60,1\n");
    TraceFormatException empty =
        assertThrows(TraceFormatException.class, () -> TraceLoader.parse("timestamp_seconds,value\n", "e"));
    assertTrue(empty.getMessage().contains("no samples"), empty.getMessage());
  }

  private static void assertLine(int line, String text, String csv) {
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceLoader.parse(csv, "x"));
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(text, e.text(), e.getMessage());
  }

  @Test
  void loadsAnyFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("mine.csv");
    Files.writeString(f, "timestamp_seconds,value\n0,10\n120,30\n");
    Trace t = TraceLoader.load(f);
    assertEquals(20, t.mean());
    assertEquals(f.toString(), t.name());
    Files.writeString(f, "timestamp_seconds,value\n0,10\nx,30\n");
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceLoader.load(f));
    assertTrue(e.getMessage().startsWith(f + ":3:"), e.getMessage());
    assertThrows(UncheckedIOException.class, () -> TraceLoader.load(dir.resolve("missing.csv")));
  }

  @Test
  void loadsTheShippedTracesWhenPresent() {
    Path nasa = Path.of("/work/shared/traces/nasa_http_jul1995_1min.csv");
    if (!Files.exists(nasa)) {
      return; // the traces are not redistributed with the library
    }
    Trace t = TraceLoader.load(nasa);
    assertEquals(39_692, t.size());
    assertEquals(405, t.max());
  }

  @Test
  void unitsFollowTheBenchmarkFormula() {
    Trace t = Trace.perMinute("u", 0, 8, 8.1, 80);
    Trace units = t.toUnits(10, 0.8); // one unit serves 8
    assertEquals(1, units.valueOf(0)); // max(1, ...)
    assertEquals(1, units.valueOf(1));
    assertEquals(2, units.valueOf(2));
    assertEquals(10, units.valueOf(3));
    Trace peak = Trace.perMinute("p", 100, 50);
    double c = peak.capacityForPeakUnits(25, 0.8);
    assertEquals(25, peak.toUnits(c, 0.8).max());
  }
}
