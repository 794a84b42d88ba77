package dev.themis.examples.bench;

import java.util.Objects;

/**
 * What one policy did on one workload, minute by minute.
 *
 * @param supply units serving in each minute ({@code s_t})
 * @param billed units billed in each minute: booting, serving and draining
 * @param actions scaling calls made in each minute
 * @param unitsChanged units added plus units removed in each minute
 */
public record Replay(int[] supply, long[] billed, int[] actions, int[] unitsChanged) {
  public Replay {
    Objects.requireNonNull(supply, "supply");
    Objects.requireNonNull(billed, "billed");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(unitsChanged, "unitsChanged");
    if (supply.length != billed.length || supply.length != actions.length || supply.length != unitsChanged.length) {
      throw new IllegalArgumentException("supply, billed, actions and unitsChanged differ in length");
    }
  }

  /** A supply fixed in advance: no actions. */
  public static Replay schedule(int[] supply, long[] billed) {
    return new Replay(supply, billed, new int[supply.length], new int[supply.length]);
  }

  /** Scaling calls made at or after minute {@code from}. */
  public long actionsFrom(int from) {
    long n = 0;
    for (int t = from; t < actions.length; t++) {
      n += actions[t];
    }
    return n;
  }

  /** Units added plus units removed by calls made at or after minute {@code from}. */
  public long unitsChangedFrom(int from) {
    long n = 0;
    for (int t = from; t < unitsChanged.length; t++) {
      n += unitsChanged[t];
    }
    return n;
  }
}
