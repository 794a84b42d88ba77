package dev.themis;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one managed resource: its type (the provider that manages it, e.g. {@code emr}, {@code kinesis})
 * and its name within that type (a cluster id, a stream name).
 *
 * @param type lower-case provider type, {@code [a-z][a-z0-9_-]*}
 * @param name non-blank name, unique within the type
 */
public record ResourceId(String type, String name) implements Comparable<ResourceId> {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]*");

  public ResourceId {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "resource type: expected lower-case letters, digits, '_' or '-' starting with a letter, was '" + type + "'");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("resource name of type '" + type + "': must not be blank");
    }
  }

  public static ResourceId of(String type, String name) {
    return new ResourceId(type, name);
  }

  /** Parses {@code type:name}, the form {@link #toString()} produces. */
  public static ResourceId parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("resource id: expected 'type:name', was '" + text + "'");
    }
    return new ResourceId(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public int compareTo(ResourceId o) {
    int c = type.compareTo(o.type);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return type + ":" + name;
  }
}
