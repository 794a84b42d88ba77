package dev.themis.spi;

import dev.themis.ResourceSpec;
import java.time.Instant;
import java.util.Collection;

/**
 * Finds resources to manage, e.g. all active EMR clusters with a tag. The autoscaler calls it at most once per
 * discovery period, at the start of a tick; a failure keeps the previous list and is reported in the tick.
 */
@FunctionalInterface
public interface ResourceDiscovery {
  Collection<ResourceSpec> discover(Instant now);
}
