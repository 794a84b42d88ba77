package dev.themis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingDirection;
import dev.themis.ScalingOutcome;
import dev.themis.history.HistoryStore;
import dev.themis.history.HistoryUnavailableException;
import dev.themis.history.RecordedFailure;
import dev.themis.history.ResourceMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store's contract on the real PostgreSQL and on the embedded H2 file. */
class JdbcHistoryStoreTest {
  private static final ResourceId A = ResourceId.of("emr", "j-1");
  private static final ResourceId B = ResourceId.of("kinesis", "orders");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final List<AutoCloseable> open = new ArrayList<>();
  private DataSource dataSource;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private JdbcHistoryStore store(String engine, JdbcHistoryStore.Builder settings) throws Exception {
    JdbcHistoryStore s;
    if (engine.equals("postgresql")) {
      HikariDataSource ds = Postgres.pool(Postgres.freshDatabase());
      open.add(ds);
      dataSource = ds;
      s = JdbcHistoryStore.builder(ds).retention(Duration.ofDays(1)).maxOutcomesPerResource(50).build();
    } else {
      Path dir = Files.createTempDirectory("themis-h2-");
      s = JdbcHistoryStore.embedded(dir.resolve("history"),
          JdbcHistoryStore.builder(null).retention(Duration.ofDays(1)).maxOutcomesPerResource(50));
      dataSource = null;
    }
    open.add(0, s);
    return s;
  }

  private JdbcHistoryStore store(String engine) throws Exception {
    return store(engine, null);
  }

  private static ResourceState state(ResourceId id, Instant at, int capacity) {
    return new ResourceState(id, at, capacity, false, Map.of("tasknodes.average.cpu", 0.7133333333333334,
        "yarn.containers.pending", 3.0), Set.of("cloudwatch.IncomingBytes"), Map.of("tasknodes", new Object()),
        "detail");
  }

