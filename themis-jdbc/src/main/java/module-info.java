/**
 * Durable history and resource memory ({@link dev.themis.jdbc.JdbcHistoryStore}) and resource leases
 * ({@link dev.themis.jdbc.JdbcResourceLeases}) on PostgreSQL through the host's {@link javax.sql.DataSource}, or
 * embedded in an H2 file. Both drivers are optional: H2 is needed only by {@code JdbcHistoryStore.embedded}, pgjdbc
 * only for its faster COPY path (plain JDBC otherwise).
 *
 * @provides dev.themis.spi.CoordinationProvider the {@code jdbc} coordination engine
 */
@SuppressWarnings("requires-automatic") // H2 and pgjdbc ship no module descriptor (they name their modules)
module dev.themis.jdbc {
  requires transitive dev.themis.core;
  requires transitive java.sql;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static com.h2database;
  requires static org.postgresql.jdbc;

  exports dev.themis.jdbc;

  provides dev.themis.spi.CoordinationProvider with dev.themis.jdbc.JdbcCoordinationProvider;
}
