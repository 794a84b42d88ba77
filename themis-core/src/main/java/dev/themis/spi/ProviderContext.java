package dev.themis.spi;

import dev.themis.config.Settings;
import dev.themis.history.HistoryStore;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the autoscaler gives providers when they create monitors, executors and policies: its clock, the host's
 * registered components (AWS clients, HTTP clients...), and the global settings.
 */
public interface ProviderContext {
  /** The autoscaler's clock. Providers never read the system clock. */
  InstantSource clock();

  /** The zone in which schedules are interpreted unless a resource says otherwise. */
  ZoneId zone();

  /** A component the host registered with {@code Autoscaler.Builder.component(type, instance)}. */
  <T> Optional<T> component(Class<T> type);

  /**
   * The autoscaler's history store, for executors that must know what was done before (e.g. a budget of operations
   * per rolling day) and should recover it after a restart when the store is durable.
   */
  HistoryStore history();

  /** The global settings section. */
  Settings global();
}
