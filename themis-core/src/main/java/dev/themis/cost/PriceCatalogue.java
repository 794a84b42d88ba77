package dev.themis.cost;

import dev.themis.ResourceState;
import java.util.OptionalDouble;

/**
 * Prices capacity. Providers supply catalogues for their resource types (e.g. per EC2 instance type and region);
 * hosts may override them.
 */
@FunctionalInterface
public interface PriceCatalogue {
  /**
   * The price of one unit of the resource's capacity for one hour, in the catalogue's currency (USD for the
   * bundled catalogues), given what was observed; empty if unknown.
   */
  OptionalDouble unitHourPrice(ResourceState state);

  /** A catalogue with one flat price for every unit. */
  static PriceCatalogue flat(double unitHourPrice) {
    if (!(unitHourPrice >= 0) || Double.isInfinite(unitHourPrice)) {
      throw new IllegalArgumentException("unitHourPrice: must be a finite number >= 0, was " + unitHourPrice);
    }
    return state -> OptionalDouble.of(unitHourPrice);
  }
}
