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
    assertThatThrownBy(() -> new InMemoryHistoryStore(10, 0, Duration.ofDays(1)))
        .hasMessage("maxEntries: must be >= 1, was 0");
  }

  @Test
  void sharesTheTotalAmongTheResourcesAsTheyRecord() {
    InMemoryHistoryStore store = new InMemoryHistoryStore(6, 12, Duration.ofDays(1));
    ResourceId b = ResourceId.of("kinesis", "b");
    for (int m = 0; m < 10; m++) {
      store.record(held(A, m));
    }
    assertThat(store.latest(A, 100)).hasSize(6); // alone, the per-resource bound holds
    for (int m = 0; m < 10; m++) {
      store.record(held(b, m));
    }
    assertThat(store.latest(b, 100)).hasSize(6); // 12 in all over two resources: 6 each
    List<ResourceId> more = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      more.add(ResourceId.of("kinesis", "s" + i));
    }
    for (int m = 10; m < 13; m++) {
      store.record(held(A, m));
      store.record(held(b, m));
      for (ResourceId id : more) {
        store.record(held(id, m));
      }
    }
    // six resources share 12: each keeps its newest 2, the oldest dropped as it records
    for (ResourceId id : store.resources()) {
      assertThat(store.latest(id, 100)).as("%s", id).extracting(o -> o.reasons().get(0))
          .containsExactly("m12", "m11");
    }
    InMemoryHistoryStore crowded = new InMemoryHistoryStore(6, 3, Duration.ofDays(1));
    for (int i = 0; i < 5; i++) {
      crowded.record(held(ResourceId.of("kinesis", "c" + i), 0));
      crowded.record(held(ResourceId.of("kinesis", "c" + i), 1));
    }
    // more resources than the total: each still keeps its latest outcome
    assertThat(crowded.latest(ResourceId.of("kinesis", "c4"), 10)).extracting(o -> o.reasons().get(0))
        .containsExactly("m1");
  }
}
