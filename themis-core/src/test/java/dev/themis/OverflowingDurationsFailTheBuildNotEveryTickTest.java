package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.config.ConfigurationException;
import dev.themis.config.ThemisConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 10: {@code scale_up_cooldown: 9223372036854775807s} loaded and then failed every tick with
 * "internal failure: long overflow"; {@code monitoring_window: 106751991167300d} with a DateTimeException. Both are
 * rejected when the autoscaler is built, naming the key and the value.
 */
class OverflowingDurationsFailTheBuildNotEveryTickTest {

  @Test
  void theBuildNamesEachKeyAndValue() {
    ThemisConfig config = ThemisConfig.parse("""
        resources:
          fake:
            a:
              scale_up_cooldown: 9223372036854775807s
              monitoring_window: 106751991167300d
        """);
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).provider(new FakeProvider())
        .configuration(config).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(Object::toString)
            .anySatisfy(p -> assertThat(p).startsWith("fake.a.scale_up_cooldown: expected a duration from 0 to 3650d")
                .endsWith("was '9223372036854775807s'"))
            .anySatisfy(p -> assertThat(p).startsWith("fake.a.monitoring_window: expected a duration from 0 to 3650d")
                .endsWith("was '106751991167300d'")));
  }
}
