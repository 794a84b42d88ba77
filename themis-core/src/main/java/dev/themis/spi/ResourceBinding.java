package dev.themis.spi;

import java.util.Objects;

/**
 * What a provider creates for one resource.
 *
 * @param monitor observes the resource
 * @param executor changes it
 * @param defaultPolicy the policy used when the configuration names none
 */
public record ResourceBinding(ResourceMonitor monitor, ScalingExecutor executor, ScalingPolicy defaultPolicy) {
  public ResourceBinding {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
  }
}
