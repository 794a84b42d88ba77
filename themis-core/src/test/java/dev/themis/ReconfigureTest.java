package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.themis.clock.ManualClock;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.config.ThemisConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autoscaler.reconfigure: atomic, validated like build(), keeps what the autoscaler remembers. */
class ReconfigureTest {
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  private final ManualClock clock = ManualClock.at(T0);
  private final LiveProvider provider = new LiveProvider();

  static ThemisConfig doc(Map<String, String> global, Map<String, Map<String, String>> resources) {
    List<ResourceSpec> specs = resources.entrySet().stream()
        .map(e -> ResourceSpec.of("fake", e.getKey(), e.getValue())).toList();
    return new ThemisConfig(Settings.of("settings", global), specs, List.of());
  }

  static Map<String, String> keys(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private Autoscaler build(ThemisConfig config) {
    return Autoscaler.builder().clock(clock).discoverProviders(false).provider(provider).configuration(config)
        .build();
  }

  @Test
  void aValidChangeAppliesFromTheNextTickAndIsRecordedWithItsDiff() {
    // given a resource that would grow by 3 up to 10
    Autoscaler a = build(doc(Map.of(), Map.of("a", keys("max_capacity", "10", "upscale_expr", "3"))));
    // when its cap is lowered to 4 by "token:ops"
    clock.advance(Duration.ofMinutes(1));
    ConfigChange change = a.reconfigure(doc(Map.of(), Map.of("a", keys("max_capacity", "4", "upscale_expr", "3"))),
        "token:ops");
    // then the change names who, when and what
    assertThat(change.actor()).isEqualTo("token:ops");
    assertThat(change.at()).isEqualTo(T0.plusSeconds(60));
    assertThat(change.sequence()).isEqualTo(1);
    assertThat(change.entries()).containsExactly(new ConfigChange.Entry("fake.a.max_capacity", "10", "4"));
    assertThat(a.configChanges()).containsExactly(change);
    // and the next tick is clamped by the new cap
    ResourceOutcome o = a.tick().outcomes().get(0);
    assertThat(o).isInstanceOf(ResourceOutcome.Applied.class);
    assertThat(o.capacityAfter()).isEqualTo(4);
    assertThat(o.reasons()).anyMatch(r -> r.startsWith("bounds: target") && r.contains("capped at max 4"));
    assertThat(a.settings(ResourceId.of("fake", "a")).orElseThrow().maxCapacity()).isEqualTo(4);
  }

  @Test
  void anInvalidDocumentReportsEveryProblemByKeyAndChangesNothing() {
    ThemisConfig before = doc(Map.of(), Map.of("a", keys("max_capacity", "10")));
    Autoscaler a = build(before);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> a.reconfigure(doc(
        Map.of("dry_rn", "true"),
        Map.of("a", keys("max_capacity", "1", "min_capacity", "5", "upscale_expr", "capacty + 1", "cooldwn", "1m"))),
        "token:ops"));
    assertThat(e.problems()).extracting(ConfigProblem::path).contains("settings.dry_rn", "fake.a.max_capacity",
        "fake.a.upscale_expr", "fake.a.cooldwn");
    assertThat(e.getMessage()).contains("did you mean 'capacity'");
    assertThat(a.configuration()).isEqualTo(before);
    assertThat(a.configChanges()).isEmpty();
    assertThat(a.settings(ResourceId.of("fake", "a")).orElseThrow().maxCapacity()).isEqualTo(10);
    assertThat(a.tick().outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
  }

  @Test
  void aCooldownSurvivesAChangeOfTheResourcesSettings() {
    // given a resource that has just scaled up, with a 10-minute scale-up cooldown
    Autoscaler a = build(doc(Map.of(), Map.of("a", keys("scale_up_cooldown", "10m", "upscale_expr", "1"))));
    assertThat(a.tick().outcomes().get(0)).isInstanceOf(ResourceOutcome.Applied.class);
    int bindings = provider.bindings;
    // when its expression changes (a new policy, monitor and executor are bound)
    clock.advance(Duration.ofMinutes(2));
    a.reconfigure(doc(Map.of(), Map.of("a", keys("scale_up_cooldown", "10m", "upscale_expr", "2"))));
    assertThat(provider.bindings).isEqualTo(bindings + 1);
    // then the cooldown from the earlier action still holds
    ResourceOutcome held = a.tick().outcomes().get(0);
    assertThat(held).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(held.reasons()).anyMatch(r -> r.startsWith("cooldown: ")
        && r.contains("until " + Guards.time(T0.plus(Duration.ofMinutes(10)), T0, java.time.ZoneOffset.UTC)));
    // and once it is over, the new expression decides
    clock.advance(Duration.ofMinutes(8));
    ResourceOutcome.Applied applied = (ResourceOutcome.Applied) a.tick().outcomes().get(0);
    assertThat(applied.decision().reason()).isEqualTo("upscale_expr = 2");
  }

  @Test
  void anActionInFlightSurvivesAChangeAndItsCooldownRunsFromItsCompletion() {
    // given a scale-up still in flight three minutes later
    FakeResource r = provider.resource("a");
    r.completeSynchronously = false;
    Map<String, String> settings = keys("upscale_expr", "1", "scale_up_cooldown", "5m");
    Autoscaler a = build(doc(Map.of(), Map.of("a", settings)));
    assertThat(a.tick().outcomes().get(0)).isInstanceOf(ResourceOutcome.Applied.class);
    clock.advance(Duration.ofMinutes(3));
    assertThat(a.tick().outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
    // when the configuration changes, and the action completes three minutes after that
    Map<String, String> changed = new LinkedHashMap<>(settings);
    changed.put("max_capacity", "50");
    a.reconfigure(doc(Map.of(), Map.of("a", changed)));
    clock.advance(Duration.ofMinutes(3));
    r.inFlight = false;
    // then the new runtime knows of the action: its cooldown runs from the completion it observes
    ResourceOutcome next = a.tick().outcomes().get(0);
    assertThat(next).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(next.reasons()).anyMatch(s -> s.startsWith("cooldown: ")
        && s.contains("until " + Guards.time(T0.plus(Duration.ofMinutes(11)), T0, java.time.ZoneOffset.UTC)));
  }

  @Test
  void anUnchangedResourceKeepsItsObjectsAndResourcesComeAndGo() {
    Autoscaler a = build(doc(Map.of(), Map.of("a", keys("upscale_expr", "0"), "b", keys())));
    int bindings = provider.bindings;
    ConfigChange change = a.reconfigure(doc(Map.of("dry_run", "true"),
        Map.of("a", keys("upscale_expr", "0"), "c", keys("upscale_expr", "1"))));
    // only c was bound: a kept its monitor, executor and policy
    assertThat(provider.bindings).isEqualTo(bindings + 1);
    assertThat(a.resources()).containsExactly(ResourceId.of("fake", "a"), ResourceId.of("fake", "c"));
    assertThat(change.entries()).contains(new ConfigChange.Entry("settings.dry_run", null, "true"),
        new ConfigChange.Entry("fake.b", "managed", null), new ConfigChange.Entry("fake.c", null, "managed"),
        new ConfigChange.Entry("fake.c.upscale_expr", null, "1"));
    assertThat(a.dryRun()).isTrue();
    assertThat(a.tick().outcome(ResourceId.of("fake", "c")).orElseThrow()).isInstanceOf(ResourceOutcome.DryRun.class);
    // the same document again is a change with no entries
    assertThat(a.reconfigure(a.configuration()).entries()).isEmpty();
    assertThat(a.configChanges()).extracting(ConfigChange::sequence).containsExactly(1L, 2L);
  }

  @Test
  void keysFixedForTheAutoscalersLifetimeAreRejected() {
    Autoscaler a = build(doc(Map.of(), Map.of("a", keys())));
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> a.reconfigure(doc(Map.of("time_zone", "Europe/Berlin"), Map.of("a", keys()))));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("settings.time_zone");
      assertThat(p.value()).isEqualTo("Europe/Berlin");
      assertThat(p.expected()).contains("cannot change while running");
    });
  }

  @Test
  void explicitResourcesStayAndAResourceReplacedDuringATickWaitsForTheNextOne() {
    // given an explicit resource "0" stepped before the configured one "a" in each tick, and a listener that
    // reconfigures "a" while the tick is between the two
    FakeResource explicit = new FakeResource("0", 1, 1);
    ThemisConfig[] next = {null};
    Autoscaler[] self = {null};
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).provider(provider)
        .configuration(doc(Map.of(), Map.of("a", keys("upscale_expr", "1"))))
        .resource(explicit.id, ScalingSettings.defaults(), explicit, ctx -> ScalingDecision.hold(1, "h", "p"), explicit)
        .listener(new AutoscalerListener() {
          @Override
          public void onOutcome(ResourceOutcome o) {
            if (o.resource().equals(explicit.id) && next[0] != null) {
              self[0].reconfigure(next[0]);
              next[0] = null;
            }
          }
        })
        .build();
    self[0] = a;
    next[0] = doc(Map.of(), Map.of("a", keys("upscale_expr", "5")));
    TickReport report = a.tick();
    // then the replaced runtime did not act with the old configuration
    ResourceOutcome o = report.outcome(ResourceId.of("fake", "a")).orElseThrow();
    assertThat(o).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(o.reasons()).containsExactly("the configuration changed during this tick; the new one applies from"
        + " the next tick");
    // and the next tick uses the new one; the explicit resource is still managed
    ResourceOutcome.Applied applied = (ResourceOutcome.Applied) a.tick().outcome(ResourceId.of("fake", "a"))
        .orElseThrow();
    assertThat(applied.decision().reason()).isEqualTo("upscale_expr = 5");
    assertThat(a.resources()).contains(explicit.id);
  }
}
