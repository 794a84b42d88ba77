package dev.themis.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.themis.Autoscaler;
import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.ScalingSettings;
import dev.themis.clock.ManualClock;
import dev.themis.history.ForwardingHistoryStore;
import dev.themis.history.HistoryStore;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.history.ResourceMemory;
import dev.themis.jdbc.JdbcHistoryStore;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.spi.ScalingPolicy;
import dev.themis.testkit.jdbc.TemporaryPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cost of durable state (the durable-state issue's figures): recording cost per tick for 1, 100 and 10,000
 * resources on PostgreSQL, on the embedded H2 file and in memory (the time spent in the store's record, remember and
 * flush calls, per resource); bytes per steady outcome in each; and the time to {@code build()} an autoscaler of
 * 100 resources over 30 days of one-minute history (recovery). PostgreSQL is a throwaway cluster started here.
 */
public final class HistoryBench {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, Double> METRICS = metrics();
  /** An expression policy's steady hold reason, as {@code ExpressionPolicy} gives it (built once, as it does). */
  private static final String EXPRESSION_HOLD = "downscale_expr = 0, upscale_expr = 0";
  /** The recovery's policy: it holds on {@link #METRICS} ({@code allnodes.average.cpu} 0.747 vs 0.7). */
  private static final TargetTrackingPolicy TRACKING = TargetTrackingPolicy.of("allnodes.average.cpu", 0.7, 0.1);

  private HistoryBench() {}

  /** One figure: engine, resources, µs of store time per resource per tick, bytes per outcome. */
  public record Row(String engine, int resources, int ticks, double microsPerResource, double bytesPerOutcome,
      double bytesWithIndexes) {}

  /** Recovery: engine, resources, days of history, rows, seconds to build(). */
  public record Recovery(String engine, int resources, int days, long rows, double buildSeconds, double loadSeconds) {}

  public static String run(boolean quick, java.io.PrintStream progress) throws Exception {
    List<Row> rows = new ArrayList<>();
    List<Recovery> recoveries = new ArrayList<>();
    int[] sizes = quick ? new int[] {1, 100, 1_000} : new int[] {1, 100, 10_000};
    try (TemporaryPostgres pg = TemporaryPostgres.start("bench")) {
      for (int n : sizes) {
        progress.println("bench history: PostgreSQL, " + n + " resources");
        try (HikariDataSource ds = pool(pg)) {
          JdbcHistoryStore store = JdbcHistoryStore.create(ds);
          double us = recordCost(store, n, ticks(n));
          double[] bytes = pgBytes(ds);
          rows.add(new Row("postgresql", n, ticks(n), us, bytes[0], bytes[1]));
          truncate(ds);
        }
      }
      progress.println("bench history: PostgreSQL recovery, 100 resources, " + (quick ? 2 : 30) + " days");
      try (HikariDataSource ds = pool(pg)) {
        recoveries.add(recovery("postgresql", JdbcHistoryStore.create(ds), 100, quick ? 2 : 30));
        truncate(ds);
      }
    }
    for (int n : sizes) {
      progress.println("bench history: H2 file, " + n + " resources");
      Path dir = Files.createTempDirectory("themis-bench-h2-");
      try (JdbcHistoryStore store = JdbcHistoryStore.embedded(dir.resolve("h"))) {
        double us = recordCost(store, n, ticks(n));
        store.flush();
        long rowsWritten = (long) n * ticks(n);
        double bytes = Files.size(dir.resolve("h.mv.db")) / (double) rowsWritten;
        rows.add(new Row("h2", n, ticks(n), us, bytes, bytes));
      }
    }
    progress.println("bench history: H2 recovery");
    Path dir = Files.createTempDirectory("themis-bench-h2-");
    try (JdbcHistoryStore store = JdbcHistoryStore.embedded(dir.resolve("h"))) {
      recoveries.add(recovery("h2", store, 100, quick ? 2 : 7));
    }
    for (int n : sizes) {
      InMemoryHistoryStore store = new InMemoryHistoryStore(100_000, Duration.ofDays(30));
      double bytes = heapBytesPerOutcome();
      rows.add(new Row("memory", n, ticks(n), recordCost(store, n, ticks(n)), bytes, bytes));
    }
    return markdown(rows, recoveries, quick);
  }

  private static int ticks(int resources) {
    return resources >= 10_000 ? 10 : resources >= 1_000 ? 20 : 60;
  }

  /** A HikariCP pool on the throwaway cluster, as a host would configure one. */
  static HikariDataSource pool(TemporaryPostgres pg) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(pg.jdbcUrl() + "&reWriteBatchedInserts=true");
    c.setMaximumPoolSize(4);
    return new HikariDataSource(c);
  }

  /** Microseconds spent in the store per resource per tick, over {@code ticks} steady ticks after 3 warm-up ones. */
  static double recordCost(HistoryStore store, int resources, int ticks) {
    ManualClock clock = ManualClock.at(START);
    TimedStore timed = new TimedStore(store);
    Autoscaler.Builder b = Autoscaler.builder().clock(clock).discoverProviders(false).history(timed);
    ScalingSettings settings = ScalingSettings.builder().scaleDownStabilization(Duration.ofMinutes(5)).build();
    ScalingPolicy hold = ctx -> ScalingDecision.hold(ctx.capacity(), EXPRESSION_HOLD, "expression");
    for (int i = 0; i < resources; i++) {
      ResourceId id = ResourceId.of("emr", String.format(Locale.ROOT, "j-%013d", i));
      b.resource(id, settings, (now, w) -> new ResourceState(id, now, 8, false, METRICS, Set.of(), Map.of(), null),
          hold, (s, d) -> ScalingOutcome.declined(s.capacity(), "unused"));
    }
    Autoscaler autoscaler = b.build();
    for (int t = 0; t < 3; t++) {
      autoscaler.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    timed.nanos = 0;
    for (int t = 0; t < ticks; t++) {
      autoscaler.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    return timed.nanos / 1_000.0 / ticks / resources;
  }

  /** Mean row size ({@code pg_column_size}), and the table's total size with its indexes over its rows. */
  private static double[] pgBytes(HikariDataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE themis_outcome");
      try (ResultSet rs = s.executeQuery("SELECT AVG(pg_column_size(t.*))::float8,"
          + " pg_total_relation_size('themis_outcome')::float8 / COUNT(*) FROM themis_outcome t")) {
        rs.next();
        return new double[] {rs.getDouble(1), rs.getDouble(2)};
      }
    }
  }

  private static void truncate(HikariDataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE themis_outcome, themis_memory");
    }
  }

  /** Loads {@code days} of one-minute outcomes and a memory for each resource, then times build(). */
  static Recovery recovery(String engine, HistoryStore store, int resources, int days) {
    Instant end = START.plus(Duration.ofDays(days));
    long loadStart = System.nanoTime();
    long rows = 0;
    List<ResourceId> ids = new ArrayList<>();
    for (int i = 0; i < resources; i++) {
      ids.add(ResourceId.of("kinesis", "stream-" + i));
    }
    // The policy's steady hold, decided once: every row stores the same text, as the policy gives it.
    ScalingDecision held = TRACKING.decide(PolicyContext.of(ResourceState.of(ids.get(0), START, 8, METRICS), START));
    for (Instant t = START; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
      for (ResourceId id : ids) {
        store.record(steady(new ResourceState(id, t, 8, false, METRICS, Set.of(), Map.of(), null), held));
        rows++;
      }
      if (rows % 50_000 < resources) {
        store.flush();
      }
    }
    for (ResourceId id : ids) {
      store.remember(new ResourceMemory(id, 7, null, List.of(new ResourceMemory.Recommendation(end, 8)),
          Map.of("executor", Map.of("updateShardCount", end.toString()))));
    }
    store.flush();
    double load = (System.nanoTime() - loadStart) / 1e9;
    ManualClock clock = ManualClock.at(end);
    Autoscaler.Builder b = Autoscaler.builder().clock(clock).discoverProviders(false).history(store);
    for (ResourceId id : ids) {
      b.resource(id, ScalingSettings.defaults(), (now, w) -> ResourceState.of(id, now, 8, METRICS),
          TRACKING, (s, d) -> ScalingOutcome.declined(8, "unused"));
    }
    long t0 = System.nanoTime();
    b.build();
    double build = (System.nanoTime() - t0) / 1e9;
    return new Recovery(engine, resources, days, rows, build, load);
  }

  /** Heap bytes per outcome kept by the in-memory store: 100,000 steady outcomes of one resource, measured by GC. */
  static double heapBytesPerOutcome() {
    InMemoryHistoryStore store = new InMemoryHistoryStore(100_000, Duration.ofDays(365));
    ResourceId id = ResourceId.of("emr", "j-0000000000001");
    long before = usedAfterGc();
    for (int i = 0; i < 100_000; i++) {
      Instant t = START.plusSeconds(60L * i);
      // As the core records an expression policy's steady hold: a fresh state, metric map and decision per tick;
      // the metric names and boxed values, the decision's reason and the reasons list shared.
      store.record(steady(new ResourceState(id, t, 8, false, new LinkedHashMap<>(METRICS), Set.of(), Map.of(), null),
          ScalingDecision.hold(8, EXPRESSION_HOLD, "expression")));
    }
    long after = usedAfterGc();
    double perOutcome = (after - before) / 100_000.0;
    if (store.latest(id, 1).isEmpty()) {
      throw new IllegalStateException("nothing kept");
    }
    return perOutcome;
  }

  /**
   * A steady outcome as the core records one: the policy's decision as it gave it, and the shared
   * {@link ResourceOutcome#NO_CHANGE_REASONS}.
   */
  private static ResourceOutcome.Held steady(ResourceState state, ScalingDecision decision) {
    return new ResourceOutcome.Held(state.id(), state.observedAt(), state, decision,
        ResourceOutcome.NO_CHANGE_REASONS);
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    String[] names = {"yarn.containers.pending", "yarn.containers.allocated", "yarn.apps.pending", "yarn.apps.running",
        "yarn.nodes.active", "yarn.nodes.decommissioning", "yarn.memory.available.percent",
        "cluster.capacity.requested", "cluster.capacity.running", "tasknodes.average.cpu", "tasknodes.average.memory",
        "allnodes.average.cpu"};
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], i % 3 == 0 ? i : 0.1 + i / 17.0);
    }
    return Map.copyOf(m);
  }

  static String markdown(List<Row> rows, List<Recovery> recoveries, boolean quick) {
    StringBuilder b = new StringBuilder("# Durable state: the cost of recording\n\n");
    b.append("`bench history").append(quick ? " --quick" : "").append("`, on this machine. Store time = time spent ")
        .append("in the store's record, remember and flush calls during steady ticks (one batched transaction per ")
        .append("tick), per resource. Each steady resource writes one outcome (12 metrics, an expression policy's ")
        .append("hold `").append(EXPRESSION_HOLD).append("`, the reason `").append(ResourceOutcome.NO_CHANGE)
        .append("`) and its memory (a stabilisation recommendation changes every tick).\n\n");
    b.append("| store | resources | ticks | µs per resource per tick | bytes per outcome | with indexes |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.0f | %.0f |%n", r.engine(), r.resources(),
          r.ticks(), r.microsPerResource(), r.bytesPerOutcome(), r.bytesWithIndexes()));
    }
    b.append("\nBytes: PostgreSQL, the mean `pg_column_size` of a row, and `pg_total_relation_size` of the outcome ")
        .append("table (rows, TOAST and both indexes) over its rows; H2, the file's size over the rows written; ")
        .append("memory, heap growth after GC over 100,000 outcomes kept.\n\n");
    b.append("| recovery | resources | days | rows | load s | build() s |\n|---|---:|---:|---:|---:|---:|\n");
    for (Recovery r : recoveries) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %d | %,d | %.1f | %.3f |%n", r.engine(), r.resources(),
          r.days(), r.rows(), r.loadSeconds(), r.buildSeconds()));
    }
    return b.toString();
  }

  /** Times the calls the autoscaler makes on its store. */
  private static final class TimedStore extends ForwardingHistoryStore {
    long nanos;

    TimedStore(HistoryStore d) {
      super(d);
    }

    private void timed(Runnable r) {
      long t = System.nanoTime();
      r.run();
      synchronized (this) {
        nanos += System.nanoTime() - t;
      }
    }

    @Override
    public void record(ResourceOutcome outcome) {
      timed(() -> super.record(outcome));
    }

    @Override
    public void remember(ResourceMemory memory) {
      timed(() -> super.remember(memory));
    }

    @Override
    public void rememberNow(ResourceMemory memory) {
      timed(() -> super.rememberNow(memory));
    }

    @Override
    public void flush() {
      timed(super::flush);
    }
  }

  /** Writes a benchmark's markdown to {@code file}, creating its folder. */
  static void write(Path file, String md) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, md);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
