package dev.themis.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads {@code timestamp_seconds,value} CSV files into a {@link Trace}: any such file, not only the shipped ones.
 *
 * <p>Format: an optional header line (any line whose first field is not a number, e.g.
 * {@code timestamp_seconds,value}); then one sample per line, two comma-separated fields: an integral number of
 * seconds (strictly increasing; {@code 60} and {@code 60.0} are both accepted) and a finite value {@code >= 0}.
 * Blank lines and lines starting with {@code #} are skipped; surrounding spaces and CR line ends are ignored.
 * Gaps between timestamps are allowed and filled by zero-order hold.
 *
 * <p>Stateless and thread-safe.
 */
public final class TraceLoader {
  private TraceLoader() {}

  /**
   * Loads a UTF-8 CSV file; the trace is named after the file.
   *
   * @throws TraceFormatException naming the file, line and offending text when the content is malformed
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Trace load(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(r, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("trace " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Parses CSV text; {@code source} names it in errors and becomes the trace's name. */
  public static Trace parse(String csv, String source) {
    try {
      return load(new StringReader(csv), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Trace load(Reader reader, String source) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    long[] seconds = new long[1024];
    double[] values = new double[1024];
    int n = 0;
    int lineNo = 0;
    boolean seenContent = false;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String text = line.strip();
      if (lineNo == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split(",", -1);
      if (!seenContent) {
        seenContent = true;
        if (!looksNumeric(fields[0].strip())) {
          if (fields.length != 2) {
            throw new TraceFormatException(source, lineNo, text,
                "expected a header with 2 columns (timestamp_seconds,value)");
          }
          continue;
        }
      }
      if (fields.length != 2) {
        throw new TraceFormatException(source, lineNo, text,
            "expected 2 comma-separated fields (timestamp_seconds,value), found " + fields.length);
      }
      long t = parseSeconds(source, lineNo, fields[0].strip());
      double v = parseValue(source, lineNo, fields[1].strip());
      if (n > 0 && t <= seconds[n - 1]) {
        throw new TraceFormatException(source, lineNo, fields[0].strip(),
            "timestamp_seconds must increase strictly; previous sample was at " + seconds[n - 1]);
      }
      if (n == seconds.length) {
        seconds = Arrays.copyOf(seconds, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      seconds[n] = t;
      values[n] = v;
      n++;
    }
    if (n == 0) {
      throw new TraceFormatException(source, lineNo, "", "no samples found (expected lines 'timestamp_seconds,value')");
    }
    return Trace.of(source, Arrays.copyOf(seconds, n), Arrays.copyOf(values, n));
  }

  private static boolean looksNumeric(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
  }

  private static long parseSeconds(String source, int line, String field) {
    double d;
    try {
      d = Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw new TraceFormatException(source, line, field, "timestamp_seconds must be a whole number of seconds");
    }
    if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 1e15) {
      throw new TraceFormatException(source, line, field, "timestamp_seconds must be a whole number of seconds");
    }
    if (d < 0) {
      throw new TraceFormatException(source, line, field, "timestamp_seconds must be >= 0");
    }
    return (long) d;
  }

  private static double parseValue(String source, int line, String field) {
    double v;
    try {
      v = Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw new TraceFormatException(source, line, field, "value must be a number");
    }
    if (!Double.isFinite(v)) {
      throw new TraceFormatException(source, line, field, "value must be finite");
    }
    if (v < 0) {
      throw new TraceFormatException(source, line, field, "value must be >= 0");
    }
    return v;
  }

  /** A malformed trace file. The message names the source, the line and the offending text. */
  public static final class TraceFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final String text;

    TraceFormatException(String source, int line, String text, String problem) {
      super(source + ":" + line + ": " + problem + ", was '" + text + "'");
      this.source = source;
      this.line = line;
      this.text = text;
    }

    public String source() {
      return source;
    }

    /** 1-based line number. */
    public int line() {
      return line;
    }

    /** The offending field or line. */
    public String text() {
      return text;
    }
  }
}
