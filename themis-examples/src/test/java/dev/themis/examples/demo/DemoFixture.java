package dev.themis.examples.demo;

import dev.themis.history.InMemoryHistoryStore;
import dev.themis.testkit.TraceLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The demo's test input: a synthetic day, and the report of its replay (made once per test JVM). */
final class DemoFixture {
  private static DemoReport dayReport;

  private DemoFixture() {}

  /** A day with a quiet night and a busy afternoon, one row a minute. */
  static String dayCsv() {
    StringBuilder csv = new StringBuilder("timestamp_seconds,value\n");
    for (int m = 0; m < 1440; m++) {
      double v = 10 + 90 * Math.max(0, Math.sin(Math.PI * (m - 360) / 720.0));
      csv.append(m * 60).append(',').append(String.format(Locale.ROOT, "%.1f", v)).append('\n');
    }
    return csv.toString();
  }

  /** {@link #dayCsv()} written to {@code dir/day.csv}. */
  static Path dayTrace(Path dir) throws IOException {
    return Files.writeString(dir.resolve("day.csv"), dayCsv());
  }

  /** The demo's three runs over {@link #dayCsv()}, on in-memory history stores. */
  static synchronized DemoReport dayReport() {
    if (dayReport == null) {
      dayReport = DemoCommand.replay(TraceLoader.parse(dayCsv(), "day.csv"), false, 1,
          name -> InMemoryHistoryStore.withDefaults(),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
    return dayReport;
  }
}
