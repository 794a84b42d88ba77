package dev.themis.spi;

import dev.themis.ResourceSpec;
import dev.themis.config.ConfigKey;
import java.util.List;

/**
 * Creates a named {@link ScalingPolicy} from a resource's configuration ({@code policy: <name>}). Found by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.themis.spi.PolicyProvider}) or registered with the
 * autoscaler's builder. This is how a user's own policy class is plugged in without code in the host.
 */
public interface PolicyProvider {
  /** The name configurations use to select the policy. */
  String name();

  /** The policy's own configuration keys. */
  default List<ConfigKey<?>> configKeys() {
    return List.of();
  }

  ScalingPolicy create(ResourceSpec spec, ProviderContext context);
}
