package dev.themis.spi;

import dev.themis.ResourceSpec;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates monitors, executors and default policies for one resource type. Found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.themis.spi.ResourceProvider}) or registered explicitly with the autoscaler's
 * builder. Two providers of the same type are an error at build time.
 */
public interface ResourceProvider {
  /** The resource type this provider manages, e.g. {@code emr}. */
  String type();

  /** The provider's own per-resource configuration keys, for validation and documentation. */
  List<ConfigKey<?>> configKeys();

  /** The provider's own global configuration keys (e.g. discovery settings), for validation and documentation. */
  default List<ConfigKey<?>> globalKeys() {
    return List.of();
  }

  /**
   * Provider key names that mean a core key, e.g. {@code min_nodes -> min_capacity}. Applied before validation.
   */
  default Map<String, String> aliases() {
    return Map.of();
  }

  /**
   * Creates the binding for one resource.
   *
   * @throws ConfigurationException with every problem found in the resource's settings (bad values, expressions
   *     that do not compile)
   */
  ResourceBinding create(ResourceSpec spec, ProviderContext context);

  /** Finds resources to manage beyond those listed explicitly; empty if the provider does not discover. */
  default Optional<ResourceDiscovery> discovery(ProviderContext context) {
    return Optional.empty();
  }
}
