package dev.themis.examples.bench;

import java.util.List;

/**
 * The original Themis defaults, run as the original would: its expressions verbatim, every 3 minutes, over a
 * 10-minute monitoring window; once with its own cap, once with the cap raised to the trace's peak.
 */
final class OriginalContenders {
  private OriginalContenders() {}

  static List<Contender> all() {
    return List.of(); // wired once the expression compiler (branch expr) is on main
  }
}
