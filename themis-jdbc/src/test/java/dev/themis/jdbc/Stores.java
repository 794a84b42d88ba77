package dev.themis.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.themis.history.HistoryStore;
import dev.themis.history.InMemoryHistoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gives a new store on the same data at each {@link #get()}, closing the previous one (and its connection pool), as a
 * redeployed host does; {@code memory} hands out the same in-memory store object.
 */
final class Stores implements Supplier<HistoryStore>, AutoCloseable {
  private final String engine;
  private final String url;
  private final Path h2;
  private final InMemoryHistoryStore memory = InMemoryHistoryStore.withDefaults();
  private final List<AutoCloseable> open = new ArrayList<>();

  Stores(String engine) {
    this.engine = engine;
    this.url = engine.equals("postgresql") ? Postgres.freshDatabase() : null;
    try {
      this.h2 = engine.equals("h2") ? Files.createTempDirectory("themis-h2-").resolve("history") : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PostgreSQL URL of this store's database (postgresql only). */
  String url() {
    return url;
  }

  @Override
  public HistoryStore get() {
    closeOpen();
    switch (engine) {
      case "memory":
        return memory;
      case "postgresql": {
        HikariDataSource ds = Postgres.pool(url);
        JdbcHistoryStore s = JdbcHistoryStore.create(ds);
        open.add(s);
        open.add(ds);
        return s;
      }
      case "h2": {
        JdbcHistoryStore s = JdbcHistoryStore.embedded(h2);
        open.add(s);
        return s;
      }
      default:
        throw new IllegalArgumentException("engine: memory, postgresql or h2, was " + engine);
    }
  }

  private void closeOpen() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    open.clear();
  }

  @Override
  public void close() {
    closeOpen();
  }
}
