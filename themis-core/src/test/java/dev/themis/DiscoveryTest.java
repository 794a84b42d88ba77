package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import dev.themis.config.ThemisConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
  private final List<ResourceSpec> found = new ArrayList<>();
  private RuntimeException failure;
  private int calls;

  private Autoscaler autoscaler() {
    return Autoscaler.builder().clock(clock).discoverProviders(false).provider(new FakeProvider())
        .configuration(ThemisConfig.parse("settings: {discovery_period: 10m}\ndefaults: {fake: {max_nodes: 7}}\n"
            + "resources: {fake: {listed: {}}}"))
        .discovery(now -> {
          calls++;
          if (failure != null) {
            throw failure;
          }
          return List.copyOf(found);
        })
        .build();
  }

  @Test
  void discoveredResourcesJoinAndLeaveWhileListedOnesStay() {
    // given a discovery that finds one cluster
    found.add(ResourceSpec.of("fake", "found-1", Map.of()));
    Autoscaler autoscaler = autoscaler();
    // when ticking, the discovered resource is managed beside the listed one
    TickReport first = autoscaler.tick();
    assertThat(first.outcomes()).extracting(o -> o.resource().name()).containsExactly("found-1", "listed");
    assertThat(first.notes()).containsExactly("discovered fake:found-1");
    assertThat(autoscaler.settings(ResourceId.of("fake", "found-1")).orElseThrow().maxCapacity())
        .as("the type's defaults apply to discovered resources too").isEqualTo(7);
    // and discovery is consulted at most once per period
    found.clear();
    found.add(ResourceSpec.of("fake", "found-2", Map.of()));
    clock.advance(Duration.ofMinutes(5));
    assertThat(autoscaler.tick().outcomes()).extracting(o -> o.resource().name()).containsExactly("found-1", "listed");
    assertThat(calls).isEqualTo(1);
    // after the period, a vanished resource leaves and a new one joins
    clock.advance(Duration.ofMinutes(5));
    assertThat(autoscaler.tick().outcomes()).extracting(o -> o.resource().name()).containsExactly("found-2", "listed");
  }

  @Test
  void aFailingDiscoveryKeepsThePreviousResourcesAndSaysSo() {
    found.add(ResourceSpec.of("fake", "found-1", Map.of()));
    Autoscaler autoscaler = autoscaler();
    autoscaler.tick();
    failure = new IllegalStateException("ThrottlingException: Rate exceeded");
    clock.advance(Duration.ofMinutes(10));
    TickReport report = autoscaler.tick();
    assertThat(report.outcomes()).extracting(o -> o.resource().name()).containsExactly("found-1", "listed");
    assertThat(report.notes()).containsExactly(
        "discovery failed, keeping the previous resources: IllegalStateException: ThrottlingException: Rate exceeded");
  }

  @Test
  void aDiscoveredResourceWithBadSettingsIsReportedNotManaged() {
    found.add(ResourceSpec.of("fake", "bad", Map.of("max_capacity", "-1")));
    TickReport report = autoscaler().tick();
    assertThat(report.outcomes()).extracting(o -> o.resource().name()).containsExactly("listed");
    assertThat(report.notes()).singleElement().asString()
        .startsWith("discovered fake:bad but cannot manage it: 1 configuration problem")
        .contains("fake.bad.max_capacity: expected an integer >= 0, was '-1'");
  }
}
