package dev.themis.examples.bench;

import dev.themis.examples.Command;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench quality [--trace PATH]... [--out DIR] [--threads N]}, {@code bench calls [--out DIR]} and
 * {@code bench jmh [JMH options]}.
 */
public final class BenchCommand implements Command {
  @Override
  public String summary() {
    return "benchmarks: 'bench quality' (scaling quality on traces), 'bench calls' (AWS calls per tick), "
        + "'bench jmh' (cost of deciding)";
  }

  static void usage(PrintStream out) {
    out.println("usage: bench quality [--trace PATH]... [--out DIR] [--threads N] [--path cloud|memory]");
    out.println("                     [--segment MINUTES] [--policy NAME]... [--profile NAME]...");
    out.println("         Replays every policy of BENCHMARK.md section 1 on every trace (a timestamp_seconds,value");
    out.println("         CSV; default: the bundled NASA trace plus every *.csv in ../shared/traces when that");
    out.println("         folder exists) for the EMR and Kinesis profiles. Writes quality.csv, quality.md and");
    out.println("         one SVG chart per trace to DIR (default target/bench). N: parallel runs (default: cores).");
    out.println("         --path cloud (default): the real EMR and Kinesis providers against the simulated AWS");
    out.println("         clients; --path memory: an in-memory model behind the core SPI (much faster).");
    out.println("         --segment: the cloud path restarts its simulated clouds every MINUTES, carrying the");
    out.println("         requested capacity over (default 0: one continuous replay per trace).");
    out.println("         --policy / --profile: run only these (default: all), e.g. to investigate one.");
    out.println("       bench history [--quick] [--out DIR]");
    out.println("         the cost of durable state: store time per resource per tick on PostgreSQL (a throwaway");
    out.println("         cluster), H2 and memory, bytes per outcome, build() recovery time; writes history.md.");
    out.println("       bench leases [--quick] [--out DIR]");
    out.println("         the cost of coordination: lease SQL per refresh per host for 1,000 and 10,000 resources");
    out.println("         over 3 hosts, hand-over times after a host dies; writes leases.md.");
    out.println("       bench calls [--out DIR]");
    out.println("         AWS API calls per resource per steady tick, counted by the simulated clients; writes");
    out.println("         calls.md to DIR (default target/bench).");
    out.println("       bench sensitivity [--out DIR]");
    out.println("         The predictive policy with one setting changed at a time (memory path, emr-d1 and");
    out.println("         kinesis, every trace); writes the quality files to DIR (default target/bench/sensitivity).");
    out.println("       bench jmh [JMH options]");
    out.println("         Runs themis-benchmarks/target/benchmarks.jar (build it first with");
    out.println("         'mvn -B -ntp package -pl themis-benchmarks -am -DskipTests') and writes target/bench/jmh.md.");
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    // Tens of thousands of simulated actions: keep the autoscaler's per-action INFO log out of the output.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (args.isEmpty()) {
      err.println("bench: missing subcommand (quality, calls or jmh)");
      usage(err);
      return USAGE;
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "quality":
        return quality(rest, out, err);
      case "calls":
        return calls(rest, out, err);
      case "history":
        return history(rest, out, err);
      case "leases":
        return leases(rest, out, err);
      case "sensitivity":
        return sensitivity(rest, out, err);
      case "jmh":
        return jmh(rest, out, err);
      case "-h":
      case "--help":
        usage(out);
        return 0;
      default:
        err.println("bench: unknown subcommand '" + args.get(0) + "' (expected quality, calls or jmh)");
        usage(err);
        return USAGE;
    }
  }

  private int quality(List<String> args, PrintStream out, PrintStream err) {
    List<Path> traces = new ArrayList<>();
    Path outDir = Path.of("target", "bench");
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> policies = new ArrayList<>();
    List<String> profiles = new ArrayList<>();
    String pathName = null;
    int segment = 0;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--trace", "--out", "--threads", "--policy", "--profile", "--path", "--segment" -> {
          if (i + 1 >= args.size()) {
            err.println("bench quality: option " + a + " needs a value");
            return USAGE;
          }
          String v = args.get(++i);
          if (a.equals("--trace")) {
            traces.add(Path.of(v));
          } else if (a.equals("--path")) {
            pathName = v;
          } else if (a.equals("--segment")) {
            try {
              segment = Integer.parseInt(v);
              if (segment < 0) {
                throw new NumberFormatException();
              }
            } catch (NumberFormatException e) {
              err.println("bench quality: option --segment: expected minutes >= 0 (0 = one replay), was '" + v + "'");
              return USAGE;
            }
          } else if (a.equals("--policy")) {
            policies.add(v);
          } else if (a.equals("--profile")) {
            profiles.add(v);
          } else if (a.equals("--out")) {
            outDir = Path.of(v);
          } else {
            try {
              threads = Integer.parseInt(v);
              if (threads < 1) {
                throw new NumberFormatException();
              }
            } catch (NumberFormatException e) {
              err.println("bench quality: option --threads: expected an integer >= 1, was '" + v + "'");
              return USAGE;
            }
          }
        }
        case "-h", "--help" -> {
          usage(out);
          return 0;
        }
        default -> {
          err.println("bench quality: unknown option '" + a + "'");
          usage(err);
          return USAGE;
        }
      }
    }
    List<TraceFiles.MinuteTrace> loaded = new ArrayList<>();
    try {
      if (traces.isEmpty()) {
        loaded.add(TraceFiles.bundledNasa());
        Set<String> names = new LinkedHashSet<>();
        names.add(loaded.get(0).name());
        for (Path p : sharedTraces()) {
          if (names.add(baseName(p))) {
            loaded.add(TraceFiles.read(p));
          }
        }
      } else {
        for (Path p : traces) {
          if (!Files.isReadable(p) || Files.isDirectory(p)) {
            err.println("bench quality: --trace " + p + ": not a readable file");
            return USAGE;
          }
          loaded.add(TraceFiles.read(p));
        }
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("bench quality: " + e.getMessage());
      return USAGE;
    }
    for (TraceFiles.MinuteTrace t : loaded) {
      if (t.values().length <= Workload.WARM_UP + 1) {
        err.println("bench quality: trace " + t.name() + ": needs more than " + (Workload.WARM_UP + 1)
            + " minutes, has " + t.values().length);
        return USAGE;
      }
    }
    List<Contender> contenders = Contenders.all().stream()
        .filter(c -> policies.isEmpty() || policies.contains(c.name())).toList();
    List<Profile> chosenProfiles = Profile.ALL.stream()
        .filter(p -> profiles.isEmpty() || profiles.contains(p.name())).toList();
    for (String name : policies) {
      if (Contenders.all().stream().noneMatch(c -> c.name().equals(name))) {
        err.println("bench quality: --policy " + name + ": unknown; known: "
            + String.join(", ", Contenders.all().stream().map(Contender::name).toList()));
        return USAGE;
      }
    }
    for (String name : profiles) {
      if (Profile.ALL.stream().noneMatch(p -> p.name().equals(name))) {
        err.println("bench quality: --profile " + name + ": unknown; known: "
            + String.join(", ", Profile.ALL.stream().map(Profile::name).toList()));
        return USAGE;
      }
    }
    ReplayPath path;
    try {
      path = pathName == null || pathName.equals("cloud") ? new CloudPath(segment) : ReplayPaths.byName(pathName);
    } catch (IllegalArgumentException e) {
      err.println("bench quality: option --path: " + e.getMessage());
      return USAGE;
    }
    out.println("bench quality: " + loaded.size() + " trace(s): "
        + String.join(", ", loaded.stream().map(TraceFiles.MinuteTrace::name).toList()));
    out.println("path: " + path.description());
    QualityBench bench = new QualityBench(path, contenders, chosenProfiles, threads);
    QualityBench.Result result;
    try {
      result = bench.run(loaded, line -> {
        synchronized (out) {
          out.println("  " + line);
        }
      });
    } catch (RuntimeException e) {
      err.println("bench quality: failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
    List<Path> written = QualityBench.write(result, outDir, Machine.describe());
    out.printf(Locale.ROOT, "done in %.1f s; wrote%n", result.seconds());
    written.forEach(p -> out.println("  " + p));
    long failed = result.runs().stream().filter(QualityBench.Run::failed).count();
    if (failed > 0) {
      err.println("bench quality: " + failed + " run(s) could not run; see 'not run' in quality.md");
      return 1;
    }
    return 0;
  }

  private int leases(List<String> args, PrintStream out, PrintStream err) {
    return storeBench("leases", args, out, err);
  }

  private int history(List<String> args, PrintStream out, PrintStream err) {
    return storeBench("history", args, out, err);
  }

  /** bench history and bench leases: {@code [--quick] [--out DIR]}, a markdown file named after the bench. */
  private int storeBench(String name, List<String> args, PrintStream out, PrintStream err) {
    Path dir = Path.of("target", "bench");
    boolean quick = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--quick")) {
        quick = true;
      } else if (a.equals("--out") && i + 1 < args.size()) {
        dir = Path.of(args.get(++i));
      } else {
        err.println("bench " + name + ": unknown option or missing value '" + a + "' (expected --quick, --out DIR)");
        return 2;
      }
    }
    try {
      String md = name.equals("leases") ? LeaseBench.run(quick, out) : HistoryBench.run(quick, out);
      HistoryBench.write(dir.resolve(name + ".md"), md);
      out.print(md);
      out.println("wrote " + dir.resolve(name + ".md"));
      return 0;
    } catch (Exception e) {
      err.println("bench " + name + ": " + e);
      return 1;
    }
  }

  private int sensitivity(List<String> args, PrintStream out, PrintStream err) {
    Path outDir = Path.of("target", "bench", "sensitivity");
    if (args.size() == 2 && args.get(0).equals("--out")) {
      outDir = Path.of(args.get(1));
    } else if (!args.isEmpty()) {
      err.println("bench sensitivity: expected [--out DIR], was " + String.join(" ", args));
      return USAGE;
    }
    List<TraceFiles.MinuteTrace> loaded = new ArrayList<>();
    loaded.add(TraceFiles.bundledNasa());
    for (Path p : sharedTraces()) {
      if (!baseName(p).equals(loaded.get(0).name())) {
        loaded.add(TraceFiles.read(p));
      }
    }
    QualityBench bench = new QualityBench(new InMemoryPath(), Sensitivity.contenders(), Sensitivity.PROFILES,
        Runtime.getRuntime().availableProcessors());
    QualityBench.Result result = bench.run(loaded, line -> {});
    List<Path> written = QualityBench.write(result, outDir, Machine.describe());
    out.printf(Locale.ROOT, "done in %.1f s; wrote%n", result.seconds());
    written.forEach(p -> out.println("  " + p));
    return 0;
  }

  private int calls(List<String> args, PrintStream out, PrintStream err) {
    Path outDir = Path.of("target", "bench");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--out") && i + 1 < args.size()) {
        outDir = Path.of(args.get(++i));
      } else if (a.equals("--out")) {
        err.println("bench calls: option --out needs a value");
        return USAGE;
      } else {
        err.println("bench calls: unknown option '" + a + "'");
        usage(err);
        return USAGE;
      }
    }
    List<CallsBench.Row> rows = CallsBench.run();
    String md = CallsBench.markdown(rows, Machine.describe());
    try {
      Files.createDirectories(outDir);
      Path file = Files.writeString(outDir.resolve("calls.md"), md);
      out.print(md);
      out.println("wrote " + file);
      return 0;
    } catch (java.io.IOException e) {
      err.println("bench calls: cannot write to " + outDir + ": " + e.getMessage());
      return 1;
    }
  }

  private int jmh(List<String> args, PrintStream out, PrintStream err) {
    Path jar = null;
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("themis-benchmarks").resolve("target").resolve("benchmarks.jar");
      if (Files.isRegularFile(candidate)) {
        jar = candidate;
        break;
      }
    }
    if (jar == null) {
      err.println("bench jmh: themis-benchmarks/target/benchmarks.jar not found from " + Path.of("").toAbsolutePath()
          + "; build it first: mvn -B -ntp package -pl themis-benchmarks -am -DskipTests");
      return USAGE;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    out.println("bench jmh: " + String.join(" ", command));
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      return p.waitFor();
    } catch (java.io.IOException e) {
      err.println("bench jmh: cannot start " + command.get(0) + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Every *.csv in the shared traces folder, if it exists beside the repository or the working directory. */
  static List<Path> sharedTraces() {
    Path dir = sharedTracesDir();
    if (dir == null) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  static Path sharedTracesDir() {
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> candidates = new ArrayList<>();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("themis-core"))) {
        candidates.add(p.resolveSibling("shared").resolve("traces"));
      }
    }
    candidates.add(cwd.resolveSibling("shared").resolve("traces"));
    candidates.add(cwd.resolve("../../shared/traces").normalize());
    for (Path c : candidates) {
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  private static String baseName(Path p) {
    String f = p.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return dot > 0 ? f.substring(0, dot) : f;
  }
}
