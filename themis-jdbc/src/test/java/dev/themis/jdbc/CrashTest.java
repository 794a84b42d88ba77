package dev.themis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.history.ResourceMemory;
import dev.themis.testkit.Trace;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The process dies right after Kinesis accepted an UpdateShardCount and before its result was recorded. The new
 * process, on the same PostgreSQL, reconciles the intent against the stream, counts the call against the budget and
 * starts the cooldown: no second reshard where one would have come without the intent.
 */
class CrashTest {
  private static final ResourceId ID = ResourceId.of("kinesis", "events");

  @Test
  void aCrashBetweenTheCallAndItsRecordMakesNoSecondAction() throws Exception {
    ManualClock clock = ManualClock.at(Scenarios.START);
    double[] perMinute = new double[120];
    java.util.Arrays.fill(perMinute, 0, 5, 230_000); // wants 6 shards of 4
    java.util.Arrays.fill(perMinute, 5, 120, 400_000); // then 10
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(2)).build();
    kinesis.createStream("events", 4, clock.instant().minus(Duration.ofHours(1)));
    kinesis.incomingRecords("events", Trace.perMinute("records", perMinute).anchoredAt(clock.instant()));
    kinesis.bytesPerRecord("events", 200);
    String url = Postgres.freshDatabase();
    List<String> crashedAfter = new ArrayList<>();

    try (HikariDataSource pool = Postgres.pool(url); HikariDataSource second = Postgres.pool(url)) {
      SwitchableDataSource dying = new SwitchableDataSource(pool);
      // The process "dies" once UpdateShardCount returns: nothing it does afterwards reaches the database.
      KinesisClient crashing = (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
          new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
            try {
              Object result = method.invoke(kinesis, args);
              if (method.getName().equals("updateShardCount")) {
                dying.down = true;
                crashedAfter.add(method.getName());
              }
              return result;
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      Autoscaler first = autoscaler(clock, crashing, kinesis, JdbcHistoryStore.create(dying));
      TickReport t0 = first.tick();
      assertThat(crashedAfter).containsExactly("updateShardCount");
      assertThat(t0.applied()).hasSize(1);
      assertThat(kinesis.calls().get("UpdateShardCount")).isEqualTo(1);
      // The dead process's buffered outcome and memory are gone with it: a new store instance on a new pool.
      JdbcHistoryStore store = JdbcHistoryStore.create(second);
      ResourceMemory recorded = store.memories(List.of(ID)).get(ID);
      assertThat(recorded.lastAction().confirmed()).isFalse(); // only the intent reached the database

      Autoscaler restarted = autoscaler(clock, kinesis, kinesis, store);
      List<ResourceOutcome> outcomes = new ArrayList<>();
      for (int m = 1; m < 30; m++) {
        clock.advance(Duration.ofMinutes(1));
        outcomes.addAll(restarted.tick().outcomes());
      }

      // The load wants 10 shards from minute 5, but the reshard of minute 0 holds its 30-minute cooldown.
      assertThat(kinesis.calls().get("UpdateShardCount")).isEqualTo(1);
      assertThat(outcomes).noneMatch(o -> o instanceof ResourceOutcome.Applied);
      assertThat(outcomes).anySatisfy(o -> assertThat(o.reasons())
          .anySatisfy(r -> assertThat(r).contains("reconciled the scale-up 4 -> 6")));
      assertThat(outcomes.get(outcomes.size() - 1).reasons())
          .anySatisfy(r -> assertThat(r).startsWith("cooldown: scale-up completed "));
      store.flush();
      Map<String, String> budget = store.memories(List.of(ID)).get(ID).components().get("executor");
      assertThat(budget.get("updateShardCount")).isEqualTo(Scenarios.START.toString());
    }
  }

  private static Autoscaler autoscaler(ManualClock clock, KinesisClient client, SimulatedKinesis kinesis,
      JdbcHistoryStore store) {
    return Autoscaler.builder().clock(clock).history(store)
        .component(KinesisClient.class, client).component(CloudWatchClient.class, kinesis.cloudWatch())
        .resource(ResourceSpec.of("kinesis", "events", Map.of("target_utilisation", "0.7", "min_capacity", "1",
            "max_capacity", "32", "scale_up_cooldown", "30m", "scaling_budget_per_day", "4")))
        .build();
  }
}
