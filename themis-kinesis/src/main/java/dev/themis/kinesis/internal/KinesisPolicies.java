package dev.themis.kinesis.internal;

import dev.themis.config.Settings;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.policy.ExpressionPolicy;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ScalingPolicy;

/** The default policy of a stream. */
final class KinesisPolicies {
  /** Shared when the host registers no compiler: it caches compiled expressions across streams. */
  private static final ExpressionCompiler SHARED = ExpressionCompiler.create();

  static final ExpressionPolicy.Keys KEYS = new ExpressionPolicy.Keys(
      KinesisKeys.STREAM_UPSCALE_EXPR, KinesisKeys.STREAM_DOWNSCALE_EXPR, ExpressionPolicy.TIME_BASED_SCALING,
      ExpressionPolicy.SCHEDULE, ExpressionPolicy.SCHEDULE_ZONE, "stream_name");

  private KinesisPolicies() {}

  /**
   * With {@code target_utilisation}: target tracking on {@code utilisation.max}; else the original's expressions
   * (compiled now, so a bad expression is a configuration problem at build time).
   *
   * @throws dev.themis.config.ConfigurationException for expressions that do not compile and bad schedules
   */
  static ScalingPolicy defaultPolicy(StreamConfig config, Settings settings, ProviderContext context) {
    ExpressionCompiler compiler = context.component(ExpressionCompiler.class).orElse(SHARED);
    ExpressionPolicy expressions =
        ExpressionPolicy.fromSettings(settings, KEYS, ExprVariables.SCHEMA, compiler, context.zone());
    if (config.targetUtilisation().isPresent()) {
      return TargetTrackingPolicy.of("utilisation.max", config.targetUtilisation().get(), 0.1);
    }
    return expressions;
  }
}
