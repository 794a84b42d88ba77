package dev.themis.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * BENCHMARK.md §1: every contender on every workload (trace × scale) and profile, in one process and one run;
 * writes {@code quality.csv}, {@code quality.md} and one SVG chart per trace.
 */
public final class QualityBench {
  private final ReplayPath path;
  private final List<Contender> contenders;
  private final List<Profile> profiles;
  private final int threads;

  public QualityBench(ReplayPath path, List<Contender> contenders, List<Profile> profiles, int threads) {
    this.path = Objects.requireNonNull(path, "path");
    this.contenders = List.copyOf(contenders);
    this.profiles = List.copyOf(profiles);
    this.threads = Math.max(1, threads);
  }

  /**
   * One (workload, profile, contender) run with its figures and replay; or, if it could not run, the reason
   * ({@code replay} and {@code metrics} null).
   */
  public record Run(Workload workload, Profile profile, Contender contender, Replay replay, QualityMetrics metrics,
      long oracleCost, double seconds, String error) {
    public boolean failed() {
      return error != null;
    }
  }

  /** The result of a whole benchmark. */
  public record Result(List<Run> runs, String pathDescription, double seconds) {}

  /** Runs everything; {@code progress} gets one line per finished run. */
  public Result run(List<TraceFiles.MinuteTrace> traces, java.util.function.Consumer<String> progress) {
    long t0 = System.nanoTime();
    List<Workload> workloads = new ArrayList<>();
    for (TraceFiles.MinuteTrace t : traces) {
      for (Workload.Scale s : Workload.Scale.values()) {
        workloads.add(Workload.of(t.name(), t.values(), s, 0.8));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "quality-bench");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (Workload w : workloads) {
        for (Profile p : profiles) {
          long oracle = Oracle.schedule(w.demand(), p.boot(), p.drain()).cost(Workload.WARM_UP, w.minutes());
          for (Contender c : contenders) {
            futures.add(pool.submit(() -> {
              Run r = runOne(w, p, c, oracle);
              progress.accept(String.format(java.util.Locale.ROOT, "%-28s %-8s %-8s %-22s %6.1f s%s", w.trace(),
                  w.scale().label(), p.name(), c.name(), r.seconds(), r.failed() ? "  FAILED: " + r.error() : ""));
              return r;
            }));
          }
        }
      }
      List<Run> runs = new ArrayList<>();
      for (Future<Run> f : futures) {
        runs.add(f.get());
      }
      return new Result(runs, path.description(), (System.nanoTime() - t0) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  Run runOne(Workload w, Profile p, Contender c, long oracleCost) {
    long t0 = System.nanoTime();
    Replay r;
    try {
      r = c instanceof Contender.Scheduled s
          ? s.planner().plan(w, p)
          : path.replay(w, p, (Contender.Autoscaled) c);
    } catch (RuntimeException e) {
      String why = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ').strip();
      return new Run(w, p, c, null, null, oracleCost, (System.nanoTime() - t0) / 1e9, why);
    }
    int from = Workload.WARM_UP;
    QualityMetrics m = QualityMetrics.of(w.demand(), r.supply(), r.billed(), oracleCost, c.interval(),
        r.actionsFrom(from), r.unitsChangedFrom(from), from, w.minutes());
    return new Run(w, p, c, r, m, oracleCost, (System.nanoTime() - t0) / 1e9, null);
  }

  /** Writes quality.csv, quality.md and the charts into {@code dir}. */
  public static List<Path> write(Result result, Path dir, String machine) {
    try {
      Files.createDirectories(dir);
      List<Path> written = new ArrayList<>();
      written.add(Files.writeString(dir.resolve("quality.csv"), QualityReport.csv(result)));
      List<String> charts = new ArrayList<>();
      for (String trace : result.runs().stream().map(r -> r.workload().trace()).distinct().toList()) {
        String file = "quality-" + trace.replaceAll("[^A-Za-z0-9_.-]", "_") + ".svg";
        written.add(Files.writeString(dir.resolve(file), Charts.trace(result, trace)));
        charts.add(file);
        String frontier = "frontier-" + trace.replaceAll("[^A-Za-z0-9_.-]", "_") + ".svg";
        written.add(Files.writeString(dir.resolve(frontier), Frontier.chart(result, trace)));
        charts.add(frontier);
      }
      written.add(Files.writeString(dir.resolve("quality.md"), QualityReport.markdown(result, machine, charts)));
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark's results to " + dir + ": " + e.getMessage(), e);
    }
  }
}
