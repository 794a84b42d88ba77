package dev.themis.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads {@code timestamp_seconds,value} CSV traces onto a one-minute grid by zero-order hold. Any such file works:
 * an optional header, strictly increasing whole seconds, finite values {@code >= 0}; gaps are held.
 */
public final class TraceFiles {
  /** The NASA-HTTP trace bundled with the examples (Internet Traffic Archive; freely redistributable). */
  public static final String BUNDLED_NASA = "traces/nasa_http_jul1995_1min.csv";

  private TraceFiles() {}

  /** A trace: its name and its value in every minute from its first sample to its last. */
  public record MinuteTrace(String name, double[] values) {}

  /**
   * Reads a trace file.
   *
   * @throws IllegalArgumentException naming the file and line when the content is malformed
   * @throws UncheckedIOException when it cannot be read
   */
  public static MinuteTrace read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), baseName(file.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("trace " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads the trace bundled with the examples. */
  public static MinuteTrace bundledNasa() {
    InputStream in = TraceFiles.class.getClassLoader().getResourceAsStream(BUNDLED_NASA);
    if (in == null) {
      throw new IllegalStateException("the bundled trace " + BUNDLED_NASA + " is not on the class path");
    }
    try (in) {
      return read(in, "classpath:" + BUNDLED_NASA, "nasa_http_jul1995_1min");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MinuteTrace read(InputStream in, String source, String name) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    long[] ts = new long[4096];
    double[] vs = new double[4096];
    int n = 0;
    int lineNo = 0;
    String line;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String text = line.strip();
      if (lineNo == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] f = text.split(",", -1);
      if (n == 0 && f.length >= 1 && !f[0].isBlank() && !Character.isDigit(f[0].strip().charAt(0))
          && f[0].strip().charAt(0) != '.') {
        continue; // header
      }
      if (f.length != 2) {
        throw bad(source, lineNo, text, "expected 2 comma-separated fields (timestamp_seconds,value)");
      }
      double t;
      double v;
      try {
        t = Double.parseDouble(f[0].strip());
        v = Double.parseDouble(f[1].strip());
      } catch (NumberFormatException e) {
        throw bad(source, lineNo, text, "expected numbers (timestamp_seconds,value)");
      }
      if (!Double.isFinite(t) || t != Math.rint(t) || t < 0) {
        throw bad(source, lineNo, text, "timestamp_seconds must be a whole number of seconds >= 0");
      }
      if (!Double.isFinite(v) || v < 0) {
        throw bad(source, lineNo, text, "value must be finite and >= 0");
      }
      if (n > 0 && (long) t <= ts[n - 1]) {
        throw bad(source, lineNo, text, "timestamp_seconds must increase strictly");
      }
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      ts[n] = (long) t;
      vs[n] = v;
      n++;
    }
    if (n == 0) {
      throw bad(source, lineNo, "", "no samples (expected lines 'timestamp_seconds,value')");
    }
    return new MinuteTrace(name, onMinuteGrid(ts, vs, n));
  }

  /** The value held in each minute {@code [t0 + 60 i, t0 + 60 (i+1))}, from the first sample to the last. */
  static double[] onMinuteGrid(long[] ts, double[] vs, int n) {
    long t0 = ts[0];
    int minutes = (int) ((ts[n - 1] - t0) / 60) + 1;
    double[] out = new double[minutes];
    int j = 0;
    for (int i = 0; i < minutes; i++) {
      long t = t0 + 60L * i;
      while (j + 1 < n && ts[j + 1] <= t) {
        j++;
      }
      out[i] = vs[j];
    }
    return out;
  }

  private static IllegalArgumentException bad(String source, int line, String text, String problem) {
    return new IllegalArgumentException(source + ":" + line + ": " + problem + ", was '" + text + "'");
  }

  private static String baseName(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
