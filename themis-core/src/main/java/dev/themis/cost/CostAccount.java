package dev.themis.cost;

import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Computes cost and savings from history. Capacity is taken as constant from one recorded outcome to the next
 * (the capacity the outcome left behind), priced at the unit price the catalogue gives for the state observed at
 * that outcome. Unlike the original, which rounded every instance up to whole hours of one hard-coded instance
 * type, this integrates exactly and uses the catalogue's prices.
 */
public final class CostAccount {
  private CostAccount() {}

  /**
   * @param history outcomes of one resource, oldest first (as {@code HistoryStore.query} returns them)
   * @param to end of the period; the last outcome's capacity is held until then
   * @param baselineCapacity the static capacity to compare against, >= 0
   * @param prices unit prices
   */
  public static CostReport account(
      List<ResourceOutcome> history, Instant to, int baselineCapacity, PriceCatalogue prices) {
    if (baselineCapacity < 0) {
      throw new IllegalArgumentException("baselineCapacity: must be >= 0, was " + baselineCapacity);
    }
    if (history.isEmpty()) {
      return new CostReport(to, to, 0, 0, baselineCapacity, 0, 0);
    }
    Totals totals = new Totals(baselineCapacity);
    int capacity = -1;
    double price = Double.NaN;
    Instant from = history.get(0).at();
    Instant last = from;
    for (ResourceOutcome o : history) {
      totals.add(capacity, price, hoursBetween(last, o.at()));
      ResourceState state = o.state();
      int after = o.capacityAfter();
      if (after >= 0) {
        capacity = after;
      }
      if (state != null) {
        OptionalDouble p = prices.unitHourPrice(state);
        price = p.isPresent() ? p.getAsDouble() : Double.NaN;
      }
      last = o.at();
    }
    totals.add(capacity, price, hoursBetween(last, to));
    return new CostReport(from, to.isBefore(from) ? from : to, totals.unitHours, totals.cost, baselineCapacity,
        totals.baselineCost, totals.unpriced);
  }

  /** Running sums over the piecewise-constant capacity. */
  private static final class Totals {
    private final int baselineCapacity;
    double unitHours;
    double cost;
    double baselineCost;
    double unpriced;

    Totals(int baselineCapacity) {
      this.baselineCapacity = baselineCapacity;
    }

    /** Adds {@code hours} at {@code capacity} units and {@code price} per unit-hour (NaN: unknown). */
    void add(int capacity, double price, double hours) {
      if (capacity < 0 || hours <= 0) {
        return;
      }
      unitHours += capacity * hours;
      if (Double.isNaN(price)) {
        unpriced += hours;
      } else {
        cost += capacity * hours * price;
        baselineCost += baselineCapacity * hours * price;
      }
    }
  }

  private static double hoursBetween(Instant a, Instant b) {
    Duration d = Duration.between(a, b);
    return d.isNegative() ? 0 : d.toMillis() / 3_600_000.0;
  }
}
