package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.history.ResourceMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stabilisation window keeps only recommendations that can still be the highest within a later window, and
 * answers exactly as keeping every one did (clock steps back included); a steady target keeps one entry, so a steady tick saves a small memory.
 */
class StabilisationKeepsOnlyWhatCanBeHighestTest {
  private static final Duration WINDOW = Duration.ofMinutes(5);

  private static ResourceRuntime runtime() {
    ScalingSettings s = ScalingSettings.builder().scaleDownStabilization(WINDOW).build();
    ResourceId id = ResourceId.of("emr", "j-1");
    ResourceRuntime r = new ResourceRuntime(id, s, (now, w) -> ResourceState.of(id, now, 1, Map.of()),
        ctx -> ScalingDecision.hold(1, "hold", "p"), (state, d) -> ScalingOutcome.completed(1, 1, List.of()), false);
    r.startFresh();
    return r;
  }

  @Test
  void answersAsTheWholeWindowWouldOnRandomSequences() {
    Random random = new Random(13);
    for (int run = 0; run < 200; run++) {
      ResourceRuntime r = runtime();
      List<ResourceMemory.Recommendation> all = new ArrayList<>();
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      for (int tick = 0; tick < 200; tick++) {
        // mostly forward, sometimes a clock read twice or stepping back (the guard must not lose entries then)
        int step = random.nextInt(10);
        now = now.plusSeconds(step == 0 ? 0 : step == 1 ? -30 : 20L * random.nextInt(12));
        int target = random.nextInt(4) == 0 ? random.nextInt(20) : 10;
        // The window as it was kept before: every recommendation, the oldest dropped from the front once expired.
        Instant cutoff = now.minus(WINDOW);
        while (!all.isEmpty() && all.get(0).at().isBefore(cutoff)) {
          all.remove(0);
        }
        all.add(new ResourceMemory.Recommendation(now, target));
        int expected = target;
        for (ResourceMemory.Recommendation x : all) {
          expected = Math.max(expected, x.target());
        }
        assertThat(r.recommend(target, now)).as("run %d tick %d", run, tick).isEqualTo(expected);
      }
    }
  }

  @Test
  void aSteadyTargetKeepsOneRecommendationInTheMemory() {
    ResourceRuntime r = runtime();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    for (int tick = 0; tick < 10; tick++) {
      r.recommend(10, now.plusSeconds(60L * tick));
    }
    assertThat(r.changedMemory().recommendations())
        .containsExactly(new ResourceMemory.Recommendation(now.plusSeconds(540), 10));
  }
}
