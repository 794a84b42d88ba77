package dev.themis.console;

import dev.themis.Autoscaler;
import dev.themis.AutoscalerListener;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.ScalingSettings;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.config.ThemisConfig;
import dev.themis.testkit.Demand;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * An autoscaler replaying a demand trace on the testkit's simulated Kinesis (the real Kinesis provider, the
 * original's default expressions), plus one resource with explicit parts that the configuration does not manage.
 */
final class ReplayFixture {
  static final Instant START = Instant.parse("2020-01-06T00:00:00Z");
  static final ResourceId STREAM = ResourceId.of("kinesis", "clickstream");
  static final ResourceId FIXED = ResourceId.of("fixed", "batch");
  static final Duration TICK = Duration.ofMinutes(3);

  final ManualClock clock = ManualClock.at(START);
  final SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).build();
  final Autoscaler autoscaler;

  ReplayFixture(AutoscalerListener... listeners) {
    kinesis.createStream(STREAM.name(), 1, START.minus(Duration.ofHours(1)));
    // Records per minute: a triangle between 40 and 2,600 with a four-hour period (a shard takes 500 a minute at
    // the original's default threshold of 500,000 bytes, with 1,000-byte records).
    Demand records = at -> {
      double phase = (Duration.between(START, at).toMinutes() % 240) / 240.0;
      return 40 + 2560 * (phase < 0.5 ? 2 * phase : 2 - 2 * phase);
    };
    kinesis.incomingRecords(STREAM.name(), records);
    kinesis.bytesPerRecord(STREAM.name(), 1000);
    ThemisConfig config = ThemisConfig.parse("""
        settings: { tick_interval: 3m }
        resources:
          kinesis:
            clickstream: { min_shards: 1, max_shards: 8, scale_down_cooldown: 15m,
              schedule: '[{"from": "00:00", "to": "00:00", "min": 1, "max": 8}]' }
        """);
    Autoscaler.Builder b = Autoscaler.builder().clock(clock).discoverProviders(true)
        .component(KinesisClient.class, kinesis).component(CloudWatchClient.class, kinesis.cloudWatch())
        .configuration(config)
        .resource(FIXED, ScalingSettings.builder().minCapacity(1).maxCapacity(4).build(),
            (now, window) -> ResourceState.of(FIXED, now, 2, Map.of("queue.depth", 7.0)),
            ctx -> ScalingDecision.hold(ctx.capacity(), "fixed size", "fixed"),
            (state, decision) -> ScalingOutcome.declined(state.capacity(), "fixed"));
    for (AutoscalerListener l : listeners) {
      b.listener(l);
    }
    autoscaler = b.build();
  }

  /** Advances the clock one tick interval, then ticks. */
  TickReport tick() {
    clock.advance(TICK);
    return autoscaler.tick();
  }

  List<TickReport> ticks(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> tick()).toList();
  }
}
