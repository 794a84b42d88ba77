package dev.themis.spi;

import dev.themis.ResourceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Coordination of several hosts that embed Themis with the same configuration: one actor per resource. A host acts
 * on a resource only while it holds that resource's lease; every other host reports it {@code Held} ("leased by
 * host-b until ...") and neither observes nor acts on it. Each lease carries a fencing token that increases with
 * every change of holder; the token travels with the recorded intent, and a store that coordinates (themis-jdbc)
 * refuses an intent whose token is no longer the lease's, so the executor is never called on a stale lease.
 *
 * <p>The autoscaler calls {@link #refresh} once at the start of every tick (and on
 * {@code Autoscaler.coordinate()}, which a host may schedule more often than its ticks). A host acts on a resource
 * only until {@link #renewMargin()} before its lease expires, by its own clock, so a host that is paused or cut off
 * stops acting before another can take the lease over.
 */
public interface ResourceLeases {
  /** This host's name in the lease table: unique among the hosts sharing it. */
  String hostId();

  /** How long before a lease's expiry this host stops acting on its resource. */
  Duration renewMargin();

  /**
   * Renews this host's leases among {@code resources}, gives back those above its fair share (the resources over the
   * live hosts, rounded up), and takes free or expired ones up to that share.
   *
   * @param now this host's clock
   * @return the lease of each of {@code resources} as it now stands (held by this host or another), absent for a
   *     resource nobody holds
   * @throws RuntimeException if the coordination store cannot be reached: the autoscaler then keeps the leases it
   *     knew and acts on them only until their renew margin
   */
  Map<ResourceId, Lease> refresh(Collection<ResourceId> resources, Instant now);

  /** Gives back every lease this host holds (when the host shuts down cleanly), so others take over at once. */
  default void releaseAll() {}

  /**
   * One resource's lease.
   *
   * @param resource the resource
   * @param owner the host that holds it
   * @param token the fencing token: increases every time the lease changes hands
   * @param expiresAt when the lease ends unless renewed
   */
  record Lease(ResourceId resource, String owner, long token, Instant expiresAt) {
    public Lease {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(expiresAt, "expiresAt");
      if (token < 1) {
        throw new IllegalArgumentException("token of the lease of " + resource + ": must be >= 1, was " + token);
      }
    }
  }
}
