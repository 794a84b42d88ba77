package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import dev.themis.history.ForwardingHistoryStore;
import dev.themis.history.HistoryStore;
import dev.themis.history.HistoryUnavailableException;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.history.ResourceMemory;
import dev.themis.spi.ScalingPolicy;
import dev.themis.spi.StatefulComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a resource remembers survives a new autoscaler on the same store; no action is taken it cannot record. */
class ResourceMemoryTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));

  private static ScalingPolicy wants(int target) {
    return ctx -> new ScalingDecision(target, "wants " + target, "fixed");
  }

  private Autoscaler autoscaler(FakeResource r, ScalingSettings s, ScalingPolicy p, HistoryStore store) {
    return Autoscaler.builder().clock(clock).discoverProviders(false).history(store).resource(r.id, s, r, p, r)
        .build();
  }

  private static ScalingSettings cooldown60() {
    return ScalingSettings.builder().cooldown(Duration.ofMinutes(60)).scaleDownStabilization(Duration.ZERO).build();
  }

  @Test
  void aNewAutoscalerOnTheSameStoreKeepsTheCooldownOfTheOldOnesAction() {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    FakeResource r = new FakeResource("a", 4, 4);
    assertThat(autoscaler(r, cooldown60(), wants(2), store).tick().applied()).hasSize(1);
    clock.advance(Duration.ofMinutes(5));

    TickReport afterRestart = autoscaler(r, cooldown60(), wants(1), store).tick();

    assertThat(afterRestart.outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(afterRestart.outcomes().get(0).reasons()).anySatisfy(s -> assertThat(s).startsWith("cooldown: "));
    assertThat(r.applied).containsExactly(2);
  }

  @Test
  void aNewAutoscalerKeepsTheStabilisationWindow() {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    ScalingSettings s = ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ofMinutes(10))
        .build();
    FakeResource r = new FakeResource("a", 8, 8);
    autoscaler(r, s, wants(8), store).tick();
    clock.advance(Duration.ofMinutes(3));

    TickReport afterRestart = autoscaler(r, s, wants(3), store).tick();

    assertThat(afterRestart.outcomes().get(0).reasons()).anySatisfy(x -> assertThat(x).startsWith("scale-down stabilisation: "));
    assertThat(r.applied).isEmpty();
  }

  @Test
  void aSteadyTargetSavesNoMemoryYetARestartHoldsUntilItsLastTickPlusTheWindow() {
    List<ResourceMemory> saved = new ArrayList<>();
    HistoryStore store = new ForwardingHistoryStore(InMemoryHistoryStore.withDefaults()) {
      @Override
      public void remember(ResourceMemory memory) {
        saved.add(memory);
        super.remember(memory);
      }
    };
    ScalingSettings s = ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ofMinutes(10))
        .build();
    FakeResource r = new FakeResource("a", 8, 8);
    Autoscaler first = autoscaler(r, s, wants(8), store);
    for (int minute = 0; minute <= 5; minute++) {
      first.tick(); // 01:00 to 01:05, each recommending 8
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(saved).hasSize(1); // saved at 01:00; the steady ticks after it change nothing worth a write

    clock.advance(Duration.ofMinutes(3)); // the host is down from 01:05 to 01:09
    Autoscaler second = autoscaler(r, s, wants(3), store);
    assertThat(second.tick().outcomes().get(0).explanation()).contains("scale-down stabilisation").contains("01:05");
    clock.set(Instant.parse("2016-05-31T01:15:00Z"));
    assertThat(second.tick().applied()).isEmpty(); // 8 at 01:05 is still within the 10 minutes
    clock.set(Instant.parse("2016-05-31T01:15:01Z"));
    assertThat(second.tick().applied()).hasSize(1); // as a host that never stopped would: 10 minutes after 01:05
    assertThat(r.applied).containsExactly(3);
  }

  @Test
  void anInFlightActionStaysInFlightAcrossARestart() {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    ScalingSettings s = ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ZERO)
        .build();
    FakeResource r = new FakeResource("a", 4, 4);
    r.completeSynchronously = false;
    autoscaler(r, s, wants(6), store).tick();
    r.inFlight = false; // the cloud finished, but the new autoscaler has not observed it yet
    clock.advance(Duration.ofMinutes(1));

    Autoscaler second = autoscaler(r, s, wants(9), store);
    TickReport t = second.tick();

    // The first observation completes the action; the cooldown (zero) then allows the next one.
    assertThat(t.applied()).hasSize(1);
    assertThat(r.applied).containsExactly(6, 9);
  }

  @Test
  void noActionWhenTheIntentCannotBeRecordedFirst() {
    FailingStore store = new FailingStore();
    FakeResource r = new FakeResource("a", 4, 4);
    Autoscaler a = autoscaler(r, cooldown60(), wants(7), store);
    store.failWrites = true;

    TickReport t = a.tick();

    assertThat(t.outcomes().get(0)).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(t.outcomes().get(0).reasons()).anySatisfy(x -> assertThat(x).contains("could not be recorded first"));
    assertThat(r.applied).isEmpty();

    store.failWrites = false;
    assertThat(a.tick().applied()).hasSize(1);
    assertThat(r.applied).containsExactly(7);
  }

  @Test
  void theIntentIsRecordedBeforeTheExecutorIsCalled() {
    FailingStore store = new FailingStore();
    FakeResource r = new FakeResource("a", 4, 4);
    List<ResourceMemory> seenByExecutor = new ArrayList<>();
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
        .resource(r.id, cooldown60(), r, wants(7), (state, d) -> {
          seenByExecutor.add(store.memories(List.of(r.id)).get(r.id));
          return r.apply(state, d);
        }).build();

    a.tick();

    ResourceMemory atCall = seenByExecutor.get(0);
    assertThat(atCall.lastAction().confirmed()).isFalse();
    assertThat(atCall.lastAction().toCapacity()).isEqualTo(7);
    ResourceMemory after = store.memories(List.of(r.id)).get(r.id);
    assertThat(after.lastAction().confirmed()).isTrue();
    assertThat(after.version()).isGreaterThan(atCall.version());
  }

  @Test
  void anApplyThatFailsCountsAsAppliedAndIsReconciledByTheNextObservation() {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    ScalingSettings s = ScalingSettings.builder().scaleUpCooldown(Duration.ofMinutes(10))
        .scaleDownStabilization(Duration.ZERO).build();
    FakeResource r = new FakeResource("a", 4, 4);
    r.failApply = new RuntimeException("read timed out");
    r.inFlight = false;
    Autoscaler a = autoscaler(r, s, wants(7), store);

    ResourceOutcome first = a.tick().outcomes().get(0);
    assertThat(first).isInstanceOf(ResourceOutcome.Failed.class);
    assertThat(first.reasons()).anySatisfy(x -> assertThat(x).contains("result unknown"));

    r.failApply = null;
    clock.advance(Duration.ofMinutes(1));
    ResourceOutcome second = a.tick().outcomes().get(0);
    assertThat(second.reasons()).anySatisfy(x -> assertThat(x).contains("reconciled the scale-up 4 -> 7"));
    assertThat(second.reasons()).anySatisfy(x -> assertThat(x).startsWith("cooldown: "));
    assertThat(r.applied).isEmpty();

    clock.advance(Duration.ofMinutes(10));
    assertThat(a.tick().applied()).hasSize(1);
  }

  @Test
  void afterACrashBetweenTheCallAndItsRecordStatefulComponentsGetTheUnresolvedIntent() {
    FailingStore store = new FailingStore();
    CountingExecutor first = new CountingExecutor(new FakeResource("a", 4, 4));
    first.onCall = () -> store.failWrites = true; // the process dies once the call is made: nothing more is written
    Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
        .resource(first.resource.id, cooldown60(), first.resource, wants(7), first).build().tick();
    assertThat(first.calls).isEqualTo(1);
    store.failWrites = false;

    CountingExecutor second = new CountingExecutor(first.resource);
    Autoscaler restarted = Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
        .resource(first.resource.id, cooldown60(), first.resource, wants(9), second).build();

    assertThat(second.restoredCalls).isEqualTo(0); // the snapshot saved with the intent, before the call
    assertThat(second.unresolved).hasValueSatisfying(a -> assertThat(a.toCapacity()).isEqualTo(7));
    // The cloud shows the change made; the first tick reconciles it and the cooldown holds the next action.
    clock.advance(Duration.ofMinutes(1));
    ResourceOutcome o = restarted.tick().outcomes().get(0);
    assertThat(o.reasons()).anySatisfy(x -> assertThat(x).contains("reconciled the scale-up 4 -> 7"));
    assertThat(o.reasons()).anySatisfy(x -> assertThat(x).startsWith("cooldown: "));
    assertThat(second.calls).isZero();
  }

  @Test
  void aFailedCallIsSavedWithTheExecutorsOwnAccountOfIt() {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    CountingExecutor first = new CountingExecutor(new FakeResource("a", 4, 4));
    first.onCall = () -> {
      throw new IllegalStateException("read timed out");
    };
    Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
        .resource(first.resource.id, cooldown60(), first.resource, wants(7), first).build().tick();

    CountingExecutor second = new CountingExecutor(first.resource);
    Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
        .resource(first.resource.id, cooldown60(), first.resource, wants(7), second).build();

    assertThat(second.restoredCalls).isEqualTo(1);
    assertThat(second.unresolved).isPresent();
  }

  @Test
  void aStoreThatCannotBeReadAtBuildHoldsActionsUntilItCan() {
    FailingStore store = new FailingStore();
    store.failReads = true;
    FakeResource r = new FakeResource("a", 4, 4);
    Autoscaler a = autoscaler(r, cooldown60(), wants(7), store);

    ResourceOutcome held = a.tick().outcomes().get(0);
    assertThat(held).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(held.state()).isNotNull(); // still observing and reporting
    assertThat(held.reasons()).anySatisfy(x -> assertThat(x).contains("could not be read"));

    store.failReads = false;
    assertThat(a.tick().applied()).hasSize(1);
  }

  @Test
  void busyOutcomesAreRecordedToo() throws Exception {
    InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();
    FakeResource r = new FakeResource("a", 4, 4);
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
        .resource(r.id, cooldown60(), (now, w) -> {
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return r.observe(now, w);
        }, wants(4), r).build();
    Thread t = new Thread(a::tick);
    t.start();
    inside.await();
    TickReport busy = a.tick();
    release.countDown();
    t.join();
    assertThat(busy.outcomes().get(0).reasons()).containsExactly("another tick is acting on this resource");
    assertThat(store.latest(r.id, 10)).extracting(ResourceOutcome::reasons)
        .contains(List.of("another tick is acting on this resource"));
  }

  @Test
  void aStackOverflowInAPolicyIsThatResourcesFailure() {
    FakeResource r = new FakeResource("a", 4, 4);
    FakeResource other = new FakeResource("b", 4, 4);
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(r.id, cooldown60(), r, ctx -> {
          throw new StackOverflowError();
        }, r)
        .resource(other.id, cooldown60(), other, wants(5), other)
        .listener(new AutoscalerListener() {
          @Override
          public void onTick(TickReport report) {
            throw new AssertionError("listener bug");
          }
        })
        .build();

    TickReport t = a.tick();

    assertThat(t.failures()).singleElement().satisfies(f -> assertThat(f.stage()).isEqualTo(
        ResourceOutcome.Stage.DECIDE));
    assertThat(t.applied()).singleElement().satisfies(x -> assertThat(x.resource()).isEqualTo(other.id));
  }

  @Test
  void aTargetBeyondTheSanityLimitFailsAndNeverReachesTheExecutor() {
    FakeResource r = new FakeResource("a", 4, 4);
    TickReport t = autoscaler(r, cooldown60(), wants(Integer.MAX_VALUE), InMemoryHistoryStore.withDefaults()).tick();
    assertThat(t.failures()).singleElement().satisfies(f -> assertThat(f.reasons().get(0)).contains("sanity limit"));
    assertThat(r.applied).isEmpty();
  }

  @Test
  void anExecutorReportingAnImpossibleCapacityFailsAndCountsAsInFlight() {
    FakeResource r = new FakeResource("a", 4, 4);
    ScalingSettings s = ScalingSettings.builder().maxCapacity(20).cooldown(Duration.ZERO)
        .scaleDownStabilization(Duration.ZERO).build();
    r.inFlight = true; // the cloud says it is changing
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(r.id, s, (now, w) -> r.observe(now, w).withInFlight(false), wants(7),
            (state, d) -> ScalingOutcome.started(4, 500, List.of("resize"))).build();

    TickReport t = a.tick();

    assertThat(t.failures()).singleElement().satisfies(f -> assertThat(f.reasons().get(0))
        .contains("reported capacity 500"));
    assertThat(t.applied()).isEmpty();
  }

  /** An executor that remembers how many calls it made, as a Kinesis budget does. */
  private static final class CountingExecutor implements dev.themis.spi.ScalingExecutor, StatefulComponent {
    final FakeResource resource;
    int calls;
    int restoredCalls = -1;
    Optional<ResourceMemory.Action> unresolved = Optional.empty();
    Runnable onCall = () -> {};

    CountingExecutor(FakeResource resource) {
      this.resource = resource;
    }

    @Override
    public ScalingOutcome apply(ResourceState state, ScalingDecision decision) {
      calls++;
      resource.apply(state, decision);
      onCall.run();
      return ScalingOutcome.completed(state.capacity(), decision.targetCapacity(), List.of("resize"));
    }

    @Override
    public Map<String, String> snapshot() {
      return Map.of("calls", Integer.toString(calls));
    }

    @Override
    public void restore(Map<String, String> snapshot, Optional<ResourceMemory.Action> unresolved) {
      restoredCalls = Integer.parseInt(snapshot.getOrDefault("calls", "-2"));
      this.unresolved = unresolved;
    }
  }

  /** An in-memory store whose reads or writes of memory can be made to fail, as a database that is down. */
  private static final class FailingStore extends ForwardingHistoryStore {
    volatile boolean failWrites;
    volatile boolean failReads;

    FailingStore() {
      super(InMemoryHistoryStore.withDefaults());
    }

    @Override
    public void remember(ResourceMemory memory) {
      if (!failWrites) {
        super.remember(memory);
      }
    }

    @Override
    public void rememberNow(ResourceMemory memory) {
      if (failWrites) {
        throw new HistoryUnavailableException("database down", null);
      }
      super.rememberNow(memory);
    }

    @Override
    public Map<ResourceId, ResourceMemory> memories(Collection<ResourceId> ids) {
      if (failReads) {
        throw new HistoryUnavailableException("database down", null);
      }
      return super.memories(ids);
    }
  }
}
