package dev.themis.examples.bench;

import dev.themis.ScalingSettings;
import dev.themis.expr.OriginalDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The original Themis defaults, run as the original would: its expressions verbatim (the providers' default policy
 * with no expression configured), evaluated every 3 minutes over a 10-minute monitoring window (Kinesis: the
 * original's fixed 20-minute CloudWatch window); no cooldown, stabilisation or bounds beyond what the expressions
 * encode. Once with its own cap (25 task nodes; 5 shards), once with that cap raised to the workload's peak demand.
 */
final class OriginalContenders {
  private OriginalContenders() {}

  static final String EMR_CAP = "tasknodes.count.nodes < 25";
  static final String KINESIS_CAP = "shards.count < 5";

  static List<Contender> all() {
    ScalingSettings asOriginal = ScalingSettings.builder().minCapacity(0).cooldown(Duration.ZERO)
        .scaleDownStabilization(Duration.ZERO).monitoringWindow(Duration.ofMinutes(10)).build();
    return List.of(
        new Contender.Autoscaled("original", 3, asOriginal, env -> null, OriginalContenders::window),
        new Contender.Autoscaled("original-cap=peak", 3, asOriginal, env -> null, env -> {
          Map<String, String> m = new java.util.LinkedHashMap<>(window(env));
          int peak = env.workload().peakDemand();
          if (env.profile().kind() == Profile.Kind.EMR) {
            m.put("upscale_expr", raiseCap(OriginalDefaults.UPSCALE_EXPR, EMR_CAP, "tasknodes.count.nodes < " + peak));
          } else {
            m.put("stream_upscale_expr",
                raiseCap(OriginalDefaults.STREAM_UPSCALE_EXPR, KINESIS_CAP, "shards.count < " + peak));
          }
          return m;
        }));
  }

  private static Map<String, String> window(ReplayEnv env) {
    return env.profile().kind() == Profile.Kind.KINESIS ? Map.of("metrics_window", "PT20M") : Map.of();
  }

  static String raiseCap(String expression, String cap, String raised) {
    if (!expression.contains(cap)) {
      throw new IllegalStateException("the original expression no longer contains '" + cap + "': " + expression);
    }
    return expression.replace(cap, raised);
  }
}
