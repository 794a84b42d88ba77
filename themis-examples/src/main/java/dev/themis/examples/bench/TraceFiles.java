package dev.themis.examples.bench;

import dev.themis.testkit.Trace;
import dev.themis.testkit.TraceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Traces for the examples, read with the testkit's {@link TraceLoader} (the one CSV reader: any
 * {@code timestamp_seconds,value} file, errors naming file, line and value) and viewed on a one-minute grid by
 * zero-order hold.
 */
public final class TraceFiles {
  /** The NASA-HTTP trace bundled with the examples (Internet Traffic Archive; freely redistributable). */
  public static final String BUNDLED_NASA = "traces/nasa_http_jul1995_1min.csv";

  private TraceFiles() {}

  /** A trace: its name and its value in every minute from its first sample to its last. */
  public record MinuteTrace(String name, double[] values) {}

  /**
   * Reads a trace file; the trace is named after the file, without its extension.
   *
   * @throws IllegalArgumentException naming the file and line when the content is malformed
   * @throws UncheckedIOException when it cannot be read
   */
  public static MinuteTrace read(Path file) {
    return minutes(TraceLoader.load(file), baseName(file.getFileName().toString()));
  }

  /** The trace bundled with the examples. */
  public static Trace bundledNasaTrace() {
    try (InputStream in = TraceFiles.class.getClassLoader().getResourceAsStream(BUNDLED_NASA)) {
      if (in == null) {
        throw new IllegalStateException("the bundled trace " + BUNDLED_NASA + " is not on the class path");
      }
      return TraceLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_NASA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The trace bundled with the examples, on the minute grid. */
  public static MinuteTrace bundledNasa() {
    return minutes(bundledNasaTrace(), "nasa_http_jul1995_1min");
  }

  /** Parses CSV text ({@code source} names it in errors). */
  static MinuteTrace parse(String csv, String source, String name) {
    return minutes(TraceLoader.parse(csv, source), name);
  }

  /** The value held in each minute {@code [t0 + 60 i, t0 + 60 (i+1))}, from the first sample to the last. */
  static MinuteTrace minutes(Trace trace, String name) {
    long t0 = trace.secondsAt(0);
    int minutes = (int) (trace.spanSeconds() / 60) + 1;
    double[] out = new double[minutes];
    for (int i = 0; i < minutes; i++) {
      out[i] = trace.valueAt(t0 + 60L * i);
    }
    return new MinuteTrace(name, out);
  }

  private static String baseName(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
