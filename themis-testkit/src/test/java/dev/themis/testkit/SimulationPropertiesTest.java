package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.clock.ManualClock;
import dev.themis.testkit.emr.SimulatedEmr;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;

/** Random operation sequences against the simulated clouds keep their AWS invariants. Seeded, reproducible. */
class SimulationPropertiesTest {
  private static final int RUNS = Math.max(10, Integer.getInteger("themis.qt.examples", 1000) / 20);
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  @Test
  void emrBillsAtLeastWhatServesAndSettlesOnWhatWasRequested() {
    for (int run = 0; run < RUNS; run++) {
      SplittableRandom r = new SplittableRandom(run);
      ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
      SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(1 + r.nextInt(8)))
          .drainTime(Duration.ofMinutes(r.nextInt(12))).pageSize(1 + r.nextInt(5)).seed(run).build();
      String id = emr.cluster("p").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
          .instanceGroup("TASK", "SPOT", "m5.xlarge", r.nextInt(6)).create();
      String task = emr.groupId(id, "TASK");
      int requested = -1;
      for (int step = 0; step < 30; step++) {
        int count = r.nextInt(12);
        int timeout = r.nextInt(900);
        emr.modifyInstanceGroups(m -> m.clusterId(id).instanceGroups(g -> g.instanceGroupId(task)
            .instanceCount(count).shrinkPolicy(s -> s.decommissionTimeout(timeout))));
        requested = count;
        clock.advance(Duration.ofSeconds(r.nextInt(600)));
        assertTrue(emr.billed(id) >= emr.serving(id), "run " + run + " step " + step);
        assertTrue(emr.serving(id) <= requested, "run " + run + " step " + step + ": serving above requested");
      }
      clock.advance(Duration.ofMinutes(30));
      InstanceGroup g = emr.listInstanceGroupsPaginator(x -> x.clusterId(id)).instanceGroups().stream()
          .filter(x -> x.id().equals(task)).findFirst().orElseThrow();
      assertEquals(requested, emr.serving(id), "run " + run);
      assertEquals(requested, emr.billed(id), "run " + run);
      assertEquals("RUNNING", g.status().stateAsString(), "run " + run);
      assertEquals(requested, g.runningInstanceCount(), "run " + run);
    }
  }

  @Test
  void kinesisOpenShardsAlwaysPartitionTheKeySpace() {
    for (int run = 0; run < RUNS; run++) {
      SplittableRandom r = new SplittableRandom(run);
      ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
      SimulatedKinesis k = SimulatedKinesis.builder(clock).updateDuration(Duration.ofSeconds(r.nextInt(120)))
          .pageSize(1 + r.nextInt(4)).shardLimit(40).build();
      k.createStream("s", 1 + r.nextInt(8));
      for (int step = 0; step < 40; step++) {
        List<Shard> open = open(k);
        try {
          switch (r.nextInt(3)) {
            case 0 -> {
              int target = 1 + r.nextInt(2 * open.size() + 1);
              k.updateShardCount(b -> b.streamName("s").targetShardCount(target)
                  .scalingType(ScalingType.UNIFORM_SCALING));
            }
            case 1 -> {
              Shard s = open.get(r.nextInt(open.size()));
              BigInteger lo = new BigInteger(s.hashKeyRange().startingHashKey());
              BigInteger hi = new BigInteger(s.hashKeyRange().endingHashKey());
              BigInteger key = lo.add(hi.subtract(lo).shiftRight(1)).add(BigInteger.valueOf(r.nextInt(2)));
              k.splitShard(b -> b.streamName("s").shardToSplit(s.shardId()).newStartingHashKey(key.toString()));
            }
            default -> {
              if (open.size() > 1) {
                int i = r.nextInt(open.size() - 1);
                int j = r.nextInt(4) == 0 ? r.nextInt(open.size()) : i + 1; // sometimes not adjacent
                k.mergeShards(b -> b.streamName("s").shardToMerge(open.get(i).shardId())
                    .adjacentShardToMerge(open.get(j).shardId()));
              }
            }
          }
        } catch (AwsServiceException e) {
          // Rejected operations (limits, UPDATING, not adjacent) must leave the layout intact, checked below.
        }
        clock.advance(Duration.ofSeconds(r.nextInt(180)));
        assertPartition(open(k), "run " + run + " step " + step);
      }
    }
  }

  private static List<Shard> open(SimulatedKinesis k) {
    List<Shard> out = new java.util.ArrayList<>();
    String token = null;
    do {
      String t = token;
      var resp = k.listShards(b -> {
        if (t == null) {
          b.streamName("s").shardFilter(f -> f.type(ShardFilterType.AT_LATEST));
        } else {
          b.nextToken(t);
        }
      });
      out.addAll(resp.shards());
      token = resp.nextToken();
    } while (token != null);
    out.sort(java.util.Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())));
    return out;
  }

  private static void assertPartition(List<Shard> open, String where) {
    BigInteger next = BigInteger.ZERO;
    for (Shard s : open) {
      assertEquals(next, new BigInteger(s.hashKeyRange().startingHashKey()), where + ": gap or overlap at " + s);
      next = new BigInteger(s.hashKeyRange().endingHashKey()).add(BigInteger.ONE);
    }
    assertEquals(MAX.add(BigInteger.ONE), next, where + ": key space not covered");
  }

  @Test
  void randomDemandTracesAreDeterministicAndInRange() {
    Generator<Trace> traces = StateGenerators.demandTraces(120, 50);
    List<Trace> a = traces.sample(5, 20);
    List<Trace> b = traces.sample(5, 20);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).mean(), b.get(i).mean());
      assertTrue(a.get(i).min() >= 0 && a.get(i).max() <= 50);
    }
  }
}
