package dev.themis.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks with short, documented defaults and writes {@code jmh.json} and {@code jmh.md}:
 * {@code java -jar themis-benchmarks/target/benchmarks.jar [--out DIR] [--forks N] [--warmup N] [--iterations N]
 * [--time SECONDS] [REGEX...]}. Defaults are each class's annotations (1 fork; 3 warm-up iterations of 2 s and 3
 * measured iterations of 1 s for expressions, 2 × 1 s and 3 × 1 s for the rest), the GC profiler on (bytes
 * allocated per operation), every benchmark; output in {@code target/bench}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Path out = Path.of("target", "bench");
    int forks = -1; // -1: the benchmark class's own annotations (short defaults, see each class)
    int warmup = -1;
    int iterations = -1;
    int seconds = -1;
    List<String> includes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--forks" -> forks = number(value(args, ++i, a), a);
        case "--warmup" -> warmup = number(value(args, ++i, a), a);
        case "--iterations" -> iterations = number(value(args, ++i, a), a);
        case "--time" -> seconds = number(value(args, ++i, a), a);
        case "-h", "--help" -> {
          System.out.println("usage: java -jar benchmarks.jar [--out DIR] [--forks N] [--warmup N] "
              + "[--iterations N] [--time SECONDS] [REGEX...]");
          return;
        }
        default -> {
          if (a.startsWith("-")) {
            System.err.println("benchmarks: unknown option '" + a + "'");
            System.exit(2);
          }
          includes.add(a);
        }
      }
    }
    Files.createDirectories(out);
    Path json = out.resolve("jmh.json");
    ChainedOptionsBuilder o = new OptionsBuilder()
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    if (forks >= 0) {
      o.forks(forks);
    }
    if (warmup >= 0) {
      o.warmupIterations(warmup);
    }
    if (iterations >= 0) {
      o.measurementIterations(iterations);
    }
    if (seconds > 0) {
      o.warmupTime(TimeValue.seconds(seconds)).measurementTime(TimeValue.seconds(seconds));
    }
    if (includes.isEmpty()) {
      o.include("dev\\.themis\\.benchmarks\\..*");
    } else {
      includes.forEach(o::include);
    }
    new Runner(o.build()).run();
    Path md = out.resolve("jmh.md");
    Files.writeString(md, JmhReport.markdown(Files.readString(json)));
    System.out.println("wrote " + json + " and " + md);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println("benchmarks: option " + option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  private static int number(String v, String option) {
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      System.err.println("benchmarks: option " + option + ": expected an integer >= 0, was '" + v + "'");
      System.exit(2);
      return 0;
    }
  }
}
