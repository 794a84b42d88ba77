package dev.themis.jdbc;

import dev.themis.ResourceId;
import dev.themis.history.HistoryUnavailableException;
import dev.themis.spi.ResourceLeases;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Leases with fencing tokens in PostgreSQL, on the database of the {@link JdbcHistoryStore} (which checks the token
 * when it records an intent). Each {@link #refresh} is a handful of single SQL statements, each its own transaction:
 *
 * <ol>
 *   <li>heartbeat: this host's row in {@code themis_host} lives until now + lease;
 *   <li>count the live hosts N; this host's share is ⌈R/N⌉ of the R resources;
 *   <li>renew: {@code UPDATE themis_lease SET expires_ms = now + lease WHERE owner = me AND expires_ms > now};
 *   <li>above the share: give back the surplus (owner NULL); below it: take free or expired leases,
 *       {@code token = token + 1}, with {@code FOR UPDATE SKIP LOCKED} so that hosts never wait on one another;
 *   <li>read the table for the others' holders.
 * </ol>
 *
 * <p>Time is this host's clock (the autoscaler's), passed to every statement: the database's own clock plays no
 * part, so choose the lease well above the clock skew between hosts. A host that dies stops renewing; its leases
 * are taken over once expired, at the next refresh of the others. Advisory locks are not used: they do not fence.
 * Thread-safe. Counts every statement it runs ({@link #statements()}).
 */
public final class JdbcResourceLeases implements ResourceLeases {
  private final DataSource dataSource;
  private final String hostId;
  private final Duration lease;
  private final Duration renewMargin;
  private final Set<ResourceId> rowsKnown = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicLong statements = new AtomicLong();

  private JdbcResourceLeases(DataSource dataSource, String hostId, Duration lease, Duration renewMargin) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.hostId = Objects.requireNonNull(hostId, "hostId");
    if (hostId.isBlank() || hostId.length() > 200) {
      throw new IllegalArgumentException("hostId: 1 to 200 characters, was '" + hostId + "'");
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease: must be positive, was " + lease);
    }
    if (renewMargin == null || renewMargin.isNegative() || renewMargin.compareTo(lease) >= 0) {
      throw new IllegalArgumentException("renewMargin: must be >= 0 and shorter than the lease (" + lease + "), was "
          + renewMargin);
    }
    this.lease = lease;
    this.renewMargin = renewMargin;
  }

  /**
   * Leases on the PostgreSQL database of {@code store}.
   *
   * @param hostId this host's unique name among the replicas
   * @param lease how long a lease lasts unless renewed: longer than the interval between this host's ticks (or
   *     {@code Autoscaler.coordinate()} calls)
   * @param renewMargin this host stops acting on a resource this long before its lease expires
   * @throws IllegalArgumentException if the store is not on PostgreSQL (an H2 file serves one host)
   */
  public static JdbcResourceLeases on(JdbcHistoryStore store, String hostId, Duration lease, Duration renewMargin) {
    if (!store.postgres()) {
      throw new IllegalArgumentException("coordination: the jdbc engine needs the history store on PostgreSQL; an"
          + " embedded H2 file serves a single host, which needs no coordination");
    }
    return new JdbcResourceLeases(store.dataSource(), hostId, lease, renewMargin);
  }

  @Override
  public String hostId() {
    return hostId;
  }

  @Override
  public Duration renewMargin() {
    return renewMargin;
  }

  public Duration lease() {
    return lease;
  }

  /** SQL statements run so far, for the benchmark. */
  public long statements() {
    return statements.get();
  }

  @Override
  public Map<ResourceId, Lease> refresh(Collection<ResourceId> resources, Instant now) {
    long nowMs = now.toEpochMilli();
    long until = now.plus(lease).toEpochMilli();
    List<String> ids = resources.stream().map(ResourceId::toString).sorted().toList();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      Array all = c.createArrayOf("varchar", ids.toArray());
      heartbeat(c, until);
      int hosts = liveHosts(c, nowMs);
      ensureRows(c, resources);
      Map<ResourceId, Lease> mine = renew(c, all, nowMs, until);
      int share = ids.isEmpty() ? 0 : (ids.size() + hosts - 1) / Math.max(1, hosts);
      if (mine.size() > share) {
        List<ResourceId> surplus = new ArrayList<>(new TreeSet<>(mine.keySet())).subList(share, mine.size());
        release(c, surplus);
        surplus.forEach(mine::remove);
      } else if (mine.size() < share) {
        mine.putAll(acquire(c, all, nowMs, until, share - mine.size()));
      }
      Map<ResourceId, Lease> table = others(c, all, nowMs);
      table.putAll(mine);
      return table;
    } catch (SQLException e) {
      throw new HistoryUnavailableException("coordination: could not refresh the leases of " + hostId + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void releaseAll() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE themis_lease SET owner = NULL, expires_ms = 0 WHERE owner = ?");
        PreparedStatement host = c.prepareStatement("DELETE FROM themis_host WHERE host_id = ?")) {
      c.setAutoCommit(true);
      ps.setString(1, hostId);
      ps.executeUpdate();
      host.setString(1, hostId);
      host.executeUpdate();
      statements.addAndGet(2);
    } catch (SQLException e) {
      throw new HistoryUnavailableException("coordination: could not release the leases of " + hostId + ": "
          + e.getMessage(), e);
    }
  }

  private void heartbeat(Connection c, long until) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO themis_host (host_id, expires_ms) VALUES (?, ?)"
        + " ON CONFLICT (host_id) DO UPDATE SET expires_ms = EXCLUDED.expires_ms")) {
      ps.setString(1, hostId);
      ps.setLong(2, until);
      ps.executeUpdate();
      statements.incrementAndGet();
    }
  }

  private int liveHosts(Connection c, long nowMs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM themis_host WHERE expires_ms > ?")) {
      ps.setLong(1, nowMs);
      statements.incrementAndGet();
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Math.max(1, rs.getInt(1));
      }
    }
  }

  private void ensureRows(Connection c, Collection<ResourceId> resources) throws SQLException {
    List<String> missing = new ArrayList<>();
    for (ResourceId id : resources) {
      if (!rowsKnown.contains(id)) {
        missing.add(id.toString());
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO themis_lease (resource, owner, token, expires_ms)"
        + " SELECT r, NULL, 0, 0 FROM unnest(?::varchar[]) AS r ON CONFLICT (resource) DO NOTHING")) {
      ps.setArray(1, c.createArrayOf("varchar", missing.toArray()));
      ps.executeUpdate();
      statements.incrementAndGet();
    }
    rowsKnown.addAll(resources);
  }

  private Map<ResourceId, Lease> renew(Connection c, Array all, long nowMs, long until) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE themis_lease SET expires_ms = ? WHERE owner = ?"
        + " AND expires_ms > ? AND resource = ANY(?) RETURNING resource, token, expires_ms")) {
      ps.setLong(1, until);
      ps.setString(2, hostId);
      ps.setLong(3, nowMs);
      ps.setArray(4, all);
      return leases(ps);
    }
  }

  private void release(Connection c, List<ResourceId> surplus) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE themis_lease SET owner = NULL, expires_ms = 0"
        + " WHERE owner = ? AND resource = ANY(?)")) {
      ps.setString(1, hostId);
      ps.setArray(2, c.createArrayOf("varchar", surplus.stream().map(ResourceId::toString).toArray()));
      ps.executeUpdate();
      statements.incrementAndGet();
    }
  }

  private Map<ResourceId, Lease> acquire(Connection c, Array all, long nowMs, long until, int wanted)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE themis_lease SET owner = ?, token = token + 1,"
        + " expires_ms = ? WHERE resource IN (SELECT resource FROM themis_lease WHERE resource = ANY(?)"
        + " AND (owner IS NULL OR expires_ms <= ?) ORDER BY resource LIMIT ? FOR UPDATE SKIP LOCKED)"
        + " RETURNING resource, token, expires_ms")) {
      ps.setString(1, hostId);
      ps.setLong(2, until);
      ps.setArray(3, all);
      ps.setLong(4, nowMs);
      ps.setInt(5, wanted);
      return leases(ps);
    }
  }

  private Map<ResourceId, Lease> others(Connection c, Array all, long nowMs) throws SQLException {
    Map<ResourceId, Lease> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT resource, owner, token, expires_ms FROM themis_lease"
        + " WHERE resource = ANY(?) AND owner IS NOT NULL AND owner <> ? AND expires_ms > ?")) {
      ps.setArray(1, all);
      ps.setString(2, hostId);
      ps.setLong(3, nowMs);
      statements.incrementAndGet();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ResourceId id = ResourceId.parse(rs.getString(1));
          out.put(id, new Lease(id, rs.getString(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
    }
    return out;
  }

  private Map<ResourceId, Lease> leases(PreparedStatement ps) throws SQLException {
    Map<ResourceId, Lease> out = new HashMap<>();
    statements.incrementAndGet();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ResourceId id = ResourceId.parse(rs.getString(1));
        out.put(id, new Lease(id, hostId, rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))));
      }
    }
    return out;
  }
}
