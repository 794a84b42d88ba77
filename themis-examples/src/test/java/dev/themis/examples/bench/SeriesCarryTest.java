package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesCarryTest {
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  private static ResourceOutcome held(ResourceId id, int minute) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    ResourceState s = new ResourceState(id, at, 3, false, Map.of("u", 0.5), Set.of(), Map.of(), null);
    return new ResourceOutcome.Held(id, at, s, new ScalingDecision(3, "hold", "p"), List.of("hold"));
  }

  @Test
  void keepsTheLastRetentionAndAnswersForAnyResource() {
    SeriesCarry carry = new SeriesCarry(Duration.ofMinutes(10));
    ResourceId first = ResourceId.of("emr", "j-1");
    for (int m = 0; m < 30; m++) {
      carry.record(held(first, m));
    }
    // a later segment's cluster has another id; the store answers with the one replay's outcomes
    List<ResourceOutcome> got = carry.query(ResourceId.of("emr", "j-2"), T0, T0.plus(Duration.ofMinutes(30)));
    assertThat(got).extracting(o -> o.at()).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(19, 29).mapToObj(m -> T0.plus(Duration.ofMinutes(m))).toList());
    assertThat(got).allSatisfy(o -> assertThat(o.state().metrics()).containsEntry("u", 0.5));
    assertThat(carry.latest(first, 2)).hasSize(2).last().extracting(ResourceOutcome::at)
        .isEqualTo(T0.plus(Duration.ofMinutes(29)));
    assertThat(carry.resources()).containsExactly(first);
    assertThat(carry.keepsMemory()).isFalse();
  }
}
