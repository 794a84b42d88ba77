package dev.themis.kinesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.ScalingSettings;
import dev.themis.config.ConfigurationException;
import dev.themis.config.ThemisConfig;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.spi.ResourceProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class KinesisProviderTest {
  @Test
  void theKinesisTypeIsFoundByServiceLoader() {
    assertTrue(StreamSupport.stream(ServiceLoader.load(ResourceProvider.class).spliterator(), false)
        .anyMatch(p -> p.type().equals("kinesis") && p instanceof KinesisProvider));
  }

  @Test
  void theOriginalsKeysAndAliasesBind() {
    Autoscaler a = Autoscaler.builder()
        .resource(ResourceSpec.of("kinesis", "clicks", Map.ofEntries(
            Map.entry("stream_upscale_expr", KinesisKeys.DEFAULT_UPSCALE_EXPR),
            Map.entry("enable_enhanced_monitoring", "true"),
            Map.entry("role_to_assume", ""),
            Map.entry("min_shards", "2"),
            Map.entry("max_shards", "64"),
            Map.entry("scaling_budget_per_day", "8"),
            Map.entry("scale_up_reserve", "3"),
            Map.entry("metrics_window", "30m"),
            Map.entry("metrics_period", "5m"),
            Map.entry("on_demand", "provisioned"),
            Map.entry("reshard_strategy", "split_merge"))))
        .build();
    ScalingSettings s = a.settings(ResourceId.of("kinesis", "clicks")).orElseThrow();
    assertEquals(2, s.minCapacity());
    assertEquals(64, s.maxCapacity());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPathAndValue() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Autoscaler.builder()
        .resource(ResourceSpec.of("kinesis", "clicks", Map.of(
            "scaling_budget_per_day", "-1",
            "metrics_period", "90s",
            "on_demand", "sometimes",
            "shard_metrics", "IncomingBytes,Bogus",
            "enable_enhanced_monitoring", "yes",
            "max_shard", "4")))
        .build());
    String m = e.getMessage();
    assertTrue(m.contains("kinesis.clicks.scaling_budget_per_day: expected an integer >= 0, was '-1'"), m);
    assertTrue(m.contains("kinesis.clicks.metrics_period: expected a positive multiple of 60 s"), m);
    assertTrue(m.contains("kinesis.clicks.on_demand: expected one of ignore, provisioned"), m);
    assertTrue(m.contains("'Bogus' is none"), m);
    assertTrue(m.contains("kinesis.clicks.enable_enhanced_monitoring: expected 'true' or 'false', was 'yes'"), m);
    assertTrue(m.contains("kinesis.clicks.max_shard: unknown key (did you mean 'max_shards'?)"), m);
  }

  @Test
  void theReserveMustLeaveScaleDownsSomething() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Autoscaler.builder()
        .resource(ResourceSpec.of("kinesis", "clicks", Map.of("scaling_budget_per_day", "4", "scale_up_reserve", "4")))
        .build());
    assertTrue(e.getMessage().contains("kinesis.clicks.scale_up_reserve: must be < scaling_budget_per_day (4)"),
        e.getMessage());
  }

  @Test
  void discoveryKeysAreGlobalAndValidated() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Autoscaler.builder()
        .configuration(ThemisConfig.parse("settings:\n  kinesis_stream_tags: team\n")).build());
    assertTrue(e.getMessage().contains("kinesis_stream_tags: expected key=value pairs"), e.getMessage());
  }

  @Test
  void hostClientsAreUsedAndNoDefaultClientIsBuiltUntilNeeded() {
    // No AWS region or credentials here: building must not touch them.
    Autoscaler.builder()
        .component(KinesisClient.class, new FakeKinesis(java.time.InstantSource.system(), 1))
        .resource(ResourceSpec.of("kinesis", "clicks", Map.of()))
        .build();
    Autoscaler.builder().resource(ResourceSpec.of("kinesis", "other", Map.of())).build();
    assertTrue(CloudWatchClient.class.isInterface());
  }
}
