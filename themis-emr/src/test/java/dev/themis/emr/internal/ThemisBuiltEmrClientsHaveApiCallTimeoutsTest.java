package dev.themis.emr.internal;

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

/**
 * Issue 14, item 9: the EMR, CloudWatch and STS clients Themis builds when the host gives none had no API-call
 * timeout, so a hanging endpoint could stall a tick. They time out (30 s per call, 10 s per attempt).
 */
class ThemisBuiltEmrClientsHaveApiCallTimeoutsTest {

  @Test
  void defaultClientsTimeOut() {
    ProviderContext none = new ProviderContext() {
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
    EmrResourceProvider p = new EmrResourceProvider();
    for (SdkClient c : new SdkClient[] {p.emr(none, "eu-west-1").get(), p.cloudWatch(none, "eu-west-1").get(),
        p.sts(none, "eu-west-1")}) {
      try (c) {
        var o = c.serviceClientConfiguration().overrideConfiguration();
        assertEquals(Optional.of(Duration.ofSeconds(30)), o.apiCallTimeout(), c.serviceName());
        assertEquals(Optional.of(Duration.ofSeconds(10)), o.apiCallAttemptTimeout(), c.serviceName());
      }
    }
  }
}
