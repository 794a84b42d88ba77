package dev.themis.kinesis.internal;

import dev.themis.ScalingSettings;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.kinesis.KinesisKeys.OnDemand;
import dev.themis.kinesis.KinesisKeys.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The bound Kinesis keys of one stream. */
record StreamConfig(
    String streamName,
    String upscaleExpr,
    String downscaleExpr,
    Optional<Boolean> enhancedMonitoring,
    String roleToAssume,
    Optional<Double> targetUtilisation,
    int budgetPerDay,
    int scaleUpReserve,
    Duration metricsWindow,
    Duration metricsPeriod,
    Set<String> shardMetrics,
    OnDemand onDemand,
    Strategy strategy,
    Duration throttleBackoff,
    boolean dryRun,
    int maxCapacity) {

  /** @throws ConfigurationException with every problem found */
  static StreamConfig from(String streamName, Settings s) {
    List<ConfigProblem> problems = new ArrayList<>(s.check(KinesisKeys.KEYS));
    problems.addAll(s.check(List.of(ScalingSettings.DRY_RUN, ScalingSettings.MAX_CAPACITY)));
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    int budget = s.get(KinesisKeys.SCALING_BUDGET_PER_DAY);
    int reserve = s.get(KinesisKeys.SCALE_UP_RESERVE);
    if (budget > 0 && reserve >= budget && s.has(KinesisKeys.SCALE_UP_RESERVE.name())) {
      problems.add(new ConfigProblem(s.pathOf(KinesisKeys.SCALE_UP_RESERVE.name()), Integer.toString(reserve),
          "must be < scaling_budget_per_day (" + budget + "), or scale-downs could never use UpdateShardCount"));
    }
    Duration window = s.get(KinesisKeys.METRICS_WINDOW);
    Duration period = s.get(KinesisKeys.METRICS_PERIOD);
    if (window.compareTo(period.multipliedBy(3)) < 0) {
      problems.add(new ConfigProblem(s.pathOf(KinesisKeys.METRICS_WINDOW.name()),
          s.raw(KinesisKeys.METRICS_WINDOW.name()),
          "must be at least three metrics_period (" + period + ")"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    Integer max = s.get(ScalingSettings.MAX_CAPACITY);
    return new StreamConfig(
        streamName,
        s.get(KinesisKeys.STREAM_UPSCALE_EXPR),
        s.get(KinesisKeys.STREAM_DOWNSCALE_EXPR),
        s.has(KinesisKeys.ENABLE_ENHANCED_MONITORING.name())
            ? Optional.of(s.get(KinesisKeys.ENABLE_ENHANCED_MONITORING))
            : Optional.empty(),
        s.get(KinesisKeys.ROLE_TO_ASSUME),
        s.find(KinesisKeys.TARGET_UTILISATION),
        budget,
        Math.min(reserve, budget),
        window,
        period,
        s.get(KinesisKeys.SHARD_METRICS_READ),
        s.get(KinesisKeys.ON_DEMAND),
        s.get(KinesisKeys.RESHARD_STRATEGY),
        s.get(KinesisKeys.THROTTLE_BACKOFF),
        s.get(ScalingSettings.DRY_RUN),
        max == null ? Integer.MAX_VALUE : max);
  }

  /** Whether shard-level metrics should be read, given what is enabled on the stream. */
  boolean readShardMetrics(Set<String> enabledOnStream) {
    return enhancedMonitoring.orElse(!enabledOnStream.isEmpty());
  }
}
