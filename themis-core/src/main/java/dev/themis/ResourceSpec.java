package dev.themis;

import dev.themis.config.Settings;
import java.util.Objects;

/**
 * A resource to manage: its id and its raw settings (core guard keys and the provider's own keys).
 *
 * @param id the resource
 * @param settings its configuration section
 */
public record ResourceSpec(ResourceId id, Settings settings) {
  public ResourceSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(settings, "settings");
  }

  public static ResourceSpec of(ResourceId id) {
    return new ResourceSpec(id, Settings.empty(id.type() + "." + id.name()));
  }

  public static ResourceSpec of(String type, String name, java.util.Map<String, String> settings) {
    return new ResourceSpec(ResourceId.of(type, name), Settings.of(type + "." + name, settings));
  }
}
