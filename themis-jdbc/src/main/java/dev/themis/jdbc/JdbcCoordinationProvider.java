package dev.themis.jdbc;

import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.spi.CoordinationProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceLeases;
import java.util.List;

/**
 * {@code coordination: { engine: jdbc, ... }}: {@link JdbcResourceLeases} on the PostgreSQL database of the
 * autoscaler's {@link JdbcHistoryStore}. Found by ServiceLoader.
 */
public final class JdbcCoordinationProvider implements CoordinationProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JdbcCoordinationProvider() {}

  @Override
  public String engine() {
    return "jdbc";
  }

  @Override
  public ResourceLeases create(Coordination c, ProviderContext context) {
    String path = c.section().pathOf("engine");
    if (!(context.history() instanceof JdbcHistoryStore store)) {
      throw new ConfigurationException(List.of(new ConfigProblem(path, c.engine(),
          "a JdbcHistoryStore on PostgreSQL as the autoscaler's history (builder.history(JdbcHistoryStore.create("
              + "dataSource))): the leases live in its database; the history is "
              + context.history().getClass().getName())));
    }
    try {
      return JdbcResourceLeases.on(store, c.hostId(), c.lease(), c.renew());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(List.of(new ConfigProblem(path, c.engine(), e.getMessage())));
    }
  }
}
