package dev.themis.spi;

import dev.themis.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Creates the {@link ResourceLeases} of a coordination engine named in the configuration
 * ({@code settings.coordination.engine}, e.g. {@code jdbc}). Found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.themis.spi.CoordinationProvider}); a builder given {@code leases(...)} needs none.
 */
public interface CoordinationProvider {
  /** The engine name configurations use. */
  String engine();

  /**
   * Creates the leases for this host.
   *
   * @throws dev.themis.config.ConfigurationException if the engine cannot work with what the host gave (e.g. no
   *     database)
   */
  ResourceLeases create(Coordination coordination, ProviderContext context);

  /**
   * The {@code coordination} section: {@code { engine: jdbc, lease: 30s, renew: 10s, host_id: host-a }}.
   *
   * @param engine the engine name
   * @param lease how long a lease lasts unless renewed; longer than the interval at which the host calls
   *     {@code tick()} or {@code coordinate()}
   * @param renew the renew margin: a host stops acting on a resource this long before its lease expires
   * @param hostId this host's unique name
   * @param section the whole section, for engine-specific keys
   */
  record Coordination(String engine, Duration lease, Duration renew, String hostId, Settings section) {
    public Coordination {
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(renew, "renew");
      Objects.requireNonNull(hostId, "hostId");
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("coordination.lease: must be positive, was " + lease);
      }
      if (renew.isNegative() || renew.compareTo(lease) >= 0) {
        throw new IllegalArgumentException("coordination.renew: must be >= 0 and shorter than the lease (" + lease
            + "), was " + renew);
      }
    }
  }
}
