package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The window cut-off every resource makes on every tick, without building the cut-off instant. */
class OlderThanTest {
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
            assertThat(ResourceRuntime.olderThan(t, now, window)).as("%s before %s - %s", t, now, window)
                .isEqualTo(t.isBefore(cutoff));
          }
        });
  }
}
