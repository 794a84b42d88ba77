package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.config.ConfigurationException;
import dev.themis.spi.PolicyProvider;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ScalingPolicy;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 11: a {@link PolicyProvider} whose {@code name()} returned null made {@code build()} throw a
 * NullPointerException. It is a configuration problem naming the provider's class.
 */
class ProviderWithoutANameIsAConfigurationErrorTest {

  static final class Nameless implements PolicyProvider {
    @Override
    public String name() {
      return null;
    }

    @Override
    public ScalingPolicy create(ResourceSpec spec, ProviderContext context) {
      return c -> new ScalingDecision(c.capacity(), "same", "nameless");
    }
  }

  static final class Blank extends FakeProvider {
    @Override
    public String type() {
      return " ";
    }
  }

  @Test
  void aNullPolicyNameOrABlankResourceTypeIsReportedNotThrown() {
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).policyProvider(new Nameless())
        .provider(new Blank()).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(Object::toString)
            .containsExactlyInAnyOrder(
                "policy provider " + Nameless.class.getName() + ": a non-blank policy name (name() returned null)",
                "resource type provider " + Blank.class.getName()
                    + ": a non-blank resource type name (type() returned ' '), was ' '"));
  }
}
