package dev.themis.spi;

import dev.themis.ResourceId;
import java.util.Objects;

/**
 * Thrown by a {@link ResourceMonitor} when the resource no longer exists (a terminated EMR cluster, a deleted
 * stream): there is nothing to observe, decide or scale. The tick reports it for that resource at the observe stage
 * with this message, never as a policy failure; a resource found by discovery disappears from the managed
 * resources at the next discovery, which no longer lists it.
 */
public final class ResourceGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ResourceId resource;

  /**
   * @param resource the resource that is gone
   * @param why what shows it is gone, e.g. {@code "cluster state is TERMINATED"}
   */
  public ResourceGoneException(ResourceId resource, String why) {
    super(Objects.requireNonNull(resource, "resource") + " is gone (" + Objects.requireNonNull(why, "why")
        + "): nothing to scale; remove it from the configuration");
    this.resource = resource;
  }

  public ResourceId resource() {
    return resource;
  }
}
