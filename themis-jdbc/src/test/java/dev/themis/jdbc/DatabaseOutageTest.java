package dev.themis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.clock.ManualClock;
import dev.themis.testkit.Trace;
import dev.themis.testkit.jdbc.TemporaryPostgres;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The real PostgreSQL is stopped for 30 minutes in the middle of a run and started again. Meanwhile Themis keeps
 * observing and reporting, takes no action it cannot record first (the stream's load doubled: Held, with the
 * reason), and once the database is back it writes every outcome it kept and acts.
 */
class DatabaseOutageTest {
  private static final ResourceId ID = ResourceId.of("kinesis", "events");

  @Test
  void noActionWhileTheDatabaseIsDownAndNothingLostOnceItIsBack() throws Exception {
    ManualClock clock = ManualClock.at(Scenarios.START);
    double[] perMinute = new double[90];
    java.util.Arrays.fill(perMinute, 0, 35, 150_000);
    java.util.Arrays.fill(perMinute, 35, 90, 300_000); // the load doubles during the outage
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(2)).build();
    kinesis.createStream("events", 4, clock.instant().minus(Duration.ofHours(1)));
    kinesis.incomingRecords("events", Trace.perMinute("records", perMinute).anchoredAt(clock.instant()));
    kinesis.bytesPerRecord("events", 200);

    try (TemporaryPostgres pg = TemporaryPostgres.start("outage")) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(pg.jdbcUrl());
      ds.setConnectTimeout(2);
      JdbcHistoryStore store = JdbcHistoryStore.create(ds);
      Autoscaler autoscaler = Autoscaler.builder().clock(clock).history(store)
          .component(KinesisClient.class, kinesis).component(CloudWatchClient.class, kinesis.cloudWatch())
          .resource(ResourceSpec.of("kinesis", "events", Map.of("target_utilisation", "0.7", "min_capacity", "1",
              "max_capacity", "32", "scale_down_cooldown", "60m")))
          .build();
      List<ResourceOutcome> during = new ArrayList<>();
      List<ResourceOutcome> after = new ArrayList<>();
      long reshardsBefore = 0;
      for (int m = 0; m < 90; m++) {
        if (m == 30) {
          pg.stop();
          reshardsBefore = reshards(kinesis);
        } else if (m == 60) {
          pg.start();
        }
        ResourceOutcome o = autoscaler.tick().outcomes().get(0);
        (m >= 30 && m < 60 ? during : after).add(o);
        clock.advance(Duration.ofMinutes(1));
      }

      assertThat(during).allSatisfy(o -> {
        assertThat(o).isInstanceOf(ResourceOutcome.Held.class);
        assertThat(o.state()).isNotNull(); // observed and reported all along
      });
      assertThat(during).anySatisfy(o -> assertThat(o.reasons())
          .anySatisfy(r -> assertThat(r).contains("could not be recorded first")));
      assertThat(after.stream().filter(o -> o instanceof ResourceOutcome.Applied)).isNotEmpty();
      assertThat(reshards(kinesis)).isGreaterThan(reshardsBefore);
      assertThat(store.backlog().outcomes()).isZero();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM themis_outcome")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(90); // every tick's outcome, the outage's included
      }
      assertThat(store.query(ID, Scenarios.START, clock.instant())).hasSize(90);
    }
  }

  private static long reshards(SimulatedKinesis k) {
    Map<String, Long> calls = k.calls();
    return calls.getOrDefault("UpdateShardCount", 0L) + calls.getOrDefault("SplitShard", 0L)
        + calls.getOrDefault("MergeShards", 0L);
  }
}
