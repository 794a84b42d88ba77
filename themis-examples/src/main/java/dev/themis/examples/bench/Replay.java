package dev.themis.examples.bench;

import java.util.List;
import java.util.Objects;

/**
 * What one policy did on one workload, minute by minute.
 *
 * @param supply units serving in each minute ({@code s_t})
 * @param billed units billed in each minute: booting, serving and draining
 * @param actions every scaling call made, in order
 */
public record Replay(int[] supply, long[] billed, List<Action> actions) {
  public Replay {
    Objects.requireNonNull(supply, "supply");
    Objects.requireNonNull(billed, "billed");
    actions = List.copyOf(actions);
    if (supply.length != billed.length) {
      throw new IllegalArgumentException("supply and billed differ in length");
    }
  }

  /** One scaling call: at {@code minute}, requested capacity went from {@code from} to {@code to}. */
  public record Action(int minute, int from, int to) {}

  /** Scaling calls made at or after {@code from}. */
  public long actionsFrom(int from) {
    return actions.stream().filter(a -> a.minute() >= from).count();
  }

  /** Units added plus units removed by calls made at or after {@code from}. */
  public long unitsChangedFrom(int from) {
    return actions.stream().filter(a -> a.minute() >= from).mapToLong(a -> Math.abs(a.to() - a.from())).sum();
  }
}
