package dev.themis.kinesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.themis.config.Settings;
import dev.themis.history.HistoryStore;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.spi.ProviderContext;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Issue 14, item 9: the AWS clients Themis builds when the host gives none had no API-call timeout, so a hanging
 * endpoint could stall a tick. They now time out (30 s per call, 10 s per attempt).
 */
class ThemisBuiltClientsHaveApiCallTimeoutsTest {
  private static final ProviderContext NO_COMPONENTS = new ProviderContext() {
    @Override
    public InstantSource clock() {
      return InstantSource.system();
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
    public HistoryStore history() {
      return InMemoryHistoryStore.withDefaults();
    }

    @Override
    public Settings global() {
      return Settings.empty("settings");
    }
  };

  @Test
  void defaultKinesisAndCloudWatchClientsTimeOut() {
    String before = System.getProperty("aws.region");
    System.setProperty("aws.region", "us-east-1");
    Clients clients = new Clients();
    try (KinesisClient k = clients.kinesis(NO_COMPONENTS, "").get();
        CloudWatchClient cw = clients.cloudWatch(NO_COMPONENTS, "").get();
        KinesisClient assumed = clients.kinesis(NO_COMPONENTS, "arn:aws:iam::123456789012:role/x").get()) {
      for (SdkClient c : new SdkClient[] {k, cw, assumed}) {
        var o = c.serviceClientConfiguration().overrideConfiguration();
        assertEquals(Optional.of(Duration.ofSeconds(30)), o.apiCallTimeout(), c.serviceName());
        assertEquals(Optional.of(Duration.ofSeconds(10)), o.apiCallAttemptTimeout(), c.serviceName());
      }
    } finally {
      if (before == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", before);
      }
    }
  }
}
