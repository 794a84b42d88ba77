package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.themis.clock.ManualClock;
import dev.themis.config.ConfigurationException;
import dev.themis.config.ThemisConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of ticks and valid and invalid reconfigurations: no cooldown is ever lost, an invalid document
 * never changes anything, and a valid one is applied whole.
 */
class ReconfigurePropertiesTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000) / 5;
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  private static final List<String> NAMES = List.of("a", "b", "c");

  /**
   * One step from a generated integer: 0-3 a tick after 1-4 minutes; 4-7 a valid document; 8-9 an invalid one.
   * The other bits pick the values.
   */
  private static ThemisConfig document(int seed, boolean valid) {
    Map<String, Map<String, String>> resources = new LinkedHashMap<>();
    for (int i = 0; i < NAMES.size(); i++) {
      int bits = (seed >>> (4 * i)) & 0xF;
      if (bits == 0 && i > 0) {
        continue; // sometimes a resource is left out
      }
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put("upscale_expr", (bits % 3) + " if capacity < 20 else -" + (bits % 2));
      keys.put("max_capacity", Integer.toString(5 + bits));
      keys.put("scale_up_cooldown", (bits % 4) + "m");
      keys.put("scale_down_cooldown", (bits % 5) + "m");
      resources.put(NAMES.get(i), keys);
    }
    if (!valid) {
      // one bad key somewhere, after good changes elsewhere: the whole document must be refused
      Map<String, String> victim = resources.get("a");
      switch ((seed >>> 13) % 4) {
        case 0 -> victim.put("min_capacity", "99");
        case 1 -> victim.put("upscale_expr", "capacity +");
        case 2 -> victim.put("scale_up_cooldwn", "1m");
        default -> victim.put("max_capacity", "many");
      }
    }
    return ReconfigureTest.doc(Map.of(), resources);
  }

  @Test
  void reconfigurationsNeverLoseCooldownsNorHalfApply() {
    qt().withExamples(EXAMPLES)
        .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 40))
        .checkAssert(steps -> {
          ManualClock clock = ManualClock.at(T0);
          LiveProvider provider = new LiveProvider();
          Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).provider(provider)
              .configuration(document(0x1234, true)).build();
          Map<ResourceId, Instant> lastAction = new HashMap<>();
          for (int step : steps) {
            int kind = step % 10;
            if (kind < 4) {
              clock.advance(Duration.ofMinutes(1 + kind));
              for (ResourceOutcome o : a.tick().outcomes()) {
                if (o instanceof ResourceOutcome.Applied applied) {
                  ScalingSettings s = a.settings(o.resource()).orElseThrow();
                  ScalingDirection d = applied.decision().direction(applied.state().capacity());
                  Instant last = lastAction.get(o.resource());
                  if (last != null) {
                    assertThat(applied.at()).isAfterOrEqualTo(last.plus(s.cooldown(d)));
                  }
                  lastAction.put(o.resource(), applied.at());
                }
              }
            } else {
              ThemisConfig before = a.configuration();
              Map<ResourceId, ScalingSettings> settingsBefore = new HashMap<>();
              a.resources().forEach(id -> settingsBefore.put(id, a.settings(id).orElseThrow()));
              ThemisConfig next = document(step / 10, kind < 8);
              if (kind < 8) {
                a.reconfigure(next);
                assertThat(a.configuration()).isEqualTo(next);
                for (ResourceSpec spec : next.resources()) {
                  assertThat(a.settings(spec.id()).orElseThrow()).isEqualTo(ScalingSettings.from(spec.settings()));
                }
                assertThat(a.resources()).hasSize(next.resources().size());
                // a resource dropped and added again starts afresh, as a new resource would
                lastAction.keySet().retainAll(a.resources());
              } else {
                try {
                  a.reconfigure(next);
                  throw new AssertionError("an invalid document was accepted: " + next);
                } catch (ConfigurationException expected) {
                  assertThat(a.configuration()).isEqualTo(before);
                  Map<ResourceId, ScalingSettings> after = new HashMap<>();
                  a.resources().forEach(id -> after.put(id, a.settings(id).orElseThrow()));
                  assertThat(after).isEqualTo(settingsBefore);
                }
              }
            }
          }
        });
  }
}
