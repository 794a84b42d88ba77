package dev.themis.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.themis.ResourceId;
import dev.themis.jdbc.JdbcHistoryStore;
import dev.themis.jdbc.JdbcResourceLeases;
import dev.themis.spi.ResourceLeases;
import dev.themis.testkit.jdbc.TemporaryPostgres;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of coordination (the several-replicas issue's figures), on a throwaway PostgreSQL: lease SQL per refresh
 * per host (statements and µs) for 1,000 and 10,000 resources over 3 hosts in steady state, and the hand-over time
 * of each resource of a host that dies, with a refresh every 10 s, 30 s leases and a 10 s renew margin.
 */
public final class LeaseBench {
  static final Duration TICK = Duration.ofSeconds(10);
  static final Duration LEASE = Duration.ofSeconds(30);
  static final Duration MARGIN = Duration.ofSeconds(10);

  private LeaseBench() {}

  record Row(int resources, int hosts, double statementsPerRefresh, double microsPerRefresh, double[] handover,
      int handedOver) {}

  public static String run(boolean quick, PrintStream progress) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (TemporaryPostgres pg = TemporaryPostgres.start("leases")) {
      for (int n : quick ? new int[] {1_000} : new int[] {1_000, 10_000}) {
        progress.println("bench leases: " + n + " resources over 3 hosts");
        rows.add(measure(pg, n));
        try (HikariDataSource ds = HistoryBench.pool(pg); java.sql.Connection c = ds.getConnection();
            java.sql.Statement s = c.createStatement()) {
          s.execute("TRUNCATE themis_lease, themis_host");
        }
      }
    }
    return markdown(rows, quick);
  }

  static Row measure(TemporaryPostgres pg, int n) throws Exception {
    List<ResourceId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(ResourceId.of("kinesis", String.format(Locale.ROOT, "stream-%05d", i)));
    }
    List<HikariDataSource> pools = new ArrayList<>();
    List<JdbcResourceLeases> hosts = new ArrayList<>();
    try {
      for (String h : List.of("host-a", "host-b", "host-c")) {
        HikariDataSource ds = HistoryBench.pool(pg);
        pools.add(ds);
        hosts.add(JdbcResourceLeases.on(JdbcHistoryStore.create(ds), h, LEASE, MARGIN));
      }
      Instant now = Instant.parse("2026-06-01T00:00:00Z");
      for (int round = 0; round < 5; round++) { // settle: every host reaches its share
        for (JdbcResourceLeases h : hosts) {
          h.refresh(ids, now);
        }
        now = now.plus(TICK);
      }
      long statements = hosts.stream().mapToLong(JdbcResourceLeases::statements).sum();
      long nanos = 0;
      int refreshes = 0;
      Map<ResourceId, ResourceLeases.Lease> table = Map.of();
      for (int round = 0; round < 10; round++) {
        for (JdbcResourceLeases h : hosts) {
          long t = System.nanoTime();
          table = h.refresh(ids, now);
          nanos += System.nanoTime() - t;
          refreshes++;
        }
        now = now.plus(TICK);
      }
      double perRefresh = (hosts.stream().mapToLong(JdbcResourceLeases::statements).sum() - statements)
          / (double) refreshes;
      // host-c dies now: it stops refreshing. Every one of its resources gets a new holder some time later.
      Instant died = now;
      List<ResourceId> orphans = new ArrayList<>();
      table.forEach((id, l) -> {
        if (l.owner().equals("host-c")) {
          orphans.add(id);
        }
      });
      Map<ResourceId, Duration> handover = new HashMap<>();
      List<JdbcResourceLeases> alive = hosts.subList(0, 2);
      for (int round = 0; round < 20 && handover.size() < orphans.size(); round++) {
        now = now.plus(TICK);
        for (JdbcResourceLeases h : alive) {
          Map<ResourceId, ResourceLeases.Lease> t = h.refresh(ids, now);
          for (ResourceId id : orphans) {
            ResourceLeases.Lease l = t.get(id);
            if (l != null && !l.owner().equals("host-c")) {
              handover.putIfAbsent(id, Duration.between(died, now));
            }
          }
        }
      }
      double[] seconds = handover.values().stream().mapToDouble(d -> d.toMillis() / 1000.0).sorted().toArray();
      return new Row(n, 3, perRefresh, nanos / 1_000.0 / refreshes, seconds, orphans.size());
    } finally {
      pools.forEach(HikariDataSource::close);
    }
  }

  static String markdown(List<Row> rows, boolean quick) {
    StringBuilder b = new StringBuilder("# Coordination: the cost of leases\n\n");
    b.append("`bench leases").append(quick ? " --quick" : "").append("`, on this machine, a throwaway PostgreSQL ")
        .append("on loopback. 3 hosts refresh every ").append(TICK.toSeconds()).append(" s (lease ")
        .append(LEASE.toSeconds()).append(" s, renew margin ").append(MARGIN.toSeconds()).append(" s); steady ")
        .append("state over 10 rounds, then host-c dies and the other two take its resources over.\n\n");
    b.append("| resources | hosts | SQL statements per refresh per host | µs per refresh per host | µs per resource |")
        .append(" resources handed over | hand-over s: min | median | p90 | max |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      double[] h = r.handover();
      b.append(String.format(Locale.ROOT, "| %,d | %d | %.1f | %,.0f | %.1f | %,d of %,d | %s | %s | %s | %s |%n",
          r.resources(), r.hosts(), r.statementsPerRefresh(), r.microsPerRefresh(),
          r.microsPerRefresh() / r.resources(), h.length, r.handedOver(), q(h, 0), q(h, 0.5), q(h, 0.9), q(h, 1)));
    }
    b.append("\nHand-over: from the death of host-c to the first refresh of a survivor that holds the resource; the ")
        .append("bound is lease + one refresh interval.\n");
    return b.toString();
  }

  private static String q(double[] sorted, double p) {
    if (sorted.length == 0) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.0f", sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  }
}
