package dev.themis.console;

import dev.themis.ResourceId;
import dev.themis.cost.PriceCatalogue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the console serves: where it binds, who may change things, and limits. Immutable; build with
 * {@link #builder()}.
 *
 * @param bindAddress the address to listen on; default 127.0.0.1 (loopback only)
 * @param port the TCP port; 0 (the default) picks a free one, see {@link ThemisConsole#address()}
 * @param authenticator who may make mutating calls; empty means nobody (every mutating call is refused with 401)
 * @param readOnly refuse every mutating call with 403, whatever the credential; default false
 * @param maxRequestBytes the largest request body accepted (413 beyond); default 256 KiB
 * @param allowedHosts host names accepted in the {@code Host} header (against DNS rebinding); the loopback names
 *     and the bind address are always accepted
 * @param prices unit-hour prices for the cost view; default 1 per unit-hour (costs then read as unit-hours)
 * @param baseline the static capacity savings are measured against, per resource; default the resource's
 *     {@code baseline_nodes} setting if set, else its {@code max_capacity}
 * @param prometheus a Prometheus scrape (e.g. {@code PrometheusMeterRegistry::scrape}) served at {@code /metrics};
 *     empty: no endpoint
 */
public record ConsoleOptions(
    InetAddress bindAddress, int port, Optional<Authenticator> authenticator, boolean readOnly, int maxRequestBytes,
    Set<String> allowedHosts, Function<ResourceId, PriceCatalogue> prices, Function<ResourceId, Integer> baseline,
    Optional<Supplier<String>> prometheus) {

  public ConsoleOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: must be 0 to 65535, was " + port);
    }
    Objects.requireNonNull(authenticator, "authenticator");
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes: must be >= 1, was " + maxRequestBytes);
    }
    allowedHosts = Set.copyOf(allowedHosts);
    Objects.requireNonNull(prometheus, "prometheus");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: 127.0.0.1, a free port, no credential accepted (read-only in effect), 256 KiB requests. */
  public static ConsoleOptions defaults() {
    return builder().build();
  }

  /** Builds {@link ConsoleOptions}. Not thread-safe. */
  public static final class Builder {
    private InetAddress bindAddress = loopback();
    private int port;
    private Authenticator authenticator;
    private boolean readOnly;
    private int maxRequestBytes = 256 * 1024;
    private Set<String> allowedHosts = Set.of();
    private Function<ResourceId, PriceCatalogue> prices = id -> PriceCatalogue.flat(1);
    private Function<ResourceId, Integer> baseline;
    private Supplier<String> prometheus;

    private Builder() {}

    private static InetAddress loopback() {
      try {
        return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Where to listen. Default 127.0.0.1; anything else exposes the console beyond this machine. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Who may make mutating calls. Default: nobody. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** Shorthand for {@code authenticator(Authenticator.token(token))}. */
    public Builder token(String token) {
      return authenticator(Authenticator.token(token));
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    public Builder allowedHosts(Set<String> hosts) {
      this.allowedHosts = Set.copyOf(hosts);
      return this;
    }

    public Builder prices(Function<ResourceId, PriceCatalogue> prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    public Builder baseline(Function<ResourceId, Integer> baseline) {
      this.baseline = Objects.requireNonNull(baseline, "baseline");
      return this;
    }

    public Builder prometheus(Supplier<String> scrape) {
      this.prometheus = Objects.requireNonNull(scrape, "scrape");
      return this;
    }

    public ConsoleOptions build() {
      return new ConsoleOptions(bindAddress, port, Optional.ofNullable(authenticator), readOnly, maxRequestBytes,
          allowedHosts, prices, baseline == null ? id -> null : baseline, Optional.ofNullable(prometheus));
    }
  }
}
