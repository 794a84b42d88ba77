package dev.themis.kinesis.internal;

import dev.themis.PolicyContext;
import dev.themis.ScalingDecision;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.spi.ScalingPolicy;

/** The default policy of a stream. */
final class KinesisPolicies {
  private KinesisPolicies() {}

  static ScalingPolicy defaultPolicy(StreamConfig config, Settings settings) {
    if (config.targetUtilisation().isPresent()) {
      return TargetTrackingPolicy.of("utilisation.max", config.targetUtilisation().get(), 0.1);
    }
    if (!config.upscaleExpr().equals(KinesisKeys.DEFAULT_UPSCALE_EXPR)
        || !config.downscaleExpr().equals(KinesisKeys.DEFAULT_DOWNSCALE_EXPR)) {
      throw new ConfigurationException(new ConfigProblem(settings.pathOf(KinesisKeys.STREAM_UPSCALE_EXPR.name()),
          config.upscaleExpr(), "custom expressions need the expression compiler (not yet merged)"));
    }
    return new OriginalDefaults();
  }

  /** The original's default expressions, as a pure policy: downscale by one wins over upscale by one. */
  static final class OriginalDefaults implements ScalingPolicy {
    @Override
    public ScalingDecision decide(PolicyContext c) {
      int shards = c.capacity();
      double last = c.state().metric("stream.IncomingBytes.last").orElse(Double.NaN);
      double avg = c.state().metric("stream.IncomingBytes.average").orElse(Double.NaN);
      if (shards > 1 && avg < 100000) {
        return new ScalingDecision(shards - 1, "stream_downscale_expr = 1", name());
      }
      if (shards < 5 && last / shards > 500000) {
        return new ScalingDecision(shards + 1, "stream_upscale_expr = 1", name());
      }
      return ScalingDecision.hold(shards, "stream_upscale_expr = 0, stream_downscale_expr = 0", name());
    }

    @Override
    public String name() {
      return "kinesis-expressions";
    }
  }
}
