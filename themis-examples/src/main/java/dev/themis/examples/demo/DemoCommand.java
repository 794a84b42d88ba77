package dev.themis.examples.demo;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.clock.ManualClock;
import dev.themis.console.ConsoleOptions;
import dev.themis.console.ThemisConsole;
import dev.themis.history.HistoryStore;
import dev.themis.jdbc.JdbcHistoryStore;
import dev.themis.cost.CostReport;
import dev.themis.cost.PriceCatalogue;
import dev.themis.emr.EmrPriceCatalogue;
import dev.themis.emr.YarnClient;
import dev.themis.examples.Command;
import dev.themis.testkit.Demand;
import dev.themis.testkit.Replay;
import dev.themis.testkit.ReplayResult;
import dev.themis.testkit.Trace;
import dev.themis.testkit.TraceLoader;
import dev.themis.testkit.emr.SimulatedEmr;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code demo [--trace PATH] [--out DIR] [--days N]}: replays a real demand trace through an {@link Autoscaler}
 * with the real EMR provider against the testkit's simulated EMR and YARN, and a stream through the real Kinesis
 * provider against the simulated Kinesis and CloudWatch. Both use the original Themis default expressions; the
 * cluster also has the original's {@code time_based_scaling} schedule. Beside them, the same cluster on the same
 * trace and simulated cloud with {@code policy: predictive}, so the report shows the two side by side. Prints a progress bar and a summary, and
 * writes a self-contained HTML report.
 *
 * <p>Default trace: the NASA-HTTP July 1995 trace bundled with the examples (requests per minute at NASA's web
 * server), from Monday 3 July 1995, in the server's time zone (America/New_York).
 */
public final class DemoCommand implements Command {
  /** With --console: one tick (three simulated minutes) every this many milliseconds of wall time. */
  static final long LIVE_TICK_MILLIS = 2_000;

  /** Monday 3 July 1995 00:00 EDT, two days into the NASA trace. */
  private static final Instant NASA_MONDAY = Instant.parse("1995-07-03T04:00:00Z");
  private static final Instant NASA_START = Instant.parse("1995-07-01T04:00:00Z");
  private static final Instant OTHER_START = Instant.parse("2020-01-06T00:00:00Z");
  private static final ZoneId NASA_ZONE = ZoneId.of("America/New_York");
  private static final Duration TICK = Duration.ofMinutes(3); // the original's loop interval
  /** The predictive policy as a user would configure it for this cluster: 6-minute boot plus the 3-minute tick. */
  static final Map<String, String> PREDICTIVE_SETTINGS = new java.util.TreeMap<>(Map.of(
      "policy", "predictive",
      "predictive_pending_metric", "yarn.containers.pending",
      "predictive_units_per_pending", "0.25",
      "predictive_serving_metric", "cluster.capacity.running",
      "predictive_horizon", "9m",
      "monitoring_window", "3m",
      "scale_down_cooldown", "0s",
      "scale_down_stabilization", "10m",
      "baseline_nodes", "20"));

  /** The original's default threshold: 500,000 bytes per shard and minute (stream_upscale_expr). */
  static final double SHARD_BYTES_PER_MINUTE = 500_000;
  static final String STREAM = "clickstream";
  /** A provisioned shard-hour in us-east-1, USD. */
  static final double SHARD_HOUR_USD = 0.015;
  static final int STREAM_BASELINE_SHARDS = 5;

  private final InputStream in;

  public DemoCommand() {
    this(System.in);
  }

  /** With the input that --console waits on (a line or its end stops the console). */
  DemoCommand(InputStream in) {
    this.in = in;
  }

  /** A replayed autoscaler the console can serve once the replay is done. */
  record Live(String label, ResourceId id, Autoscaler autoscaler, ManualClock clock) {}

  @Override
  public String summary() {
    return "replay a real trace through the EMR and Kinesis providers against simulated clouds; write an HTML report";
  }

