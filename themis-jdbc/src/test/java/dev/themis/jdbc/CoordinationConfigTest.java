package dev.themis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.clock.ManualClock;
import dev.themis.config.ConfigurationException;
import dev.themis.config.ThemisConfig;
import dev.themis.spi.ResourceLeases;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration's coordination section, as the README shows it, on the real PostgreSQL. */
class CoordinationConfigTest {
  private static final String YAML = """
      settings:
        coordination: { engine: jdbc, lease: 90s, renew: 30s, host_id: host-a }
      resources:
        kinesis:
          clickstream: { min_shards: 1, max_shards: 8 }
      """;

  @Test
  void theJdbcEngineLeasesOnTheHistoryStoresDatabase() {
    ManualClock clock = ManualClock.at(Instant.parse("2026-05-01T00:00:00Z"));
    try (HikariDataSource ds = Postgres.pool(Postgres.freshDatabase())) {
      Autoscaler a = Autoscaler.builder().clock(clock).history(JdbcHistoryStore.create(ds))
          .configuration(ThemisConfig.parse(YAML)).build();

      Map<ResourceId, ResourceLeases.Lease> leases = a.coordinate();

      ResourceLeases.Lease l = leases.get(ResourceId.of("kinesis", "clickstream"));
      assertThat(l.owner()).isEqualTo("host-a");
      assertThat(l.token()).isEqualTo(1);
      assertThat(l.expiresAt()).isEqualTo(clock.instant().plusSeconds(90));
      a.releaseLeases();
      assertThat(a.coordinate().get(ResourceId.of("kinesis", "clickstream")).token()).isEqualTo(2);
    }
  }

  @Test
  void theJdbcEngineRefusesAStoreOtherThanPostgresql() throws Exception {
    try (JdbcHistoryStore h2 = JdbcHistoryStore.embedded(Files.createTempDirectory("themis-h2-").resolve("h"))) {
      assertThatThrownBy(() -> Autoscaler.builder().history(h2).configuration(ThemisConfig.parse(YAML)).build())
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("settings.coordination.engine")
          .hasMessageContaining("needs the history store on PostgreSQL");
    }
    assertThatThrownBy(() -> Autoscaler.builder().configuration(ThemisConfig.parse(YAML)).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("a JdbcHistoryStore on PostgreSQL");
  }
}
