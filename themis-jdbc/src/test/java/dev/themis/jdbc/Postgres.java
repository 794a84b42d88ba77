package dev.themis.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.themis.testkit.jdbc.TemporaryPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL the tests use: one throwaway cluster per test JVM (initdb in a temp folder, a free loopback
 * port), stopped when the JVM exits, and a fresh database per caller. Fails, never skips, when PostgreSQL is not
 * installed.
 */
final class Postgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static TemporaryPostgres shared;

  private Postgres() {}

  static synchronized TemporaryPostgres shared() {
    if (shared == null) {
      shared = TemporaryPostgres.start("themis");
      TemporaryPostgres pg = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "themis-test-postgres-stop"));
    }
    return shared;
  }

  /** A new, empty database on the shared cluster; its JDBC URL. */
  static String freshDatabase() {
    TemporaryPostgres pg = shared();
    String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return pg.jdbcUrl().replace("/themis?", "/" + name + "?");
  }

  /** A HikariCP pool on {@code url}, as a host would configure one; short timeouts so an outage shows quickly. */
  static HikariDataSource pool(String url) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url + "&reWriteBatchedInserts=true&connectTimeout=2&socketTimeout=10");
    c.setMaximumPoolSize(4);
    c.setMinimumIdle(0);
    c.setConnectionTimeout(2_000);
    c.setValidationTimeout(1_000);
    c.setInitializationFailTimeout(-1);
    c.setPoolName("themis-test");
    return new HikariDataSource(c);
  }
}
