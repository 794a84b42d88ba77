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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
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

  private static ThemisConfig twoMinuteCooldowns(int seed) {
    List<ResourceSpec> specs = new java.util.ArrayList<>();
    for (ResourceSpec spec : document(seed, true).resources()) {
      Map<String, String> keys = new LinkedHashMap<>(spec.settings().values());
      keys.put("scale_up_cooldown", "2m");
      keys.put("scale_down_cooldown", "2m");
      specs.add(new ResourceSpec(spec.id(), dev.themis.config.Settings.of(spec.settings().path(), keys)));
    }
    return new ThemisConfig(dev.themis.config.Settings.of("settings", Map.of()), specs, List.of());
  }

  @Test
  void reconfiguringFromAnotherThreadWhileTickingNeverLosesACooldown() throws InterruptedException {
    // given one thread ticking minute by minute and another switching documents as fast as it can
    ManualClock clock = ManualClock.at(T0);
    LiveProvider provider = new LiveProvider();
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).provider(provider)
        .configuration(twoMinuteCooldowns(0x1111)).build();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    Map<ResourceId, Instant> lastAction = new HashMap<>();
    Runnable tickAndCheck = () -> {
      clock.advance(Duration.ofMinutes(1));
      for (ResourceOutcome o : a.tick().outcomes()) {
        if (o instanceof ResourceOutcome.Applied applied) {
          // every document here has 2-minute cooldowns, whichever one this tick saw
          Instant last = lastAction.put(o.resource(), applied.at());
          if (last != null && applied.at().isBefore(last.plus(Duration.ofMinutes(2)))) {
            throw new AssertionError(o.resource() + " acted at " + last + " and again at " + applied.at());
          }
        }
      }
    };
    Thread ticker = new Thread(() -> {
      try {
        go.await();
        for (int i = 0; i < 400; i++) {
          tickAndCheck.run();
        }
      } catch (Throwable t) {
        errors.add(t);
      }
    });
    Thread switcher = new Thread(() -> {
      try {
        go.await();
        for (int i = 0; i < 400; i++) {
          a.reconfigure(twoMinuteCooldowns(0x2000 + i * 7919));
        }
      } catch (Throwable t) {
        errors.add(t);
      }
    });
    ticker.start();
    switcher.start();
    go.countDown();
    ticker.join();
    switcher.join();
    // A tick that overlapped a switch holds the resources it replaced, so under heavy load every concurrent tick may
    // hold: a few more ticks after the last switch, checked the same way, show the memory kept across all switches.
    for (int i = 0; i < 10; i++) {
      tickAndCheck.run();
    }
    // then nothing failed, every tick produced whole outcomes, and the last document is in effect, whole
    assertThat(errors).isEmpty();
    assertThat(lastAction).as("resources that acted").isNotEmpty();
    ThemisConfig last = twoMinuteCooldowns(0x2000 + 399 * 7919);
    assertThat(a.configuration()).isEqualTo(last);
    for (ResourceSpec spec : last.resources()) {
      assertThat(a.settings(spec.id()).orElseThrow()).isEqualTo(ScalingSettings.from(spec.settings()));
    }
    assertThat(a.configChanges()).hasSize(400);
  }
}
