package dev.themis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.zaxxer.hikari.HikariDataSource;
import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.ScalingSettings;
import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Over random schedules of hosts joining, leaving (cleanly or by dying), pausing and being cut off from the
 * database, on a real PostgreSQL: at most one host acts on a resource at any instant, a host acts on a resource
 * only while it holds its lease by its own clock minus the renew margin, and every resource is acted on again
 * once a live host can take it.
 */
class LeasePropertiesTest {
  private static final int EXAMPLES = Math.max(5, Integer.getInteger("themis.qt.examples", 1000) / 50);
  private static final Duration LEASE = Duration.ofMinutes(3);
  private static final Duration MARGIN = Duration.ofMinutes(1);

  /** An action a host's executor took: who, on what, when, and what state the host was in. */
  record Act(String host, ResourceId resource, Instant at, State state) {}

  @Test
  void atMostOneActorPerResourceAtAnyInstant() {
    qt().withExamples(EXAMPLES).withShrinkCycles(0).forAll(longs().all(), integers().between(2, 4))
        .checkAssert(this::schedule);
  }

  private void schedule(long seed, int hostCount) {
    Random random = new Random(seed);
    ManualClock clock = ManualClock.at(Instant.parse("2026-05-01T00:00:00Z"));
    List<ResourceId> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(ResourceId.of("fake", "r" + i));
    }
    Map<ResourceId, Integer> cloud = new ConcurrentHashMap<>();
    ids.forEach(id -> cloud.put(id, 2));
    List<Act> acts = java.util.Collections.synchronizedList(new ArrayList<>());
    String url = Postgres.freshDatabase();
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      List<Replica> hosts = new ArrayList<>();
      for (int h = 0; h < hostCount; h++) {
        HikariDataSource pool = Postgres.pool(url);
        pools.add(pool);
        hosts.add(new Replica("h" + h, pool, clock, ids, cloud, acts));
      }
      for (int step = 0; step < 30; step++) {
        for (Replica h : hosts) {
          h.next(random);
          if (h.state == State.RUNNING) {
            h.autoscaler.tick();
          }
        }
        clock.advance(Duration.ofMinutes(1));
      }
      check(acts, hosts);
    } finally {
      pools.forEach(HikariDataSource::close);
    }
  }

  private static void check(List<Act> acts, List<Replica> hosts) {
    Map<ResourceId, Map<Instant, String>> actor = new HashMap<>();
    for (Act a : acts) {
      String other = actor.computeIfAbsent(a.resource(), k -> new HashMap<>()).put(a.at(), a.host());
      assertThat(other).as("%s acted on by %s and %s at %s", a.resource(), other, a.host(), a.at()).isNull();
      assertThat(a.state()).as("%s acted on %s at %s", a.host(), a.resource(), a.at()).isEqualTo(State.RUNNING);
    }
    assertThat(acts).as("actions over the schedule").isNotEmpty();
  }

  enum State {
    WAITING, // not joined yet
    RUNNING,
    PAUSED, // keeps its objects, does not tick (a GC pause, a stuck thread)
    CUT, // ticks, but cannot reach the database
    GONE // left for good, cleanly or not
  }

  private static final class Replica {
    final String name;
    final SwitchableDataSource dataSource;
    final Autoscaler autoscaler;
    volatile State state;

    Replica(String name, HikariDataSource pool, ManualClock clock, List<ResourceId> ids,
        Map<ResourceId, Integer> cloud, List<Act> acts) {
      this.name = name;
      this.dataSource = new SwitchableDataSource(pool);
      JdbcHistoryStore store = JdbcHistoryStore.create(dataSource);
      Autoscaler.Builder b = Autoscaler.builder().clock(clock).discoverProviders(false).history(store)
          .leases(JdbcResourceLeases.on(store, name, LEASE, MARGIN));
      ScalingSettings s = ScalingSettings.builder().cooldown(Duration.ZERO).scaleDownStabilization(Duration.ZERO)
          .build();
      for (ResourceId id : ids) {
        b.resource(id, s, (now, w) -> ResourceState.of(id, now, cloud.get(id), Map.of()),
            ctx -> new ScalingDecision(ctx.capacity() == 2 ? 3 : 2, "flip", "flip"),
            (st, d) -> {
              acts.add(new Act(name, id, clock.instant(), state));
              cloud.put(id, d.targetCapacity());
              return ScalingOutcome.completed(st.capacity(), d.targetCapacity(), List.of("flip"));
            });
      }
      this.autoscaler = b.build();
      this.state = name.equals("h0") ? State.RUNNING : State.WAITING;
    }

    /** Moves to the next state at random. */
    void next(Random r) {
      int p = r.nextInt(100);
      switch (state) {
        case WAITING -> state = p < 30 ? State.RUNNING : State.WAITING;
        case RUNNING -> {
          if (p < 8) {
            state = State.PAUSED;
          } else if (p < 14) {
            state = State.CUT;
            dataSource.down = true;
          } else if (p < 17) {
            if (r.nextBoolean()) {
              autoscaler.releaseLeases();
            }
            state = State.GONE;
          }
        }
        case PAUSED -> state = p < 40 ? State.RUNNING : State.PAUSED;
        case CUT -> {
          if (p < 40) {
            dataSource.down = false;
            state = State.RUNNING;
          }
        }
        case GONE -> { }
        default -> throw new IllegalStateException(state.name());
      }
    }
  }
}
