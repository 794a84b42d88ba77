package dev.themis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThemisConfigTest {
  @Test
  void readsTheOriginalLayout() {
    // given a themis.config.json as the original wrote it: all values strings
    String original = """
        {
          "general": {
            "autoscaling_clusters": "j-1, j-2",
            "autoscaling_kinesis_streams": "clicks",
            "scaling_loop_interval": "180",
            "monitoring_time_window": "600",
            "ssh_keys": "$SSH_KEY_ETL_PROD"
          },
          "emr": {
            "j-1": {"baseline_nodes": "20", "time_based_scaling": "{\\"(Mon|Tue).*01:.*\\": 14}"},
            "j-9": {"baseline_nodes": "3"}
          },
          "kinesis": {"clicks": {"enable_enhanced_monitoring": "true"}}
        }
        """;
    // when
    ThemisConfig config = ThemisConfig.parse(original);
    // then
    assertThat(config.resources()).extracting(ResourceSpec::id).containsExactly(
        ResourceId.of("emr", "j-1"), ResourceId.of("emr", "j-2"), ResourceId.of("kinesis", "clicks"));
    ResourceSpec j1 = config.resources().get(0);
    assertThat(j1.settings().raw("time_based_scaling")).isEqualTo("{\"(Mon|Tue).*01:.*\": 14}");
    assertThat(j1.settings().raw("monitoring_window")).isEqualTo("600");
    assertThat(config.global().get(ThemisConfig.TICK_INTERVAL)).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.warnings()).contains(
        "emr.j-9: configured but not listed in general.autoscaling_clusters; not managed",
        "general.ssh_keys: accepted for compatibility with the original, not used by Themis for Java");
  }

  @Test
  void listedResourcesWithoutASectionGetTheGlobalMonitoringWindow() {
    ThemisConfig config = ThemisConfig.parse("""
        {"general": {"autoscaling_clusters": "j-1", "monitoring_time_window": "300"}}
        """);
    assertThat(config.resources()).singleElement().satisfies(spec -> {
      assertThat(spec.id()).isEqualTo(ResourceId.of("emr", "j-1"));
      assertThat(spec.settings().values()).containsExactly(java.util.Map.entry("monitoring_window", "300"));
    });
    assertThat(config.defaults().get("emr")).containsEntry("monitoring_window", "300");
    assertThat(config.defaults().get("kinesis")).containsEntry("monitoring_window", "300");
  }

  @Test
  void readsTheThemisLayoutWithDefaultsAndNestedValues() {
    ThemisConfig config = ThemisConfig.parse("""
        settings:
          time_zone: Europe/Berlin
        defaults:
          emr: { scale_down_cooldown: 10m, max_capacity: 40 }
        resources:
          emr:
            j-1:
              max_capacity: 25
              time_based_scaling: { "(Mon|Tue).*": 4 }
        """);
    ResourceSpec j1 = config.resources().get(0);
    assertThat(j1.settings().values()).containsEntry("scale_down_cooldown", "10m").containsEntry("max_capacity", "25")
        .containsEntry("time_based_scaling", "{\"(Mon|Tue).*\":4}");
    assertThat(config.global().raw("time_zone")).isEqualTo("Europe/Berlin");
  }

  @Test
  void malformedDocumentsNameTheLocation() {
    assertThatThrownBy(() -> ThemisConfig.parse("{\"general\": {\"a\": }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("expected a YAML or JSON document")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> ThemisConfig.parse("settings: {}\nresource: {}"))
        .hasMessageContaining("resource: unknown top-level section; expected settings, defaults or resources"
            + " (did you mean 'resources'?)");
  }

  @Test
  void durationsAcceptTheOriginalSecondsAndUnits() {
    assertThat(ConfigKey.parseDuration("180")).isEqualTo(Duration.ofMinutes(3));
    assertThat(ConfigKey.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ConfigKey.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(ConfigKey.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(ConfigKey.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> ConfigKey.parseDuration("-5m")).hasMessageStartingWith("expected a duration from 0 to 3650d");
  }

  @Test
  void suggestionsFindCloseNamesOnly() {
    assertThat(Suggestions.closest("max_capacty", java.util.List.of("max_capacity", "min_capacity")))
        .contains("max_capacity");
    assertThat(Suggestions.closest("banana", java.util.List.of("max_capacity"))).isEmpty();
  }
}
