package dev.themis.examples.demo;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.clock.ManualClock;
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
import java.io.IOException;
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
 * cluster also has the original's {@code time_based_scaling} schedule. Prints a progress bar and a summary, and
 * writes a self-contained HTML report.
 *
 * <p>Default trace: the NASA-HTTP July 1995 trace bundled with the examples (requests per minute at NASA's web
 * server), from Monday 3 July 1995, in the server's time zone (America/New_York).
 */
public final class DemoCommand implements Command {
  /** Monday 3 July 1995 00:00 EDT, two days into the NASA trace. */
  private static final Instant NASA_MONDAY = Instant.parse("1995-07-03T04:00:00Z");
  private static final Instant NASA_START = Instant.parse("1995-07-01T04:00:00Z");
  private static final Instant OTHER_START = Instant.parse("2020-01-06T00:00:00Z");
  private static final ZoneId NASA_ZONE = ZoneId.of("America/New_York");
  private static final Duration TICK = Duration.ofMinutes(3); // the original's loop interval

  /** The original's default threshold: 500,000 bytes per shard and minute (stream_upscale_expr). */
  static final double SHARD_BYTES_PER_MINUTE = 500_000;
  static final String STREAM = "clickstream";
  /** A provisioned shard-hour in us-east-1, USD. */
  static final double SHARD_HOUR_USD = 0.015;
  static final int STREAM_BASELINE_SHARDS = 5;

  @Override
  public String summary() {
    return "replay a real trace through the EMR and Kinesis providers against simulated clouds; write an HTML report";
  }

  static void usage(PrintStream out) {
    out.println("usage: demo [--trace PATH] [--out DIR] [--days N]");
    out.println("  --trace PATH  a timestamp_seconds,value CSV (default: the bundled NASA-HTTP July 1995 trace)");
    out.println("  --out DIR     where report.html and timeline CSVs go (default: target/demo)");
    out.println("  --days N      days to replay, 1 to 7 (default: 2)");
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Path tracePath = null;
    Path outDir = Path.of("target", "demo");
    int days = 2;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-h", "--help" -> {
          usage(out);
          return 0;
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
      DemoReport report;
      // Every outcome and each resource's memory go to an embedded database, new for every run.
      Path database = outDir.resolve("history");
      Files.deleteIfExists(outDir.resolve("history.mv.db"));
      Files.deleteIfExists(outDir.resolve("history.trace.db"));
      try (JdbcHistoryStore history = JdbcHistoryStore.embedded(database)) {
        report = replay(trace, tracePath == null, days, history, out);
      }
      Path html = outDir.resolve("report.html");
      Files.writeString(html, report.html(), StandardCharsets.UTF_8);
      for (DemoReport.Run r : report.runs()) {
        Files.writeString(outDir.resolve(r.id().type() + "-timeline.csv"), r.replay().toCsv(), StandardCharsets.UTF_8);
      }
      out.println();
      out.print(report.summaryTable());
      out.println();
      out.println("report: " + html.toAbsolutePath());
      out.println("history: " + outDir.resolve("history.mv.db").toAbsolutePath() + " (H2; see README, Durable state)");
      return 0;
    } catch (IOException e) {
      err.println("demo: cannot write to " + outDir.toAbsolutePath() + ": " + e.getMessage());
      return 1;
    }
  }

  static Trace bundled() {
    return dev.themis.examples.bench.TraceFiles.bundledNasaTrace();
  }

  /** Replays both resources and collects what the report shows. */
  static DemoReport replay(Trace trace, boolean nasa, int days, HistoryStore history, PrintStream out) {
    Instant traceStart = nasa ? NASA_START : OTHER_START;
    Instant start = nasa ? NASA_MONDAY : OTHER_START;
    ZoneId zone = nasa ? NASA_ZONE : ZoneId.of("UTC");
    long available = trace.spanSeconds() - Duration.between(traceStart, start).getSeconds();
    int minutes = (int) Math.max(60, Math.min(days * 1440L, available / 60));
    Progress progress = new Progress(out, 2L * minutes);
    List<DemoReport.Run> runs = new ArrayList<>();
    runs.add(emr(trace, traceStart, start, zone, minutes, history, progress));
    runs.add(kinesis(trace, traceStart, start, zone, minutes, history, progress));
    progress.done();
    return new DemoReport(trace.name(), start, zone, minutes, runs);
  }

  private static DemoReport.Run emr(Trace trace, Instant traceStart, Instant start, ZoneId zone, int minutes,
      HistoryStore history, Progress progress) {
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
    Map<String, String> settings = Map.of(
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
    double price = EmrPriceCatalogue.bundled().price("us-east-1", "m5.xlarge").orElse(0.192);
    CostReport cost = autoscaler.costs(id, Duration.ofMinutes(minutes), 20, PriceCatalogue.flat(price));
    return new DemoReport.Run(id, "EMR cluster (task nodes)", "original defaults: upscale_expr, downscale_expr,"
        + " group_or_preferred_market, time_based_scaling; every 3 minutes, 10-minute window", "nodes",
        "Demand is the trace in nodes' worth of load (a node fully used at 80 %), scaled so that the trace's peak"
            + " fits the original's 25-node cap.", result, cost, emr.calls());
  }

  private static DemoReport.Run kinesis(Trace trace, Instant traceStart, Instant start, ZoneId zone, int minutes,
      HistoryStore history, Progress progress) {
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
    CostReport cost = autoscaler.costs(id, Duration.ofMinutes(minutes), STREAM_BASELINE_SHARDS,
        PriceCatalogue.flat(SHARD_HOUR_USD));
    return new DemoReport.Run(id, "Kinesis stream (shards)", "original defaults: stream_upscale_expr,"
        + " stream_downscale_expr; every 3 minutes, 20-minute CloudWatch window", "shards",
        "Demand is in shards at the original's threshold of 500,000 bytes per shard-minute; the trace is scaled so"
            + " that its mean is one such shard.", result, cost, kinesis.calls());
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
