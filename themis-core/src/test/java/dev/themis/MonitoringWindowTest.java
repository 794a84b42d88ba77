package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import dev.themis.clock.Instants;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The monitoring window every resource keeps: its cut-off made without building an instant, and the views policies
 * get of it without a copy per tick.
 */
class MonitoringWindowTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000) * 10;

  @Test
  void answersAsIsBeforeNowMinusTheWindow() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().between(1_500_000_000L, 1_600_000_000L), integers().between(0, 999_999_999),
            longs().between(0, 400L * 86_400), integers().between(0, 999_999_999))
        .checkAssert((seconds, nanos, windowSeconds, windowNanos) -> {
          Instant now = Instant.ofEpochSecond(seconds, nanos);
          Duration window = Duration.ofSeconds(windowSeconds, windowNanos);
          Instant cutoff = now.minus(window);
          // the cut-off itself, a nanosecond either side, a second either side, and some instant in between
          for (Instant t : new Instant[] {cutoff, cutoff.minusNanos(1), cutoff.plusNanos(1), cutoff.minusSeconds(1),
              cutoff.plusSeconds(1), now, Instant.ofEpochSecond(seconds - windowSeconds / 2, windowNanos)}) {
            assertThat(Instants.olderThan(t, now, window)).as("%s before %s - %s", t, now, window)
                .isEqualTo(t.isBefore(cutoff));
          }
        });
  }

  @Test
  void aViewKeepsWhatItSawWhileTheWindowMovesOn() {
    ResourceId id = ResourceId.of("emr", "j-1");
    qt().withExamples(Integer.getInteger("themis.qt.examples", 1000)).forAll(longs().all())
        .checkAssert(seed -> {
          Random random = new Random(seed);
          ResourceRuntime.StateLog log = new ResourceRuntime.StateLog();
          ArrayDeque<ResourceState> expected = new ArrayDeque<>();
          List<List<ResourceState>> views = new ArrayList<>();
          List<List<ResourceState>> seen = new ArrayList<>();
          for (int step = 0; step < 200; step++) {
            int op = random.nextInt(20);
            if (op < 12) {
              ResourceState s = new ResourceState(id, Instant.ofEpochSecond(step), step, false, Map.of(), Set.of(),
                  Map.of(), null);
              log.add(s);
              expected.addLast(s);
            } else if (op < 19 && !expected.isEmpty()) {
              assertThat(log.first()).isSameAs(expected.peekFirst());
              log.removeFirst();
              expected.removeFirst();
            } else if (op == 19) {
              log.clear();
              expected.clear();
            }
            assertThat(log.isEmpty()).isEqualTo(expected.isEmpty());
            views.add(log.view());
            seen.add(List.copyOf(expected));
          }
          for (int i = 0; i < views.size(); i++) {
            assertThat(views.get(i)).as("view %s of seed %s", i, seed).containsExactlyElementsOf(seen.get(i));
          }
        });
  }
}