  private static List<ResourceOutcome> sample(ResourceId id, Instant at) {
    ResourceState s = state(id, at, 4);
    // Reasons as the policy and the guards write them: the explanation and each guard's numbers come back as written.
    ScalingDecision d = new ScalingDecision(6, "upscale_expr = 3: tasknodes.running and tasknodes.active and"
        + " tasknodes.count.nodes = 4 < 25 and tasknodes.average.cpu = 0.713 > 0.7", "expression");
    return List.of(
        new ResourceOutcome.Applied(id, at, s, d, ScalingOutcome.started(4, 6, List.of("grow ig-1 4->6")),
            List.of("max step: +3 limited to +2 (4 -> 6)")),
        new ResourceOutcome.Held(id, at.plusSeconds(60), s, d, List.of("cooldown: scale-up completed 01:00, scale-up"
            + " cooldown 30m, 29m left (until 01:30; wanted 4 -> 7)")),
        new ResourceOutcome.DryRun(id, at.plusSeconds(120), s, d, List.of("dry run")),
        new ResourceOutcome.Failed(id, at.plusSeconds(180), ResourceOutcome.Stage.OBSERVE,
            new IllegalStateException("YARN refused the connection"), null, null, List.of("observe failed")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void outcomesComeBackCompactAndInOrder(String engine) throws Exception {
    JdbcHistoryStore store = store(engine);
    List<ResourceOutcome> written = sample(A, T0);
    written.forEach(store::record);
    sample(B, T0).forEach(store::record);
    // Read before the flush: pending outcomes are part of the history already.
    assertThat(store.query(A, T0, T0.plusSeconds(600))).hasSize(4);
    store.flush();
    assertThat(store.backlog().outcomes()).isZero();

    List<ResourceOutcome> read = store.query(A, T0, T0.plusSeconds(600));

    List<ResourceOutcome> expected = written.stream().map(HistoryStore::compact).toList();
    assertThat(read).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(read.get(i)).isEqualTo(expected.get(i));
    }
    ResourceOutcome.Failed f = (ResourceOutcome.Failed) read.get(3);
    assertThat(f.cause()).isInstanceOf(RecordedFailure.class).hasMessage("YARN refused the connection");
    assertThat(((RecordedFailure) f.cause()).type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(store.latest(A, 2)).extracting(ResourceOutcome::at)
        .containsExactly(T0.plusSeconds(180), T0.plusSeconds(120));
    assertThat(store.query(A, T0.plusSeconds(60), T0.plusSeconds(180))).hasSize(2);
    assertThat(store.resources()).containsExactly(A, B);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void memoriesRoundTripAndNeverGoBackAVersion(String engine) throws Exception {
    JdbcHistoryStore store = store(engine);
    ResourceMemory v1 = new ResourceMemory(A, 1, new ResourceMemory.Action(ScalingDirection.UP, 4, 6, T0, null, false,
        0), List.of(new ResourceMemory.Recommendation(T0, 6)), Map.of("executor",
        Map.of("updateShardCount", "2026-01-01T00:00:00Z", "quarantine.ig-1", "2026-01-01T00:30:00Z")));
    store.rememberNow(v1);
    assertThat(store.memories(List.of(A, B))).containsExactly(Map.entry(A, v1));

    ResourceMemory v2 = new ResourceMemory(A, 2, v1.lastAction().completed(T0.plusSeconds(60)), List.of(), Map.of());
    store.remember(v2);
    assertThat(store.memories(List.of(A))).containsEntry(A, v2); // pending is newest
    store.flush();
    store.remember(v1); // a late, older write
    store.flush();

    assertThat(store.memories(List.of(A))).containsEntry(A, v2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void aSteadyTicksRecommendationRidesInItsOutcomeAndComesBackWithTheMemory(String engine) throws Exception {
    JdbcHistoryStore store = store(engine);
    ResourceMemory.Action done = new ResourceMemory.Action(ScalingDirection.DOWN, 6, 4, T0, T0, true, 0);
    ResourceMemory v1 = new ResourceMemory(A, 1, done, List.of(new ResourceMemory.Recommendation(T0, 4)), Map.of());
    store.record(new ResourceOutcome.Held(A, T0, null, null, List.of("t0")));
    store.remember(v1);
    store.flush();
    ResourceMemory v2 = new ResourceMemory(A, 2, done, List.of(new ResourceMemory.Recommendation(T0, 4),
        new ResourceMemory.Recommendation(T0.plusSeconds(60), 5)), Map.of());
    store.record(new ResourceOutcome.Held(A, T0.plusSeconds(60), null, null, List.of("t1")));
    store.remember(v2);
    store.flush();

    // A new store instance on the same data, as after a restart.
    JdbcHistoryStore reopened = engine.equals("postgresql") ? JdbcHistoryStore.create(dataSource) : store;
    assertThat(reopened.memories(List.of(A))).containsEntry(A, v2);
    if (engine.equals("postgresql")) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version FROM themis_memory")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1); // the row was not rewritten for the recommendation
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void textThatCopyMustEscapeComesBackAsWritten(String engine) throws Exception {
    JdbcHistoryStore store = store(engine);
    String odd = "tab\there, newline\nthere, backslash \\ and \r; quotes \" ' and unicode ✓";
    store.record(new ResourceOutcome.Held(A, T0, null, null, List.of(odd)));
    store.flush();
    assertThat(store.latest(A, 1).get(0).reasons()).containsExactly(odd);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void retentionByAgeAndByCount(String engine) throws Exception {
    JdbcHistoryStore store = store(engine);
    Instant t = T0;
    for (int i = 0; i < 60; i++) { // 60 outcomes of A one per minute: over the count limit of 50
      store.record(new ResourceOutcome.Held(A, t, null, null, List.of("m" + i)));
      t = t.plus(Duration.ofMinutes(1));
    }
    store.record(new ResourceOutcome.Held(B, T0, null, null, List.of("old")));
    store.flush();
    assertThat(store.query(A, T0, t)).hasSize(50);
    assertThat(store.latest(A, 1).get(0).reasons()).containsExactly("m59");

    store.record(new ResourceOutcome.Held(A, t.plus(Duration.ofDays(1)), null, null, List.of("a day later")));
    store.flush();

    assertThat(store.query(B, T0, t)).isEmpty(); // older than a day behind the newest
    assertThat(store.query(A, T0, t.plus(Duration.ofDays(2)))).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void aSteadyOutcomeTakesLessThan500BytesInTheDatabase(String engine) throws Exception {
    JdbcHistoryStore store = store(engine);
    for (int i = 0; i < 1_000; i++) {
      store.record(new ResourceOutcome.Held(A, T0.plusSeconds(60L * i), state(A, T0.plusSeconds(60L * i), 4),
          ScalingDecision.hold(4, "downscale_expr = 0, upscale_expr = 0", "expression"),
          List.of(ResourceOutcome.NO_CHANGE)));
    }
    store.flush();
    if (engine.equals("postgresql")) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT AVG(pg_column_size(t.*)) FROM themis_outcome t")) {
        rs.next();
        assertThat(rs.getDouble(1)).isLessThan(500);
      }
    }
    assertThat(Codec.outcome(store.latest(A, 1).get(0), null, new KeySets()).length()).isLessThan(300);
    // read back, a steady hold's reasons are the core's one shared list, not a new list per row
    assertThat(store.latest(A, 10)).hasSize(10)
        .allSatisfy(o -> assertThat(o.reasons()).isSameAs(ResourceOutcome.NO_CHANGE_REASONS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void theSchemaIsCreatedOnceAndASecondStoreOnTheSameDatabaseSharesIt(String engine) throws Exception {
    JdbcHistoryStore first = store(engine);
    first.record(sample(A, T0).get(0));
    first.flush();
    if (engine.equals("postgresql")) {
      JdbcHistoryStore second = JdbcHistoryStore.create(dataSource);
      assertThat(second.query(A, T0, T0.plusSeconds(1))).hasSize(1);
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM themis_schema_version")) {
        rs.next();
        int versions = JdbcHistoryStore.schemaResources().size();
        assertThat(rs.getInt(1)).isEqualTo(versions); // each applied once
        assertThat(rs.getInt(2)).isEqualTo(versions);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql"})
  void forgetDeletesAResourcesOutcomesAndMemory(String engine) throws Exception {
    JdbcHistoryStore store = store(engine);
    sample(A, T0).forEach(store::record);
    store.remember(ResourceMemory.empty(A));
    store.flush();
    store.forget(A);
    assertThat(store.query(A, T0, T0.plusSeconds(600))).isEmpty();
    assertThat(store.memories(List.of(A))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql"})
  void aDatabaseThatIsNotThemisIsRefusedClearly(String engine) throws Exception {
    store(engine);
    assertThatThrownBy(() -> JdbcHistoryStore.builder(null).build()).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dataSource");
    assertThatThrownBy(() -> JdbcHistoryStore.builder(dataSource).retention(Duration.ZERO))
        .hasMessageContaining("retention: must be positive, was PT0S");
    HikariDataSource nowhere = Postgres.pool("jdbc:postgresql://127.0.0.1:1/none?user=x");
    open.add(nowhere);
    assertThatThrownBy(() -> JdbcHistoryStore.create(nowhere)).isInstanceOf(HistoryUnavailableException.class)
        .hasMessageContaining("could not open the history database");
  }
}
