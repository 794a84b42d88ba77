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
    double unitHours = 0;
    double cost = 0;
    double baselineCost = 0;
    double unpriced = 0;
    int capacity = -1;
    double price = Double.NaN;
    Instant from = history.get(0).at();
    Instant last = from;
    for (ResourceOutcome o : history) {
      double hours = hoursBetween(last, o.at());
      if (capacity >= 0 && hours > 0) {
        unitHours += capacity * hours;
        if (Double.isNaN(price)) {
          unpriced += hours;
        } else {
          cost += capacity * hours * price;
          baselineCost += baselineCapacity * hours * price;
        }
      }
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
    double hours = hoursBetween(last, to);
    if (capacity >= 0 && hours > 0) {
      unitHours += capacity * hours;
      if (Double.isNaN(price)) {
        unpriced += hours;
      } else {
        cost += capacity * hours * price;
        baselineCost += baselineCapacity * hours * price;
      }
    }
    return new CostReport(from, to.isBefore(from) ? from : to, unitHours, cost, baselineCapacity, baselineCost,
        unpriced);
  }

  private static double hoursBetween(Instant a, Instant b) {
    Duration d = Duration.between(a, b);
    return d.isNegative() ? 0 : d.toMillis() / 3_600_000.0;
  }
}
