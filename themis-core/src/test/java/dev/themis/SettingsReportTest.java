package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Autoscaler#settings(ResourceId)} reports the settings as they are applied (issue 15, item 3). */
class SettingsReportTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));

  @Test
  void builderDryRunShowsInEveryResourcesSettings() {
    // given an autoscaler in dry run whose resource's own settings do not say so
    FakeResource r = new FakeResource("a", 2, 2);
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false).dryRun(true)
        .resource(r.id, ScalingSettings.builder().maxCapacity(9).build(), r,
            ctx -> new ScalingDecision(6, "wants 6", "fixed"), r)
        .build();
    // then settings(id) says dry run, keeps the rest, and the tick agrees
    ScalingSettings shown = autoscaler.settings(r.id).orElseThrow();
    assertThat(shown.dryRun()).isTrue();
    assertThat(shown.maxCapacity()).isEqualTo(9);
    assertThat(autoscaler.tick().outcomes()).singleElement().isInstanceOf(ResourceOutcome.DryRun.class);
  }

  @Test
  void withoutDryRunTheResourcesOwnSettingsAreShown() {
    FakeResource r = new FakeResource("a", 2, 2);
    ScalingSettings own = ScalingSettings.builder().maxCapacity(9).build();
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(r.id, own, r, ctx -> new ScalingDecision(2, "hold", "fixed"), r).build();
    assertThat(autoscaler.settings(r.id)).contains(own);
  }
}
