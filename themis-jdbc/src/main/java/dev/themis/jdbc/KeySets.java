package dev.themis.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metric names, kept once: an outcome's payload names its sorted set of metric names by a 64-bit id (FNV-1a of the
 * names) and lists only the values, and {@code themis_keyset} maps the id to the names. A steady resource reports the
 * same names every tick, so this halves the bytes per outcome. Thread-safe.
 */
final class KeySets {
  private final Map<List<String>, Long> ids = new ConcurrentHashMap<>();
  private final Map<Long, List<String>> names = new ConcurrentHashMap<>();
  private final Map<Long, Boolean> written = new ConcurrentHashMap<>();

  /** The id of a sorted list of metric names, registering it to be written with the next flush. */
  long id(List<String> sortedNames) {
    Long id = ids.get(sortedNames);
    if (id == null) {
      List<String> copy = List.copyOf(sortedNames);
      id = hash(copy);
      ids.put(copy, id);
      names.put(id, copy);
    }
    return id;
  }

  /** Writes the sets registered since the last successful call, in the caller's transaction. */
  List<Long> writeNew(Connection c, JdbcHistoryStore.Dialect dialect) throws SQLException {
    List<Long> fresh = new ArrayList<>();
    for (Map.Entry<Long, List<String>> e : names.entrySet()) {
      if (!written.containsKey(e.getKey())) {
        fresh.add(e.getKey());
      }
    }
    if (fresh.isEmpty()) {
      return fresh;
    }
    String sql = dialect == JdbcHistoryStore.Dialect.POSTGRESQL
        ? "INSERT INTO themis_keyset (id, names) VALUES (?, ?) ON CONFLICT (id) DO NOTHING"
        : "MERGE INTO themis_keyset t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR))) s (id, names)"
            + " ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, names) VALUES (s.id, s.names)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Long id : fresh) {
        ps.setLong(1, id);
        ps.setString(2, String.join("\n", names.get(id)));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return fresh;
  }

  /** After the transaction that wrote {@code ids} committed. */
  void committed(List<Long> ids) {
    ids.forEach(id -> written.put(id, Boolean.TRUE));
  }

  /** The names of a set, from the cache or the table. */
  List<String> names(Connection c, long id) throws SQLException {
    List<String> known = names.get(id);
    if (known != null) {
      return known;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT names FROM themis_keyset WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("themis_keyset has no metric names for id " + id);
        }
        String joined = rs.getString(1);
        List<String> read = joined.isEmpty() ? List.of() : List.copyOf(Arrays.asList(joined.split("\n", -1)));
        names.put(id, read);
        ids.put(read, id);
        written.put(id, Boolean.TRUE);
        return read;
      }
    }
  }

  static long hash(List<String> sortedNames) {
    long h = 0xcbf29ce484222325L;
    for (String n : sortedNames) {
      for (int i = 0; i < n.length(); i++) {
        h ^= n.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= '\n';
      h *= 0x100000001b3L;
    }
    return h;
  }
}
