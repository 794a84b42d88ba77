package dev.themis.kinesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.PolicyContext;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.clock.ManualClock;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.MetricSummary;
import dev.themis.kinesis.OpenShard;
import dev.themis.kinesis.StreamSnapshot;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The original's expressions and variables over a stream's state, through the provider's default policy. */
class KinesisExpressionsTest {
  static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
  static final ProviderContext CONTEXT = new ProviderContext() {
    @Override
    public InstantSource clock() {
      return ManualClock.at(NOW);
    }

    @Override
    public ZoneId zone() {
      return ZoneId.of("UTC");
    }

    @Override
    public <T> Optional<T> component(Class<T> type) {
      return Optional.empty();
    }

    @Override
    public Settings global() {
      return Settings.empty("settings");
    }

    @Override
    public dev.themis.history.HistoryStore history() {
      return dev.themis.history.InMemoryHistoryStore.withDefaults();
    }
  };

  static ScalingPolicy policy(Map<String, String> settings) {
    return new KinesisProvider().create(ResourceSpec.of("kinesis", "s", settings), CONTEXT).defaultPolicy();
  }

  /** A state as the monitor builds it: constant per-minute values, shard-level metrics per shard. */
  static ResourceState state(int shards, double incomingBytesPerMinute, double[] shardBytes) {
    Map<String, MetricSummary> stream = new HashMap<>();
    stream.put("IncomingBytes", MetricSummary.of(constant(incomingBytesPerMinute)));
    stream.put("GetRecords.IteratorAgeMilliseconds", MetricSummary.of(constant(1500)));
    List<OpenShard> open = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      Map<String, MetricSummary> m = shardBytes == null ? Map.of()
          : Map.of("IncomingBytes", MetricSummary.of(constant(shardBytes[i])));
      open.add(new OpenShard("shardId-" + i, HashRange.uniform(i, shards), m));
    }
    StreamSnapshot snap = new StreamSnapshot("s", "ACTIVE", "PROVISIONED", Set.of(), open, stream,
        Duration.ofMinutes(1));
    Map<String, Double> metrics = StreamMonitor.flatMetrics(snap, shards);
    return new ResourceState(ResourceId.of("kinesis", "s"), NOW, shards, false, metrics, Set.of(),
        new ExprVariables().variables(snap, shards, metrics), snap);
  }

  static double[] constant(double v) {
    double[] a = new double[20];
    java.util.Arrays.fill(a, v);
    return a;
  }

  static ScalingDecision decide(ScalingPolicy p, ResourceState s) {
    return p.decide(PolicyContext.of(s, NOW));
  }

  @Test
  void theOriginalDefaultsUpscaleOneShardAtAMillionBytesAMinute() {
    ScalingDecision d = decide(policy(Map.of()), state(1, 1_000_000, null));
    assertEquals(2, d.targetCapacity());
    assertEquals("stream_upscale_expr = 1: shards.count = 1 < 5 and stream.IncomingBytes.last / shards.count"
        + " = 1000000 / 1 = 1000000 > 500000", d.reason());
  }

  @Test
  void theOriginalDefaultsDownscaleAnIdleStreamAndHoldAtOneShard() {
    assertEquals(2, decide(policy(Map.of()), state(3, 50_000, null)).targetCapacity());
    assertEquals(1, decide(policy(Map.of()), state(1, 0, null)).targetCapacity());
  }

  @Test
  void regressionCrossShardAggregatesAreUsableInExpressions() {
    // The original filled shards.WriteProvisionedThroughputExceeded only, so this raised an attribute error.
    ScalingPolicy p = policy(Map.of("stream_upscale_expr", "1 if shards.IncomingBytes.max > 2 * shards.IncomingBytes.average else 0",
        "stream_downscale_expr", "0"));
    assertEquals(5, decide(p, state(4, 1000, new double[] {10, 10, 10, 100})).targetCapacity());
    assertEquals(4, decide(p, state(4, 1000, new double[] {10, 10, 10, 10})).targetCapacity());
  }

  @Test
  void shardsListInTheOriginalsDictionaryFormAndTheTotalAlias() {
    ScalingPolicy p = policy(Map.of(
        "stream_upscale_expr", "2 if shards_list[1]['IncomingBytes']['average'] > 50 and total.IncomingBytes.sum > 0 else 0",
        "stream_downscale_expr", "0"));
    assertEquals(5, decide(p, state(3, 1000, new double[] {1, 60, 1})).targetCapacity());
    assertEquals(3, decide(p, state(3, 1000, new double[] {60, 1, 1})).targetCapacity());
  }

  @Test
  void loadAndIteratorAgeVariables() {
    double mib = 1024 * 1024 * 60;
    ScalingPolicy p = policy(Map.of(
        "stream_upscale_expr", "1 if load.max > 0.8 or load.iterator_age_max_ms > 60000 else 0",
        "stream_downscale_expr", "1 if load.max < 0.2 and shards.count > 1 else 0"));
    assertEquals(3, decide(p, state(2, 2 * 0.9 * mib, null)).targetCapacity());
    assertEquals(1, decide(p, state(2, 2 * 0.1 * mib, null)).targetCapacity());
    assertEquals(2, decide(p, state(2, 2 * 0.5 * mib, null)).targetCapacity());
  }

  @Test
  void targetUtilisationTracksTheBusiestLimit() {
    double mib = 1024 * 1024 * 60;
    ScalingPolicy p = policy(Map.of("target_utilisation", "0.5"));
    assertEquals(8, decide(p, state(4, 4 * 1.0 * mib, null)).targetCapacity());
  }

  @Test
  void badAndUnsafeExpressionsAreConfigurationProblemsWithTheirKeyPath() {
    ConfigurationException bad = assertThrows(ConfigurationException.class, () -> policy(Map.of(
        "stream_upscale_expr", "1 if shards.cont < 5 else 0",
        "stream_downscale_expr", "System.exit(1)")));
    assertTrue(bad.getMessage().contains("kinesis.s.stream_upscale_expr"), bad.getMessage());
    assertTrue(bad.getMessage().contains("kinesis.s.stream_downscale_expr"), bad.getMessage());
    assertEquals(2, bad.problems().size(), bad.getMessage());
  }
}
