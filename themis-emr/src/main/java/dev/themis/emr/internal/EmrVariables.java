package dev.themis.emr.internal;

import dev.themis.emr.EmrClusterSnapshot;
import java.util.Map;

/** The expression variables of an observed cluster (wired to the expression module's variable types). */
final class EmrVariables {
  private EmrVariables() {}

  static Map<String, Object> of(EmrClusterSnapshot snapshot, Map<String, Double> metrics) {
    return Map.of();
  }
}
