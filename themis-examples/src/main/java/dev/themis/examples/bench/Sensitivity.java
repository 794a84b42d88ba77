package dev.themis.examples.bench;

import dev.themis.ScalingSettings;
import dev.themis.policy.PredictivePolicy;
import dev.themis.series.SeriesSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench sensitivity}: the predictive policy with one setting changed at a time from the shipped one, on the
 * memory path (EMR d1 and Kinesis profiles), to show how much each setting matters. Writes the usual quality files.
 */
final class Sensitivity {
  private Sensitivity() {}

  /**
   * One setting of the predictive contender.
   *
   * @param stabilisationMinutes the scale-down stabilisation
   * @param pending whether the policy sees pending work; without it the load it records is capped at the capacity
   *     in the minutes it is short (censored)
   */
  record Variant(String name, int levelMinutes, int errorDays, PredictivePolicy.Method method,
      SeriesSpec.ErrorScale scale, int stabilisationMinutes, int extraHorizonMinutes, boolean pending) {
    Variant(String name, int levelMinutes, int errorDays, PredictivePolicy.Method method,
        SeriesSpec.ErrorScale scale, int stabilisationMinutes, int extraHorizonMinutes) {
      this(name, levelMinutes, errorDays, method, scale, stabilisationMinutes, extraHorizonMinutes, true);
    }
  }

  static final List<Profile> PROFILES = List.of(Profile.EMR_D1, Profile.KINESIS);

  static List<Variant> variants() {
    PredictivePolicy.Method s = PredictivePolicy.Method.SEASONAL;
    SeriesSpec.ErrorScale q = SeriesSpec.ErrorScale.SQRT;
    return List.of(
        new Variant("shipped", 60, 3, s, q, 10, 0),
        new Variant("level=15m", 15, 3, s, q, 10, 0),
        new Variant("level=3h", 180, 3, s, q, 10, 0),
        new Variant("errwin=1d", 60, 1, s, q, 10, 0),
        new Variant("errwin=7d", 60, 7, s, q, 10, 0),
        new Variant("method=daily", 60, 3, PredictivePolicy.Method.DAILY, q, 10, 0),
        new Variant("method=naive", 60, 3, PredictivePolicy.Method.NAIVE, q, 10, 0),
        new Variant("method=peak", 60, 3, PredictivePolicy.Method.PEAK, q, 10, 0),
        new Variant("scale=ratio", 60, 3, s, SeriesSpec.ErrorScale.RATIO, 10, 0),
        new Variant("stab=0", 60, 3, s, q, 0, 0),
        new Variant("stab=30m", 60, 3, s, q, 30, 0),
        new Variant("horizon+3m", 60, 3, s, q, 10, 3),
        // emr-d1's boot + drain (beta): the longest gap the oracle keeps a unit idle through
        new Variant("stab=7m", 60, 3, s, q, 7, 0),
        new Variant("no-pending", 60, 3, s, q, 10, 0, false));
  }

  static List<Contender> contenders() {
    List<Contender> list = new ArrayList<>();
    for (Variant v : variants()) {
      ScalingSettings settings = ScalingSettings.builder().minCapacity(1).cooldown(Duration.ZERO)
          .scaleDownStabilization(Duration.ofMinutes(v.stabilisationMinutes()))
          .monitoringWindow(Duration.ofMinutes(1)).build();
      list.add(Contender.of(v.name(), 1, settings, env -> PredictivePolicy.builder(env.utilisationMetric())
          .pending(v.pending() ? env.pendingMetric() : null, env.unitsPerPending()).serving(env.servingMetric())
          .horizon(Duration.ofMinutes(env.profile().boot() + 1 + v.extraHorizonMinutes()))
          .utilisation(env.workload().rho())
          .targetShortfall(Contenders.SHIPPED_SHORTFALL)
          .levelWindow(Duration.ofMinutes(v.levelMinutes()))
          .errorWindow(Duration.ofDays(v.errorDays()))
          .method(v.method()).errorScale(v.scale()).build()));
    }
    return list;
  }
}
