package dev.themis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.spi.ResourceLeases;
import dev.themis.testkit.Trace;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Several replicas embedding Themis with the same configuration, on one real PostgreSQL and one simulated Kinesis:
 * each resource has one actor at a time, the work is spread, a dead or partitioned host's resources are taken over
 * after its leases expire, and budgets and cooldowns hold across hand-overs.
 */
class ReplicasTest {
  private static final Duration TICK = Duration.ofMinutes(10);
  private static final Duration LEASE = Duration.ofMinutes(25);
  private static final Duration MARGIN = Duration.ofMinutes(5);
  private static final int BUDGET = 4;
  private final ManualClock clock = ManualClock.at(Scenarios.START);
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();

  /** A mutating Kinesis call: which host made it, on which stream, when. */
  record Call(String host, String stream, String operation, Instant at) {}

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private SimulatedKinesis cloud(int streams) {
    // An account large enough for every stream at max_capacity: with AWS's default of 500 shards, 300 streams of 2
    // shards are over the limit from the start and every reshard is refused.
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(2))
        .shardLimit(16 * streams).build();
    for (int s = 0; s < streams; s++) {
      double[] perMinute = new double[26 * 60];
      for (int m = 0; m < perMinute.length; m++) {
        // Each stream its own phase of a 6-hour wave between 1 and 5 shards' worth.
        double wave = 0.5 + 0.5 * Math.sin(2 * Math.PI * (m + 37 * s) / 360.0);
        perMinute[m] = 42_000 * (1 + 4 * wave);
      }
      String name = "s" + s;
      kinesis.createStream(name, 2, clock.instant().minus(Duration.ofHours(1)));
      kinesis.incomingRecords(name, Trace.perMinute(name, perMinute).anchoredAt(clock.instant()));
      kinesis.bytesPerRecord(name, 200);
    }
    return kinesis;
  }

  /** One replica: its own pool, store, leases and autoscaler; its Kinesis calls are logged under its name. */
  private final class Host {
    final String name;
    final SwitchableDataSource dataSource;
    final JdbcHistoryStore store;
    final JdbcResourceLeases leases;
    final Autoscaler autoscaler;

    Host(String name, String url, SimulatedKinesis kinesis, int streams) {
      this.name = name;
      HikariDataSource pool = Postgres.pool(url);
      open.add(pool);
      this.dataSource = new SwitchableDataSource(pool);
      this.store = JdbcHistoryStore.create(dataSource);
      this.leases = JdbcResourceLeases.on(store, name, LEASE, MARGIN);
      Autoscaler.Builder b = Autoscaler.builder().clock(clock).history(store).leases(leases)
          .component(KinesisClient.class, logging(kinesis, name)).component(CloudWatchClient.class,
              kinesis.cloudWatch());
      for (int s = 0; s < streams; s++) {
        b.resource(ResourceSpec.of("kinesis", "s" + s, Map.of("target_utilisation", "0.7", "min_capacity", "1",
            "max_capacity", "16", "scale_down_cooldown", "60m", "scale_up_cooldown", "20m",
            "scaling_budget_per_day", Integer.toString(BUDGET), "scale_up_reserve", "1")));
      }
      this.autoscaler = b.build();
    }
  }

  private KinesisClient logging(SimulatedKinesis kinesis, String host) {
    return (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
        new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
          String op = method.getName();
          if (args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
            // updateShardCount(Consumer) and the like build the request and call this proxy again with it
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          if (Set.of("updateShardCount", "splitShard", "mergeShards").contains(op)) {
            String stream = args[0] instanceof software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest u
                ? u.streamName()
                : args[0] instanceof software.amazon.awssdk.services.kinesis.model.SplitShardRequest sp
                    ? sp.streamName()
                    : ((software.amazon.awssdk.services.kinesis.model.MergeShardsRequest) args[0]).streamName();
            // Only calls Kinesis accepted count (AWS's limit and the budget are about those): a refused one
            // (LimitExceededException: a back-off, not a spent budget) made no change.
            Object answer;
            try {
              answer = method.invoke(kinesis, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            synchronized (calls) {
              calls.add(new Call(host, stream, op, clock.instant()));
            }
            return answer;
          }
          try {
            return method.invoke(kinesis, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void threeHostsShareThreeHundredStreamsForADayWithOneActorPerStream() {
    int streams = 300;
    SimulatedKinesis kinesis = cloud(streams);
    String url = Postgres.freshDatabase();
    List<Host> hosts = new ArrayList<>(List.of(new Host("host-a", url, kinesis, streams),
        new Host("host-b", url, kinesis, streams), new Host("host-c", url, kinesis, streams)));
    Host dead = hosts.get(2);
    Instant killedAt = Scenarios.START.plus(Duration.ofHours(8));
    Instant takenOver = null;
    int maxHeld = 0;
    int rounds = (int) (Duration.ofHours(24).toMinutes() / TICK.toMinutes());
    for (int round = 0; round < rounds; round++) {
      if (clock.instant().equals(killedAt)) {
        hosts.remove(dead); // stops ticking; its pool is closed
        dead.dataSource.down = true;
      }
      Map<ResourceId, Set<String>> observedBy = new HashMap<>();
      for (Host h : hosts) {
        TickReport t = h.autoscaler.tick();
        for (ResourceOutcome o : t.outcomes()) {
          if (o.state() != null) {
            observedBy.computeIfAbsent(o.resource(), k -> new HashSet<>()).add(h.name);
          }
          if (o instanceof ResourceOutcome.Applied a) {
            // The action was recorded under the lease this host holds now: no stale token.
            long token = h.store.memories(List.of(a.resource())).get(a.resource()).lastAction().fencingToken();
            ResourceLeases.Lease lease = h.autoscaler.coordinate().get(a.resource());
            assertThat(lease.owner()).isEqualTo(h.name);
            assertThat(lease.token()).isEqualTo(token);
          }
        }
      }
      assertThat(observedBy.values()).allSatisfy(s -> assertThat(s).hasSize(1));
      if (round >= 2) {
        Map<String, Integer> held = held(hosts.get(0).autoscaler.coordinate());
        int live = hosts.size();
        held.values().forEach(n -> assertThat(n).isLessThanOrEqualTo((streams + live - 1) / live + 1));
        maxHeld = Math.max(maxHeld, held.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        if (takenOver == null && clock.instant().isAfter(killedAt) && !held.containsKey(dead.name)
            && held.values().stream().mapToInt(Integer::intValue).sum() == streams) {
          takenOver = clock.instant();
        }
      }
      clock.advance(TICK);
    }

    assertThat(takenOver).as("the dead host's streams were taken over").isNotNull();
    assertThat(Duration.between(killedAt, takenOver)).isLessThanOrEqualTo(LEASE.plus(TICK));
    assertThat(maxHeld).isLessThanOrEqualTo(streams / 2 + 1);
    assertThat(calls).hasSizeGreaterThan(100);
    Map<String, List<Call>> byStream = new HashMap<>();
    calls.forEach(c -> byStream.computeIfAbsent(c.stream(), k -> new ArrayList<>()).add(c));
    Set<String> handedOver = new HashSet<>();
    for (List<Call> cs : byStream.values()) {
      for (int i = 0; i < cs.size(); i++) {
        Call c = cs.get(i);
        if (i > 0 && !cs.get(i - 1).host().equals(c.host())) {
          handedOver.add(c.stream());
        }
        // No two calls on one stream in the same tick, by one host or two.
        if (i > 0) {
          assertThat(c.at()).isAfter(cs.get(i - 1).at());
        }
        long inDay = cs.stream().filter(o -> o.operation().equals("updateShardCount")
            && !o.at().isAfter(c.at()) && o.at().isAfter(c.at().minus(Duration.ofHours(24)))).count();
        assertThat(inDay).as("UpdateShardCount calls on %s in the 24 h up to %s", c.stream(), c.at())
            .isLessThanOrEqualTo(BUDGET);
      }
    }
    assertThat(handedOver).as("streams acted on by two hosts in turn").isNotEmpty();
  }

  @Test
  void aPartitionedHostStopsActingBeforeItsLeaseExpiresAndAnotherTakesOver() {
    int streams = 20;
    SimulatedKinesis kinesis = cloud(streams);
    String url = Postgres.freshDatabase();
    Host a = new Host("host-a", url, kinesis, streams);
    Host b = new Host("host-b", url, kinesis, streams);
    for (int round = 0; round < 3; round++) {
      a.autoscaler.tick();
      b.autoscaler.tick();
      clock.advance(TICK);
    }
    Map<String, Integer> before = held(a.autoscaler.coordinate());
    assertThat(before).containsEntry("host-a", 10).containsEntry("host-b", 10);
    Instant cut = clock.instant();
    b.dataSource.down = true; // b can reach neither its leases nor its store
    Instant bStopsAt = cut.plus(LEASE).minus(MARGIN);
    List<ResourceOutcome> bOutcomes = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      a.autoscaler.tick();
      bOutcomes.addAll(b.autoscaler.tick().outcomes());
      clock.advance(TICK);
    }

    assertThat(calls.stream().filter(c -> c.host().equals("host-b") && !c.at().isBefore(cut))).isEmpty();
    assertThat(bOutcomes).noneMatch(o -> o instanceof ResourceOutcome.Applied);
    assertThat(bOutcomes).anySatisfy(o -> assertThat(o.reasons())
        .anySatisfy(r -> assertThat(r).contains("not acting")));
    assertThat(held(a.autoscaler.coordinate())).containsEntry("host-a", streams);
    assertThat(calls.stream().filter(c -> c.host().equals("host-a") && c.at().isAfter(bStopsAt)
        && Integer.parseInt(c.stream().substring(1)) >= 0)).isNotEmpty();
  }

  private static Map<String, Integer> held(Map<ResourceId, ResourceLeases.Lease> table) {
    Map<String, Integer> n = new HashMap<>();
    table.values().forEach(l -> n.merge(l.owner(), 1, Integer::sum));
    return n;
  }
}
