package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.clock.ManualClock;
import dev.themis.config.ConfigurationException;
import dev.themis.config.ThemisConfig;
import dev.themis.history.HistoryStore;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.history.ResourceMemory;
import dev.themis.spi.ResourceLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** tick() with coordination: only leased resources are observed and acted on, within the renew margin. */
class LeasesTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2016-05-31T01:00:00Z"));
  private final InMemoryHistoryStore store = InMemoryHistoryStore.withDefaults();

  /** Leases as a test sets them: resource to (owner, token), expiring {@code lease} after each refresh. */
  private final class Table implements ResourceLeases {
    final Map<ResourceId, String> owners = new HashMap<>();
    final Map<ResourceId, Long> tokens = new HashMap<>();
    Duration lease = Duration.ofMinutes(3);
    RuntimeException fail;
    Instant expiresFrom;

    @Override
    public String hostId() {
      return "me";
    }

    @Override
    public Duration renewMargin() {
      return Duration.ofMinutes(1);
    }

    @Override
    public Map<ResourceId, Lease> refresh(Collection<ResourceId> resources, Instant now) {
      if (fail != null) {
        throw fail;
      }
      expiresFrom = now;
      Map<ResourceId, Lease> out = new HashMap<>();
      owners.forEach((id, owner) -> out.put(id, new Lease(id, owner, tokens.getOrDefault(id, 1L), now.plus(lease))));
      return out;
    }
  }

  private static ScalingSettings noCooldown() {
    return ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ZERO).build();
  }

  private Autoscaler autoscaler(Table leases, FakeResource... rs) {
    Autoscaler.Builder b = Autoscaler.builder().clock(clock).discoverProviders(false).history(store).leases(leases);
    for (FakeResource r : rs) {
      b.resource(r.id, noCooldown(), r, ctx -> new ScalingDecision(ctx.capacity() + 1, "more", "more"), r);
    }
    return b.build();
  }

  @Test
  void anotherHostsResourceIsNeitherObservedNorRecorded() {
    Table leases = new Table();
    FakeResource mine = new FakeResource("mine", 2, 2);
    FakeResource theirs = new FakeResource("theirs", 2, 2);
    theirs.failObserve = new IllegalStateException("must not be observed");
    leases.owners.put(mine.id, "me");
    leases.owners.put(theirs.id, "host-b");

    TickReport t = autoscaler(leases, mine, theirs).tick();

    assertThat(t.applied()).singleElement().satisfies(a -> assertThat(a.resource()).isEqualTo(mine.id));
    ResourceOutcome other = t.outcomes().stream().filter(o -> o.resource().equals(theirs.id)).findFirst().get();
    assertThat(other.reasons()).singleElement().asString().startsWith("leased by host-b until");
    assertThat(store.latest(theirs.id, 1)).isEmpty();
    assertThat(store.memories(List.of(mine.id)).get(mine.id).lastAction().fencingToken()).isEqualTo(1);
  }

  @Test
  void aResourceNobodyHoldsIsHeld() {
    Table leases = new Table();
    FakeResource r = new FakeResource("a", 2, 2);
    TickReport t = autoscaler(leases, r).tick();
    assertThat(t.outcomes().get(0).reasons()).containsExactly("no host holds this resource's lease yet");
    assertThat(r.applied).isEmpty();
  }

  @Test
  void noActionWithinTheRenewMarginByThisHostsOwnClock() {
    Table leases = new Table();
    FakeResource r = new FakeResource("a", 2, 2);
    leases.owners.put(r.id, "me");
    Autoscaler a = autoscaler(leases, r);
    a.tick();
    assertThat(r.applied).containsExactly(3);
    // The store cannot be reached any more: the leases stay as last refreshed (expiring at +3 min).
    leases.fail = new IllegalStateException("database down");
    clock.advance(Duration.ofMinutes(1));
    TickReport stillValid = a.tick();
    assertThat(stillValid.notes()).anySatisfy(n -> assertThat(n).contains("leases not refreshed"));
    assertThat(r.applied).containsExactly(3, 4);
    clock.advance(Duration.ofMinutes(1)); // 1 minute before expiry: inside the margin

    ResourceOutcome o = a.tick().outcomes().get(0);

    assertThat(o).isInstanceOf(ResourceOutcome.Held.class);
    assertThat(o.reasons()).anySatisfy(x -> assertThat(x).contains("within the renew margin"));
    assertThat(r.applied).containsExactly(3, 4);
  }

  @Test
  void aLeaseTakenOverReadsWhatThePreviousHolderDidFromTheStore() {
    Table leases = new Table();
    FakeResource r = new FakeResource("a", 2, 2);
    leases.owners.put(r.id, "me");
    ScalingSettings cooldown = ScalingSettings.builder().cooldown(Duration.ofMinutes(30))
        .scaleDownStabilization(Duration.ZERO).build();
    AtomicInteger decisions = new AtomicInteger();
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false).history(store).leases(leases)
        .resource(r.id, cooldown, r, ctx -> {
          decisions.incrementAndGet();
          return new ScalingDecision(ctx.capacity() + 1, "more", "more");
        }, r).build();
    leases.owners.put(r.id, "host-b");
    a.tick();
    // host-b acted while it held the lease, and recorded it.
    store.remember(new ResourceMemory(r.id, 5, new ResourceMemory.Action(ScalingDirection.UP, 2, 3, clock.instant(),
        clock.instant(), true, 1), List.of(), Map.of()));
    r.capacity = 3;
    clock.advance(Duration.ofMinutes(5));
    leases.owners.put(r.id, "me");
    leases.tokens.put(r.id, 2L);

    ResourceOutcome o = a.tick().outcomes().get(0);

    assertThat(o.reasons()).anySatisfy(x -> assertThat(x).startsWith("cooldown: "));
    assertThat(r.applied).isEmpty();
  }

  @Test
  void coordinationNeedsAStoreThatKeepsMemory() {
    HistoryStore forgetful = new HistoryStore() {
      @Override
      public void record(ResourceOutcome outcome) {}

      @Override
      public List<ResourceOutcome> query(ResourceId id, Instant from, Instant to) {
        return List.of();
      }

      @Override
      public List<ResourceOutcome> latest(ResourceId id, int limit) {
        return List.of();
      }

      @Override
      public java.util.Set<ResourceId> resources() {
        return java.util.Set.of();
      }
    };
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).history(forgetful).leases(new Table())
        .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("keeps resource memory");
  }

  @Test
  void theCoordinationSectionIsValidatedWithEveryProblemNamed() {
    ThemisConfig bad = ThemisConfig.parse("""
        settings:
          coordination: { engine: zookeeper, lease: 10s, renew: 30s, hots_id: a }
        """);
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).configuration(bad).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("settings.coordination.hots_id")
        .hasMessageContaining("did you mean 'host_id'")
        .hasMessageContaining("settings.coordination.host_id");
    ThemisConfig renew = ThemisConfig.parse("""
        settings:
          coordination: { engine: zookeeper, lease: 10s, renew: 30s, host_id: a }
        """);
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).configuration(renew).build())
        .hasMessageContaining("settings.coordination.renew").hasMessageContaining("shorter than the lease (10s)");
    ThemisConfig engine = ThemisConfig.parse("""
        settings:
          coordination: { engine: zookeeper, host_id: a }
        """);
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).configuration(engine).build())
        .hasMessageContaining("settings.coordination.engine").hasMessageContaining("a known coordination engine")
        .hasMessageContaining("themis-jdbc");
    ThemisConfig notAMap = ThemisConfig.parse("""
        settings:
          coordination: jdbc
        """);
    assertThatThrownBy(() -> Autoscaler.builder().discoverProviders(false).configuration(notAMap).build())
        .hasMessageContaining("settings.coordination").hasMessageContaining("a map such as");
  }
}
