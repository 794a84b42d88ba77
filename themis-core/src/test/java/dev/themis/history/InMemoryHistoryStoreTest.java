package dev.themis.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryHistoryStoreTest {
  private static final ResourceId A = ResourceId.of("emr", "j-1");
  private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

  private static ResourceOutcome held(ResourceId id, int minute) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    return new ResourceOutcome.Held(id, at, ResourceState.of(id, at, minute, Map.of()), null, List.of("m" + minute));
  }

  @Test
  void keepsAtMostTheConfiguredNumberAndAgeOfEntries() {
    InMemoryHistoryStore store = new InMemoryHistoryStore(3, Duration.ofMinutes(10));
    for (int m = 0; m < 5; m++) {
      store.record(held(A, m));
    }
    assertThat(store.latest(A, 10)).extracting(o -> o.reasons().get(0)).containsExactly("m4", "m3", "m2");
    store.record(held(A, 30));
    assertThat(store.latest(A, 10)).extracting(o -> o.reasons().get(0)).containsExactly("m30");
  }

  @Test
  void queriesAHalfOpenIntervalPerResourceOldestFirst() {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    ResourceId b = ResourceId.of("kinesis", "s");
    for (int m = 0; m < 5; m++) {
      store.record(held(A, m));
      store.record(held(b, m));
    }
    assertThat(store.query(A, T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(3))))
        .extracting(o -> o.reasons().get(0)).containsExactly("m1", "m2");
    assertThat(store.resources()).containsExactly(A, b);
    assertThat(store.latest(ResourceId.of("emr", "unknown"), 5)).isEmpty();
  }

  @Test
  void rejectsNonsenseLimits() {
    assertThatThrownBy(() -> new InMemoryHistoryStore(0, Duration.ofDays(1)))
        .hasMessage("maxEntriesPerResource: must be >= 1, was 0");
  }
}
