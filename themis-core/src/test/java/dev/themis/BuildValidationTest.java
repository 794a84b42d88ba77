package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.config.ConfigurationException;
import dev.themis.config.ThemisConfig;
import org.junit.jupiter.api.Test;

class BuildValidationTest {
  public static class OtherFakeProvider extends FakeProvider {}

  @Test
  void aBrokenServiceEntryIsAConfigurationProblem() {
    Thread t = Thread.currentThread();
    ClassLoader original = t.getContextClassLoader();
    t.setContextClassLoader(new ClassLoader(original) {
      @Override
      public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
        if (name.equals("META-INF/services/dev.themis.spi.ResourceProvider")) {
          java.nio.file.Path f = java.nio.file.Files.createTempFile("services", ".txt");
          java.nio.file.Files.writeString(f, "com.example.Missing\n");
          return java.util.Collections.enumeration(java.util.List.of(f.toUri().toURL()));
        }
        return super.getResources(name);
      }
    });
    try {
      assertThatThrownBy(() -> Autoscaler.builder().build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("META-INF/services/dev.themis.spi.ResourceProvider: a loadable provider class")
          .hasMessageContaining("com.example.Missing");
    } finally {
      t.setContextClassLoader(original);
    }
  }

  @Test
  void reportsEveryProblemAtOnceWithKeyValueAndExpectation() {
    ThemisConfig config = ThemisConfig.parse("""
        settings:
          time_zone: Mars/Olympus
          dry_rn: true
        resources:
          fake:
            a:
              min_nodes: 5
              max_nodes: 2
              upscal_expr: "1"
            b:
              scale_down_cooldown: soon
          fak:
            c: {}
        """);
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).provider(new FakeProvider())
        .configuration(config).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(Object::toString)
            .containsExactlyInAnyOrder(
                "settings.dry_rn: unknown global key (did you mean 'dry_run'?), was 'true'",
                "settings.time_zone: expected an IANA time zone such as 'UTC' or 'Europe/Berlin', was 'Mars/Olympus'",
                "fake.a.upscal_expr: unknown key (did you mean 'upscale_expr'?), was '1'",
                "fake.a.max_capacity: must be >= min_capacity (5), was '2'",
                "fake.b.scale_down_cooldown: expected a duration from 0 to 3650d (10 years) such as '180'"
                    + " (seconds), '90s', '5m', '2h', '1d' or 'PT5M', was 'soon'",
                "fak.c: no provider for resource type 'fak' (did you mean 'fake'?); known types: [fake] (add the"
                    + " provider's module, e.g. themis-emr, to the class path or module path), was 'fak'"));
  }

  @Test
  void twoProvidersOfOneTypeFailWithBothClassNames() {
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false)
        .provider(new FakeProvider()).provider(new OtherFakeProvider()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(FakeProvider.class.getName())
        .hasMessageContaining(OtherFakeProvider.class.getName());
  }

  @Test
  void aPolicyIsSelectedByNameAndItsKeysAreAccepted() {
    ThemisConfig config = ThemisConfig.parse("""
        resources:
          fake:
            a: { policy: target-tracking, target_metric: utilisation, target_value: 0.5 }
            b: { target_metric: utilisation }
        """);
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).provider(new FakeProvider())
        .configuration(config).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(Object::toString)
            .containsExactly("fake.b.target_metric: unknown key (it belongs to a policy; select one with 'policy'),"
                + " was 'utilisation'"));
    Autoscaler ok = Autoscaler.builder().discoverProviders(false).provider(new FakeProvider())
        .configuration(ThemisConfig.parse("resources: {fake: {a: {policy: target-tracking, target_metric: u}}}"))
        .build();
    assertThat(ok.resources()).containsExactly(ResourceId.of("fake", "a"));
  }

  @Test
  void providersAreFoundByServiceLoader() {
    // META-INF/services/dev.themis.spi.ResourceProvider in the test resources names FakeProvider
    Autoscaler autoscaler = Autoscaler.builder()
        .configuration(ThemisConfig.parse("resources: {fake: {a: {max_nodes: 3}}}"))
        .build();
    assertThat(autoscaler.resources()).containsExactly(ResourceId.of("fake", "a"));
    assertThat(autoscaler.settings(ResourceId.of("fake", "a")).orElseThrow().maxCapacity()).isEqualTo(3);
  }
}
