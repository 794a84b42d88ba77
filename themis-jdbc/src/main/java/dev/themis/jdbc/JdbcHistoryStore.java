package dev.themis.jdbc;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.history.HistoryStore;
import dev.themis.history.HistoryUnavailableException;
import dev.themis.history.ResourceMemory;
import dev.themis.history.StaleLeaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link HistoryStore} on JDBC: PostgreSQL in production, an embedded H2 file for a single host (see
 * {@link #embedded(Path)}). Keeps every outcome (compact: capacity, the metrics, the decision and its reasons, the
 * actions; not every node's samples) and each resource's {@link ResourceMemory}, so that a new autoscaler on the same
 * database recovers cooldowns, stabilisation, in-flight actions, Kinesis budgets and EMR fallbacks.
 *
 * <p>Writes: {@link #record} and {@link #remember} are buffered and written in one batched transaction by
 * {@link #flush()}, which the autoscaler calls at the end of every tick. {@link #rememberNow} (the intent of an
 * action, before the executor is called) is written at once and throws {@link HistoryUnavailableException} if it
 * cannot be. While the database is down, flushes keep what they could not write (up to {@code pendingLimit}
 * outcomes, oldest dropped first and counted in the log; memories are never dropped, only the newest per resource
 * is kept) and write it when the database is back.
 *
 * <p>Retention: outcomes older than {@code retention} (default 30 days) behind the newest recorded one are deleted
 * every 10 minutes of recorded time; resources with more than {@code maxOutcomesPerResource} (default 50,000) are
 * trimmed to it every hour. Memories are kept until {@link #forget}.
 *
 * <p>Schema: {@code db/themis/V*.sql} on the classpath, applied at construction unless {@code autoCreate(false)}
 * (a host that runs its own migrations applies the same files). Thread-safe. Instants are kept to the millisecond.
 */
public final class JdbcHistoryStore implements HistoryStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcHistoryStore.class);
  private static final String[] MIGRATIONS = {"V1__history_and_memory.sql", "V2__leases.sql"};
  private static final int BATCH = 1_000;
  private static final int IN_CHUNK = 500;
  private static final Duration AGE_PRUNE_EVERY = Duration.ofMinutes(10);
  private static final Duration COUNT_PRUNE_EVERY = Duration.ofHours(1);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Duration retention;
  private final int maxOutcomesPerResource;
  private final int pendingLimit;
  private final AutoCloseable owned;

  private final Object lock = new Object();
  // guarded by lock
  private final Deque<ResourceOutcome> pending = new ArrayDeque<>();
  private final Map<ResourceId, ResourceMemory> pendingMemory = new LinkedHashMap<>();
  private long dropped;

  /**
   * The memory of each resource as its row in {@code themis_memory} stands, as far as this store wrote or read it. A
   * newer memory that differs from it only in its stabilisation recommendations (a new target within the window;
   * a steady tick saves no memory at all) rides in the resource's outcome row of the same flush instead of rewriting
   * the memory row.
   */
  private final Map<ResourceId, ResourceMemory> rows = new java.util.concurrent.ConcurrentHashMap<>();
  private final KeySets keySets = new KeySets();

  private final Object flushLock = new Object();
  // guarded by flushLock
  private boolean failing;
  private Instant newest;
  private Instant lastAgePrune;
  private Instant lastCountPrune;

  enum Dialect {
    POSTGRESQL,
    H2
  }

  private JdbcHistoryStore(Builder b, AutoCloseable owned) {
    this.dataSource = b.dataSource;
    this.retention = b.retention;
    this.maxOutcomesPerResource = b.maxOutcomesPerResource;
    this.pendingLimit = b.pendingLimit;
    this.owned = owned;
    try (Connection c = dataSource.getConnection()) {
      this.dialect = dialectOf(c);
      if (b.autoCreate) {
        migrate(c, dialect);
      }
    } catch (SQLException e) {
      throw new HistoryUnavailableException("could not open the history database: " + e.getMessage(), e);
    }
  }

  /**
   * A store on the host's pooled {@link DataSource} (HikariCP or the application server's), PostgreSQL or H2.
   * The schema is created if missing.
   *
   * @throws HistoryUnavailableException if the database cannot be reached or the schema created
   */
  public static JdbcHistoryStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * An embedded store in an H2 file ({@code path} without extension; H2 adds {@code .mv.db}), with its own small
   * connection pool, closed by {@link #close()}. For single-host users, the demo and tests: no server to run.
   */
  public static JdbcHistoryStore embedded(Path path) {
    return embedded(path, builder(null));
  }

  /** As {@link #embedded(Path)}, with the builder's settings (retention, limits). */
  public static JdbcHistoryStore embedded(Path path, Builder settings) {
    Objects.requireNonNull(path, "path");
    String url = "jdbc:h2:file:" + path.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "themis", "");
    pool.setMaxConnections(8);
    settings.dataSource = pool;
    try {
      return new JdbcHistoryStore(settings, pool::dispose);
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
  }

  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Settings of a {@link JdbcHistoryStore}. */
  public static final class Builder {
    private DataSource dataSource;
    private Duration retention = Duration.ofDays(30);
    private int maxOutcomesPerResource = 50_000;
    private int pendingLimit = 1_000_000;
    private boolean autoCreate = true;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** How long outcomes are kept, behind the newest recorded one. Default 30 days. */
    public Builder retention(Duration retention) {
      if (retention == null || retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention: must be positive, was " + retention);
      }
      this.retention = retention;
      return this;
    }

    /** At most this many outcomes per resource (the newest). Default 50,000: a month of one-minute ticks. */
    public Builder maxOutcomesPerResource(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxOutcomesPerResource: must be >= 1, was " + max);
      }
      this.maxOutcomesPerResource = max;
      return this;
    }

    /** At most this many outcomes are held in memory while the database cannot be written. Default 1,000,000. */
    public Builder pendingLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("pendingLimit: must be >= 1, was " + limit);
      }
      this.pendingLimit = limit;
      return this;
    }

    /** Whether to create or migrate the schema at construction. Default true. */
    public Builder autoCreate(boolean autoCreate) {
      this.autoCreate = autoCreate;
      return this;
    }

    public JdbcHistoryStore build() {
      Objects.requireNonNull(dataSource, "dataSource");
      return new JdbcHistoryStore(this, null);
    }
  }

  /** The versioned schema files, in order, as a host's own migration tool would apply them. */
  public static List<String> schemaResources() {
    List<String> out = new ArrayList<>();
    for (String m : MIGRATIONS) {
      out.add("db/themis/" + m);
    }
    return out;
  }

  @Override
  public void record(ResourceOutcome outcome) {
    ResourceOutcome kept = HistoryStore.compact(outcome);
    synchronized (lock) {
      pending.addLast(kept);
      while (pending.size() > pendingLimit) {
        pending.removeFirst();
        dropped++;
      }
    }
  }

  @Override
  public boolean keepsMemory() {
    return true;
  }

  @Override
  public void remember(ResourceMemory memory) {
    synchronized (lock) {
      pendingMemory.merge(memory.resource(), memory, (old, m) -> m.version() >= old.version() ? m : old);
    }
  }

  /**
   * Writes at once. An intent recorded under a coordination lease (its action's fencing token is not 0) is written
   * only if that token is still the resource's lease token and the lease had not expired when the action was
   * intended, checked and written in one transaction with the lease row locked.
   *
   * @throws StaleLeaseException if another host holds the lease now
   */
  @Override
  public void rememberNow(ResourceMemory memory) {
    ResourceMemory.Action a = memory.lastAction();
    boolean fenced = a != null && a.fencingToken() != 0 && !a.confirmed();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(!fenced);
      try {
        if (fenced) {
          checkLease(c, memory.resource(), a);
        }
        writeMemories(c, List.of(memory));
        if (fenced) {
          c.commit();
        }
      } catch (SQLException | RuntimeException e) {
        if (fenced) {
          rollbackQuietly(c);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new HistoryUnavailableException("could not record the memory of " + memory.resource() + ": "
          + e.getMessage(), e);
    }
    rows.merge(memory.resource(), memory, (old, m) -> m.version() >= old.version() ? m : old);
    synchronized (lock) {
      pendingMemory.computeIfPresent(memory.resource(), (k, old) -> old.version() > memory.version() ? old : null);
    }
  }

  private static void checkLease(Connection c, ResourceId id, ResourceMemory.Action a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT owner, token, expires_ms FROM themis_lease WHERE resource = ? FOR UPDATE")) {
      ps.setString(1, id.toString());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StaleLeaseException("no lease of " + id + " in the database: not recording the intent of token "
              + a.fencingToken());
        }
        String owner = rs.getString(1);
        long token = rs.getLong(2);
        long expires = rs.getLong(3);
        if (token != a.fencingToken() || owner == null || expires <= a.appliedAt().toEpochMilli()) {
          throw new StaleLeaseException("the lease of " + id + " is " + (owner == null ? "free" : "held by " + owner)
              + " with token " + token + " until " + Instant.ofEpochMilli(expires) + "; this intent carries token "
              + a.fencingToken() + " (at " + a.appliedAt() + "): not recorded");
        }
      }
    }
  }

  /** The data source this store writes to (coordination on the same database uses it). */
  public DataSource dataSource() {
    return dataSource;
  }

  boolean postgres() {
    return dialect == Dialect.POSTGRESQL;
  }

  @Override
  public Map<ResourceId, ResourceMemory> memories(Collection<ResourceId> ids) {
    Map<ResourceId, ResourceMemory> found = new HashMap<>();
    List<ResourceId> list = new ArrayList<>(ids);
    try (Connection c = dataSource.getConnection()) {
      for (int i = 0; i < list.size(); i += IN_CHUNK) {
        List<ResourceId> chunk = list.subList(i, Math.min(list.size(), i + IN_CHUNK));
        String sql = "SELECT resource, version, payload FROM themis_memory WHERE resource IN ("
            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (int j = 0; j < chunk.size(); j++) {
            ps.setString(j + 1, chunk.get(j).toString());
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ResourceId id = ResourceId.parse(rs.getString(1));
              ResourceMemory row = Codec.memory(id, rs.getLong(2), rs.getString(3));
              rows.merge(id, row, (old, m) -> m.version() >= old.version() ? m : old);
              found.put(id, row);
            }
          }
        }
      }
      // The stabilisation window may be newer in the resource's latest outcome than in its memory row.
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT payload FROM themis_outcome WHERE resource = ? ORDER BY at_ms DESC LIMIT 1")) {
        for (Map.Entry<ResourceId, ResourceMemory> e : found.entrySet()) {
          ps.setString(1, e.getKey().toString());
          try (ResultSet rs = ps.executeQuery()) {
            ResourceMemory q = rs.next() ? Codec.recommendations(e.getKey(), rs.getString(1)) : null;
            ResourceMemory row = e.getValue();
            if (q != null && q.version() > row.version()) {
              e.setValue(new ResourceMemory(row.resource(), q.version(), row.lastAction(), q.recommendations(),
                  row.components()));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new HistoryUnavailableException("could not read resource memories: " + e.getMessage(), e);
    }
    synchronized (lock) {
      for (ResourceId id : ids) {
        ResourceMemory p = pendingMemory.get(id);
        if (p != null && (!found.containsKey(id) || found.get(id).version() < p.version())) {
          found.put(id, p);
        }
      }
    }
    return found;
  }

  /** Deletes everything kept of {@code id}: its outcomes and its memory. */
  public void forget(ResourceId id) {
    synchronized (lock) {
      pending.removeIf(o -> o.resource().equals(id));
      pendingMemory.remove(id);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement a = c.prepareStatement("DELETE FROM themis_outcome WHERE resource = ?");
        PreparedStatement b = c.prepareStatement("DELETE FROM themis_memory WHERE resource = ?")) {
      a.setString(1, id.toString());
      a.executeUpdate();
      b.setString(1, id.toString());
      b.executeUpdate();
    } catch (SQLException e) {
      throw new HistoryUnavailableException("could not forget " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void flush() {
    synchronized (flushLock) {
      List<ResourceOutcome> outcomes;
      List<ResourceMemory> memories;
      synchronized (lock) {
        if (pending.isEmpty() && pendingMemory.isEmpty()) {
          return;
        }
        outcomes = new ArrayList<>(pending);
        memories = new ArrayList<>(pendingMemory.values());
        pending.clear();
        pendingMemory.clear();
      }
      // Memories that changed only in their recommendations go with their resource's newest outcome of this flush.
      Map<ResourceId, ResourceOutcome> newestOutcome = new HashMap<>();
      for (ResourceOutcome o : outcomes) {
        newestOutcome.put(o.resource(), o);
      }
      Map<ResourceOutcome, ResourceMemory> riding = new java.util.IdentityHashMap<>();
      List<ResourceMemory> rowWrites = new ArrayList<>();
      for (ResourceMemory m : memories) {
        ResourceMemory row = rows.get(m.resource());
        ResourceOutcome carrier = newestOutcome.get(m.resource());
        if (row != null && carrier != null && row.version() < m.version()
            && Objects.equals(row.lastAction(), m.lastAction()) && row.components().equals(m.components())) {
          riding.put(carrier, m);
        } else {
          rowWrites.add(m);
        }
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          writeOutcomes(c, outcomes, riding);
          List<Long> newKeySets = keySets.writeNew(c, dialect);
          writeMemories(c, rowWrites);
          c.commit();
          keySets.committed(newKeySets);
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
        for (ResourceMemory m : rowWrites) {
          rows.merge(m.resource(), m, (old, n) -> n.version() >= old.version() ? n : old);
        }
        if (failing) {
          failing = false;
          LOG.info("history database writable again: wrote {} outcomes and {} memories kept meanwhile",
              outcomes.size(), memories.size());
        }
      } catch (SQLException | RuntimeException e) {
        putBack(outcomes, memories);
        if (!failing) {
          failing = true;
          LOG.warn("history database not writable; keeping outcomes and memories until it is: {}", e.toString());
        }
        return;
      }
      for (ResourceOutcome o : outcomes) {
        if (newest == null || o.at().isAfter(newest)) {
          newest = o.at();
        }
      }
      prune();
    }
  }

  /** Outcomes and memories waiting to be written (while the database is down), and outcomes dropped. */
  public Backlog backlog() {
    synchronized (lock) {
      return new Backlog(pending.size(), pendingMemory.size(), dropped);
    }
  }

  /** What a store holds in memory because it could not write it yet. */
  public record Backlog(int outcomes, int memories, long droppedOutcomes) {}

  @Override
  public List<ResourceOutcome> query(ResourceId id, Instant from, Instant to) {
    List<ResourceOutcome> out = new ArrayList<>();
    String sql = "SELECT at_ms, kind, payload FROM themis_outcome WHERE resource = ? AND at_ms >= ? AND at_ms < ?"
        + " ORDER BY at_ms";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id.toString());
      ps.setLong(2, from.toEpochMilli());
      ps.setLong(3, to.toEpochMilli());
      ps.setFetchSize(1_000);
      readOutcomes(id, c, ps, out);
    } catch (SQLException e) {
      throw new HistoryUnavailableException("could not read the history of " + id + ": " + e.getMessage(), e);
    }
    synchronized (lock) {
      for (ResourceOutcome o : pending) {
        if (o.resource().equals(id) && !o.at().isBefore(from) && o.at().isBefore(to)) {
          out.add(o);
        }
      }
    }
    return out;
  }

  @Override
  public List<ResourceOutcome> latest(ResourceId id, int limit) {
    List<ResourceOutcome> out = new ArrayList<>();
    if (limit <= 0) {
      return out;
    }
    synchronized (lock) {
      Iterator<ResourceOutcome> it = pending.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        ResourceOutcome o = it.next();
        if (o.resource().equals(id)) {
          out.add(o);
        }
      }
    }
    if (out.size() < limit) {
      String sql = "SELECT at_ms, kind, payload FROM themis_outcome WHERE resource = ? ORDER BY at_ms DESC LIMIT ?";
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, id.toString());
        ps.setInt(2, limit - out.size());
        readOutcomes(id, c, ps, out);
      } catch (SQLException e) {
        throw new HistoryUnavailableException("could not read the history of " + id + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public Set<ResourceId> resources() {
    Set<ResourceId> out = new TreeSet<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT resource FROM themis_outcome")) {
      while (rs.next()) {
        out.add(ResourceId.parse(rs.getString(1)));
      }
    } catch (SQLException e) {
      throw new HistoryUnavailableException("could not list resources: " + e.getMessage(), e);
    }
    synchronized (lock) {
      pending.forEach(o -> out.add(o.resource()));
    }
    return out;
  }

  /** Writes what is pending, then closes the pool this store opened itself (the embedded one), if any. */
  @Override
  public void close() {
    flush();
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        LOG.warn("closing the embedded history database failed: {}", e.toString());
      }
    }
  }

  private void readOutcomes(ResourceId id, Connection c, PreparedStatement ps, List<ResourceOutcome> out)
      throws SQLException {
    List<StoredRow> raw = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        raw.add(new StoredRow(rs.getLong(1), rs.getString(2).charAt(0), rs.getString(3)));
      }
    }
    for (StoredRow r : raw) { // names looked up after the result set is closed: one open statement per connection
      out.add(Codec.outcome(id, Instant.ofEpochMilli(r.atMs()), r.kind(), r.payload(), k -> keySets.names(c, k)));
    }
  }

  private record StoredRow(long atMs, char kind, String payload) {}

  private void writeOutcomes(Connection c, List<ResourceOutcome> outcomes, Map<ResourceOutcome, ResourceMemory> riding)
      throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    if (dialect == Dialect.POSTGRESQL && Copy.available(c)) {
      Copy.outcomes(c, outcomes, riding, keySets);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO themis_outcome (resource, at_ms, kind, capacity, payload) VALUES (?, ?, ?, ?, ?)")) {
      int n = 0;
      for (ResourceOutcome o : outcomes) {
        ps.setString(1, o.resource().toString());
        ps.setLong(2, o.at().toEpochMilli());
        ps.setString(3, String.valueOf(Codec.kind(o)));
        ps.setInt(4, o.capacityAfter());
        ps.setString(5, Codec.outcome(o, riding.get(o), keySets));
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      if (n % BATCH != 0) {
        ps.executeBatch();
      }
    }
  }

  private void writeMemories(Connection c, List<ResourceMemory> memories) throws SQLException {
    if (memories.isEmpty()) {
      return;
    }
    // A memory never replaces a newer version (two writers of one resource: a late flush after an intent).
    String sql = dialect == Dialect.POSTGRESQL
        ? "INSERT INTO themis_memory (resource, version, saved_ms, payload) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (resource) DO UPDATE SET version = EXCLUDED.version, saved_ms = EXCLUDED.saved_ms,"
            + " payload = EXCLUDED.payload WHERE themis_memory.version < EXCLUDED.version"
        : "MERGE INTO themis_memory t USING (VALUES (CAST(? AS VARCHAR(512)), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS VARCHAR))) s (resource, version, saved_ms, payload) ON t.resource = s.resource"
            + " WHEN MATCHED AND t.version < s.version THEN UPDATE SET version = s.version, saved_ms = s.saved_ms,"
            + " payload = s.payload WHEN NOT MATCHED THEN INSERT (resource, version, saved_ms, payload)"
            + " VALUES (s.resource, s.version, s.saved_ms, s.payload)";
    long now = System.currentTimeMillis(); // saved_ms is for operators reading the table, never for a guard
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = 0;
      for (ResourceMemory m : memories) {
        ps.setString(1, m.resource().toString());
        ps.setLong(2, m.version());
        ps.setLong(3, now);
        ps.setString(4, Codec.memory(m));
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      if (n % BATCH != 0) {
        ps.executeBatch();
      }
    }
  }

  private void putBack(List<ResourceOutcome> outcomes, List<ResourceMemory> memories) {
    synchronized (lock) {
      for (int i = outcomes.size() - 1; i >= 0; i--) {
        pending.addFirst(outcomes.get(i));
      }
      while (pending.size() > pendingLimit) {
        pending.removeFirst();
        dropped++;
      }
      for (ResourceMemory m : memories) {
        pendingMemory.merge(m.resource(), m, (newer, old) -> newer.version() >= old.version() ? newer : old);
      }
    }
  }

  private void prune() {
    if (newest == null) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      if (lastAgePrune == null || !newest.isBefore(lastAgePrune.plus(AGE_PRUNE_EVERY))) {
        lastAgePrune = newest;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM themis_outcome WHERE at_ms < ?")) {
          ps.setLong(1, newest.minus(retention).toEpochMilli());
          ps.executeUpdate();
        }
      }
      if (lastCountPrune == null || !newest.isBefore(lastCountPrune.plus(COUNT_PRUNE_EVERY))) {
        lastCountPrune = newest;
        pruneByCount(c);
      }
    } catch (SQLException e) {
      LOG.warn("history retention could not be enforced this time: {}", e.toString());
    }
  }

  private void pruneByCount(Connection c) throws SQLException {
    List<String> over = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT resource FROM themis_outcome GROUP BY resource HAVING COUNT(*) > ?")) {
      ps.setInt(1, maxOutcomesPerResource);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          over.add(rs.getString(1));
        }
      }
    }
    for (String resource : over) {
      long cutoff;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT at_ms FROM themis_outcome WHERE resource = ? ORDER BY at_ms DESC LIMIT 1 OFFSET ?")) {
        ps.setString(1, resource);
        ps.setInt(2, maxOutcomesPerResource - 1);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            continue;
          }
          cutoff = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM themis_outcome WHERE resource = ? AND at_ms < ?")) {
        ps.setString(1, resource);
        ps.setLong(2, cutoff);
        ps.executeUpdate();
      }
    }
  }

  private static Dialect dialectOf(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    if (product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
      return Dialect.POSTGRESQL;
    }
    if (product.toLowerCase(java.util.Locale.ROOT).contains("h2")) {
      return Dialect.H2;
    }
    throw new IllegalArgumentException("history database: PostgreSQL or H2 expected, was " + product);
  }

  /** Applies the schema files not yet applied, recorded in {@code themis_schema_version}. */
  private static void migrate(Connection c, Dialect dialect) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        // Two replicas starting at once: one migrates, the other waits and then finds it done.
        s.execute("SELECT pg_advisory_xact_lock(4242424242)");
      }
      s.execute("CREATE TABLE IF NOT EXISTS themis_schema_version (version INT NOT NULL PRIMARY KEY,"
          + " description VARCHAR(200) NOT NULL, applied_ms BIGINT NOT NULL)");
      int current = 0;
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM themis_schema_version")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      for (int v = current + 1; v <= MIGRATIONS.length; v++) {
        String file = MIGRATIONS[v - 1];
        for (String statement : statements(read("db/themis/" + file))) {
          s.execute(statement);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO themis_schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
          ps.setInt(1, v);
          ps.setString(2, file);
          ps.setLong(3, System.currentTimeMillis());
          ps.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      int comment = line.indexOf("--");
      current.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
      if (t.endsWith(";") || (comment >= 0 && line.substring(0, comment).strip().endsWith(";"))) {
        String stmt = current.toString().strip();
        out.add(stmt.substring(0, stmt.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = JdbcHistoryStore.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("schema file " + resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; nothing was committed
    }
  }
}
