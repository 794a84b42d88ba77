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
 * answers exactly as keeping every one did (clock steps back included); a steady target keeps one entry and saves no
 * new memory, and an autoscaler restored from the last saved memory never holds a scale-down for less than the one
 * that saved it would have.
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

  @Test
  void aSteadyTargetSavesNoNewMemoryUntilTheWindowChanges() {
    ResourceRuntime r = runtime();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    r.recommend(10, now);
    assertThat(r.changedMemory()).isNotNull();
    for (int tick = 1; tick < 10; tick++) {
      r.recommend(10, now.plusSeconds(60L * tick));
      assertThat(r.changedMemory()).as("tick %d", tick).isNull();
    }
    r.recommend(7, now.plusSeconds(600)); // below the steady 10: a second entry
    assertThat(r.changedMemory().recommendations()).extracting(ResourceMemory.Recommendation::target)
        .containsExactly(10, 7);
  }

  @Test
  void aRestoredAutoscalerHoldsAsTheOneThatSavedAndNeverLess() {
    Random random = new Random(29);
    for (int run = 0; run < 300; run++) {
      ResourceRuntime live = runtime();
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      Instant lastTick = null;
      ResourceMemory stored = null;
      int restartAt = 1 + random.nextInt(60);
      ResourceRuntime exact = null; // restored with the time of the last tick, as a store recording every tick gives
      ResourceRuntime unsure = null; // restored without it: no outcome since the save
      for (int tick = 0; tick < 120; tick++) {
        now = now.plusSeconds(20L * (1 + random.nextInt(6)));
        int target = random.nextInt(3) == 0 ? random.nextInt(20) : 10;
        if (tick == restartAt) {
          exact = runtime();
          exact.restore(stored, List.of(), lastTick, now);
          unsure = runtime();
          unsure.restore(stored, List.of(), null, now);
        }
        int expected = live.recommend(target, now);
        ResourceMemory m = live.changedMemory();
        stored = m == null ? stored : m;
        lastTick = now;
        if (exact != null) {
          // from the restart on, the restored runtimes see the same targets as the live one
          assertThat(exact.recommend(target, now)).as("run %d tick %d", run, tick).isEqualTo(expected);
          assertThat(unsure.recommend(target, now)).as("run %d tick %d", run, tick).isGreaterThanOrEqualTo(expected);
        }
      }
    }
  }

  @Test
  void theNewestRecommendationCountsAsMadeAtTheRestore() {
    ResourceRuntime before = runtime();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    ResourceMemory saved = null;
    for (int tick = 0; tick < 30; tick++) {
      before.recommend(10, t0.plusSeconds(60L * tick)); // steady for half an hour: saved once, at t0
      ResourceMemory m = before.changedMemory();
      saved = m == null ? saved : m;
    }
    assertThat(saved.recommendations()).containsExactly(new ResourceMemory.Recommendation(t0, 10));
    ResourceRuntime after = runtime();
    Instant restart = t0.plusSeconds(3600);
    // no outcome recorded since the save: five minutes of stabilisation from the restart, not from t0
    after.restore(saved, List.of(), null, restart);
    assertThat(after.recommend(4, restart.plusSeconds(240))).isEqualTo(10);
    assertThat(after.recommend(4, restart.plusSeconds(301))).isEqualTo(4);
    // the last tick recorded at t0 + 29 minutes: five minutes from then, as if it had never stopped
    ResourceRuntime exact = runtime();
    exact.restore(saved, List.of(), t0.plusSeconds(29 * 60), t0.plusSeconds(30 * 60));
    assertThat(exact.recommend(4, t0.plusSeconds(34 * 60))).isEqualTo(10);
    assertThat(exact.recommend(4, t0.plusSeconds(34 * 60 + 1))).isEqualTo(4);
  }
}
