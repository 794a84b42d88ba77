package dev.themis.examples.bench;

import java.util.List;

/** The replay paths the figures can come from. */
public final class ReplayPaths {
  private ReplayPaths() {}

  /** Names accepted by {@code bench quality --path}. */
  public static final List<String> NAMES = List.of("cloud", "memory");

  /** The most faithful path available in this build. */
  public static ReplayPath best() {
    return new CloudPath();
  }

  /**
   * {@code cloud}: the real providers against the testkit's simulated AWS clients; {@code memory}: the in-memory
   * model behind the core SPI.
   *
   * @throws IllegalArgumentException for an unknown name or a path this build lacks
   */
  public static ReplayPath byName(String name) {
    switch (name) {
      case "memory":
        return new InMemoryPath();
      case "cloud":
        return new CloudPath();
      default:
        throw new IllegalArgumentException("expected one of " + NAMES + ", was '" + name + "'");
    }
  }
}