  static void usage(PrintStream out) {
    out.println("usage: demo [--trace PATH] [--out DIR] [--days N] [--console [--console-port P]]");
    out.println("  --trace PATH  a timestamp_seconds,value CSV (default: the bundled NASA-HTTP July 1995 trace)");
    out.println("  --out DIR     where report.html and timeline CSVs go (default: target/demo)");
    out.println("  --days N      days to replay, 1 to 7 (default: 2)");
    out.println("  --console     then serve the Themis console of both autoscalers on 127.0.0.1 and keep replaying");
    out.println("                live, one tick every 2 seconds, until Enter");
    out.println("  --console-port P  the EMR console's port (the stream's is P+1; default: free ports)");
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Path tracePath = null;
    Path outDir = Path.of("target", "demo");
    int days = 2;
    boolean console = false;
    int consolePort = 0;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-h", "--help" -> {
          usage(out);
          return 0;
        }
        case "--console" -> console = true;
        case "--console-port" -> {
          if (i + 1 >= args.size()) {
            err.println("demo: option --console-port needs a value");
            return USAGE;
          }
          String v = args.get(++i);
          try {
            consolePort = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            consolePort = -1;
          }
          if (consolePort < 1 || consolePort > 65_534) {
            err.println("demo: --console-port expects a port from 1 to 65534, was '" + v + "'");
            return USAGE;
          }
        }
        case "--trace", "--out", "--days" -> {
          if (i + 1 >= args.size()) {
            err.println("demo: option " + a + " needs a value");
            usage(err);
            return USAGE;
          }
          String v = args.get(++i);
          if (a.equals("--trace")) {
            tracePath = Path.of(v);
          } else if (a.equals("--out")) {
            outDir = Path.of(v);
          } else {
            try {
              days = Integer.parseInt(v);
            } catch (NumberFormatException e) {
              days = -1;
            }
            if (days < 1 || days > 7) {
              err.println("demo: --days expects a whole number from 1 to 7, was '" + v + "'");
              return USAGE;
            }
          }
        }
        default -> {
          err.println("demo: unknown option '" + a + "'");
          usage(err);
          return USAGE;
        }
      }
    }
    Trace trace;
    try {
      trace = tracePath == null ? bundled() : TraceLoader.load(tracePath);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("demo: cannot read trace " + tracePath + ": " + e.getMessage());
      return USAGE;
    }
    try {
      Files.createDirectories(outDir);
      // Every outcome and each resource's memory go to embedded databases (one per run), new for every demo.
      List<JdbcHistoryStore> open = new ArrayList<>();
      Path dir = outDir;
      DemoReport report;
      try {
        List<Live> live = new ArrayList<>();
        report = replay(trace, tracePath == null, days, name -> {
          Path file = dir.resolve("history-" + name);
          try {
            Files.deleteIfExists(dir.resolve("history-" + name + ".mv.db"));
            Files.deleteIfExists(dir.resolve("history-" + name + ".trace.db"));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          JdbcHistoryStore store = JdbcHistoryStore.embedded(file);
          open.add(store);
          return store;
        }, out, live);
        Path html = outDir.resolve("report.html");
        Files.writeString(html, report.html(), StandardCharsets.UTF_8);
        java.util.Set<String> files = new java.util.HashSet<>();
        for (DemoReport.Run r : report.runs()) {
          String file = r.id().type() + "-timeline.csv";
          for (int n = 2; !files.add(file); n++) {
            file = r.id().type() + "-" + n + "-timeline.csv";
          }
          Files.writeString(outDir.resolve(file), r.replay().toCsv(), StandardCharsets.UTF_8);
        }
        out.println();
        out.print(report.summaryTable());
        out.println();
        out.println("report: " + html.toAbsolutePath());
        out.println("history: " + outDir.toAbsolutePath().resolve("history-*.mv.db")
            + " (H2; see README, Durable state)");
        // The console reads the same stores, so it is served before they close.
        return console ? serve(live, consolePort, out) : 0;
      } finally {
        open.forEach(JdbcHistoryStore::close);
      }
    } catch (IOException e) {
      err.println("demo: cannot write to " + outDir.toAbsolutePath() + ": " + e.getMessage());
      return 1;
    }
  }

  static Trace bundled() {
    return dev.themis.examples.bench.TraceFiles.bundledNasaTrace();
  }

  /**
   * Replays every run, each on its own simulated cloud and its own history store ({@code stores} by run name:
   * {@code emr}, {@code emr-predictive}, {@code kinesis}), and collects what the report shows.
   */
  static DemoReport replay(Trace trace, boolean nasa, int days, java.util.function.Function<String, HistoryStore> stores,
      PrintStream out) {
    return replay(trace, nasa, days, stores, out, new ArrayList<>());
  }

  /**
   * Serves the console of each replayed autoscaler and keeps replaying in real time (the host's scheduler),
   * until a line or the end of the input.
   */
  private int serve(List<Live> live, int port, PrintStream out) throws IOException {
    String token = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
    List<ThemisConsole> consoles = new ArrayList<>();
    java.util.concurrent.ScheduledExecutorService scheduler =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "demo-live-ticks");
          t.setDaemon(true);
          return t;
        });
    try {
      for (int i = 0; i < live.size(); i++) {
        Live l = live.get(i);
        ThemisConsole c = ThemisConsole.start(l.autoscaler(),
            ConsoleOptions.builder().port(port == 0 ? 0 : port + i).token(token).build());
        consoles.add(c);
        out.println("console (" + l.label() + "): " + c.address() + "#/r/" + l.id().type() + "/" + l.id().name());
      }
      out.println("console token (paste it in the page to change settings): " + token);
      out.println("replaying live: one tick (3 simulated minutes) every " + LIVE_TICK_MILLIS / 1000
          + " seconds; press Enter to stop");
      out.flush();
      scheduler.scheduleWithFixedDelay(() -> {
        for (Live l : live) {
          l.clock().advance(TICK);
          l.autoscaler().tick();
        }
      }, LIVE_TICK_MILLIS, LIVE_TICK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      return 0;
    } finally {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS); // no tick after the store closes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      consoles.forEach(ThemisConsole::close);
    }
  }

  private static DemoReport replay(Trace trace, boolean nasa, int days,
      java.util.function.Function<String, HistoryStore> stores, PrintStream out, List<Live> live) {

    Instant traceStart = nasa ? NASA_START : OTHER_START;
    Instant start = nasa ? NASA_MONDAY : OTHER_START;
    ZoneId zone = nasa ? NASA_ZONE : ZoneId.of("UTC");
    long available = trace.spanSeconds() - Duration.between(traceStart, start).getSeconds();
    int minutes = (int) Math.max(60, Math.min(days * 1440L, available / 60));
    Progress progress = new Progress(out, 3L * minutes);
    List<DemoReport.Run> runs = new ArrayList<>();
    runs.add(emr(trace, traceStart, start, zone, minutes, stores.apply("emr"), progress, false, live));
    runs.add(emr(trace, traceStart, start, zone, minutes, stores.apply("emr-predictive"), progress, true, live));
    runs.add(kinesis(trace, traceStart, start, zone, minutes, stores.apply("kinesis"), progress, live));
    progress.done();
    return new DemoReport(trace.name(), start, zone, minutes, runs);
  }

  /**
   * The EMR cluster, with the original defaults or, on the same trace and the same simulated cloud, with the
   * predictive policy (which tracks the recent peak reactively until it holds a day of history).
   */
  private static DemoReport.Run emr(Trace trace, Instant traceStart, Instant start, ZoneId zone, int minutes,
      HistoryStore history, Progress progress, boolean predictive, List<Live> live) {
    ManualClock clock = ManualClock.at(start);
    // Nodes' worth of load: a node is fully used at 80 %, and the trace's peak fits the original's 25-node cap.
    Trace nodes = trace.toUnits(trace.capacityForPeakUnits(25, 0.8), 0.8);
    Demand demand = nodes.anchoredAt(traceStart);
    SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(6)).drainTime(Duration.ofMinutes(10))
        .build();
    int initial = (int) Math.max(1, Math.round(demand.at(start)));
    String cluster = emr.cluster("nasa-logs-analytics").applications("Hadoop", "Hive", "Spark")
        .instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", 2)
        .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", initial)
        .instanceGroup("TASK", "SPOT", "m5.xlarge", 0)
        .demand(demand)
        .createdAt(start.minus(Duration.ofHours(1)))
        .create();
    Map<String, String> settings = predictive ? PREDICTIVE_SETTINGS : Map.of(
        // The original's proactive form: at least 6 task nodes on weekday working hours (New York time).
        "time_based_scaling", "{\"(Mon|Tue|Wed|Thu|Fri) .* (09|1[0-6]):.*\": 6}",
        "baseline_nodes", "20",
        "monitoring_window", "10m");
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).zone(zone).history(history)
        .component(EmrClient.class, emr)
        .component(YarnClient.class, emr.yarn())
        .component(CloudWatchClient.class, emr.cloudWatch())
        .resource(ResourceSpec.of("emr", cluster, settings))
        .build();
    ReplayResult result = Replay.builder(autoscaler, clock).demand(demand).supply(emr.supply(cluster))
        .tickInterval(TICK).steps(minutes).progress((done, total) -> progress.step())
        .run();
    ResourceId id = ResourceId.of("emr", cluster);
    live.add(new Live(predictive ? "EMR cluster, predictive" : "EMR cluster", id, autoscaler, clock));
    double price = EmrPriceCatalogue.bundled().price("us-east-1", "m5.xlarge").orElse(0.192);
    CostReport cost = autoscaler.costs(id, Duration.ofMinutes(minutes), 20, PriceCatalogue.flat(price));
    return new DemoReport.Run(id, predictive ? "EMR cluster (task nodes), predictive policy"
        : "EMR cluster (task nodes)", predictive ? "policy: predictive (" + PREDICTIVE_SETTINGS + "); every 3 minutes;"
            + " reactive (highest load of the last hour) until a day of history and 100 forecast errors are held"
        : "original defaults: upscale_expr, downscale_expr,"
        + " group_or_preferred_market, time_based_scaling; every 3 minutes, 10-minute window", "nodes",
        "Demand is the trace in nodes' worth of load (a node fully used at 80 %), scaled so that the trace's peak"
            + " fits the original's 25-node cap.", result, cost, emr.calls(),
        DemoReport.heldActions(history.query(id, start, clock.instant())));
  }

  private static DemoReport.Run kinesis(Trace trace, Instant traceStart, Instant start, ZoneId zone, int minutes,
      HistoryStore history, Progress progress, List<Live> live) {
    ManualClock clock = ManualClock.at(start);
    // Records per minute: the trace scaled so that its mean is one shard's worth at the original's threshold.
    double bytesPerRecord = 1_000;
    double recordsPerUnit = SHARD_BYTES_PER_MINUTE / bytesPerRecord;
    Trace records = trace.scaled(recordsPerUnit / trace.mean());
    Demand recordDemand = records.anchoredAt(traceStart);
    Demand shardDemand = at -> Math.max(1, Math.ceil(recordDemand.at(at) / recordsPerUnit));
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).build();
    kinesis.createStream(STREAM, 1, start.minus(Duration.ofHours(1)));
    kinesis.incomingRecords(STREAM, recordDemand);
    kinesis.bytesPerRecord(STREAM, bytesPerRecord);
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).zone(zone).history(history)
        .component(KinesisClient.class, kinesis)
        .component(CloudWatchClient.class, kinesis.cloudWatch())
        .resource(ResourceSpec.of("kinesis", STREAM, Map.of()))
        .build();
    ReplayResult result = Replay.builder(autoscaler, clock).demand(shardDemand).supply(kinesis.supply(STREAM))
        .tickInterval(TICK).steps(minutes).progress((done, total) -> progress.step())
        .run();
    ResourceId id = ResourceId.of("kinesis", STREAM);
    live.add(new Live("Kinesis stream", id, autoscaler, clock));
    CostReport cost = autoscaler.costs(id, Duration.ofMinutes(minutes), STREAM_BASELINE_SHARDS,
        PriceCatalogue.flat(SHARD_HOUR_USD));
    return new DemoReport.Run(id, "Kinesis stream (shards)", "original defaults: stream_upscale_expr,"
        + " stream_downscale_expr; every 3 minutes, 20-minute CloudWatch window", "shards",
        "Demand is in shards at the original's threshold of 500,000 bytes per shard-minute; the trace is scaled so"
            + " that its mean is one such shard.", result, cost, kinesis.calls(),
        DemoReport.heldActions(history.query(id, start, clock.instant())));
  }

  /** A text progress bar, redrawn in place when the percentage changes. */
  static final class Progress {
    private final PrintStream out;
    private final long total;
    private long done;
    private int shown = -1;

    Progress(PrintStream out, long total) {
      this.out = out;
      this.total = total;
    }

    void step() {
      done++;
      int percent = (int) (100 * done / total);
      if (percent != shown) {
        shown = percent;
        int filled = percent * 40 / 100;
        out.printf(Locale.ROOT, "\rreplaying [%s%s] %3d%%", "#".repeat(filled), " ".repeat(40 - filled), percent);
        out.flush();
      }
    }

    void done() {
      out.println();
    }
  }
}
