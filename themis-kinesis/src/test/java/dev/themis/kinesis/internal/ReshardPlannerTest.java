package dev.themis.kinesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.KinesisKeys.Strategy;
import dev.themis.kinesis.ReshardPlan;
import dev.themis.kinesis.ReshardStep;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReshardPlannerTest {
  private static final int EXAMPLES = Integer.getInteger("themis.qt.examples", 1000);

  // ---- properties -------------------------------------------------------------------------------------------

  @Test
  void everyPlanKeepsTheKeySpaceCoveredOnceMergesAdjacentAndRespectsUpdateShardCountRules() {
    qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(1, 80), integers().between(0, 10),
        integers().between(0, 2)).checkAssert((seed, target, budget, strategyIndex) -> {
          Strategy strategy = Strategy.values()[strategyIndex];
          List<ReshardPlanner.Shard> layout = randomLayout(new Random(seed));
          ReshardPlanner.Planned planned =
              ReshardPlanner.simulate(layout, target, new ReshardPlanner.Allowance(strategy, budget));
          ReshardPlan plan = planned.plan();
          List<ReshardPlanner.Shard> model = sorted(layout);
          int updateCalls = 0;
          for (int i = 0; i < plan.steps().size(); i++) {
            ReshardStep step = plan.steps().get(i);
            assertEquals(model.size(), step.from(), "step " + i + " starts from the open shard count");
            List<HashRange> next = apply(model, step);
            assertCovers(next);
            List<ReshardPlanner.Shard> after = sorted(planned.layouts().get(i));
            assertEquals(next, after.stream().map(ReshardPlanner.Shard::range).toList(), "layout after " + step);
            if (step instanceof ReshardStep.UpdateShardCount u) {
              updateCalls++;
              assertTrue(u.to() <= 2 * u.from() && 2 * u.to() >= u.from(), "2x / half rule: " + u);
              assertTrue(strategy != Strategy.SPLIT_MERGE, "no UpdateShardCount with split_merge");
            }
            model = after;
          }
          assertTrue(updateCalls <= budget, "used " + updateCalls + " UpdateShardCount calls of " + budget);
          if (strategy != Strategy.UPDATE_SHARD_COUNT) {
            assertEquals(target, plan.reaches(), "split/merge always reach the target");
          } else {
            assertTrue(plan.reaches() == target || updateCalls == budget, "stops early only when the budget is spent");
          }
        });
  }

  @Test
  void withoutShardMetricsSplitsAndMergesKeepRangesEven() {
    qt().withExamples(EXAMPLES).forAll(integers().between(1, 40), integers().between(1, 80)).checkAssert(
        (start, target) -> {
          List<ReshardPlanner.Shard> uniform = new ArrayList<>();
          for (int i = 0; i < start; i++) {
            uniform.add(new ReshardPlanner.Shard("s" + i, HashRange.uniform(i, start), Double.NaN));
          }
          ReshardPlanner.Planned p = ReshardPlanner.simulate(uniform, target,
              new ReshardPlanner.Allowance(Strategy.SPLIT_MERGE, 0));
          List<ReshardPlanner.Shard> end = p.layouts().isEmpty() ? uniform : p.layouts().get(p.layouts().size() - 1);
          BigInteger min = end.stream().map(s -> s.range().size()).min(Comparator.naturalOrder()).orElseThrow();
          BigInteger max = end.stream().map(s -> s.range().size()).max(Comparator.naturalOrder()).orElseThrow();
          assertTrue(max.compareTo(min.multiply(BigInteger.TWO).add(BigInteger.TWO)) <= 0,
              start + " -> " + target + ": widest " + max + " vs narrowest " + min);
        });
  }

  @Test
  void theHottestShardIsSplitAndTheColdestAdjacentPairMerged() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      List<ReshardPlanner.Shard> layout = new ArrayList<>();
      for (ReshardPlanner.Shard s : randomLayout(r)) {
        layout.add(new ReshardPlanner.Shard(s.id(), s.range(), r.nextDouble()));
      }
      int n = layout.size();
      ReshardPlan up = ReshardPlanner.plan(layout, n + 1, new ReshardPlanner.Allowance(Strategy.SPLIT_MERGE, 0));
      ReshardPlanner.Shard hottest = layout.stream().max(Comparator.comparingDouble(ReshardPlanner.Shard::load))
          .orElseThrow();
      assertEquals(hottest.id(), ((ReshardStep.Split) up.steps().get(0)).shardId());
      if (n > 1) {
        List<ReshardPlanner.Shard> s = sorted(layout);
        double coldest = Double.MAX_VALUE;
        for (int i = 0; i + 1 < s.size(); i++) {
          coldest = Math.min(coldest, s.get(i).load() + s.get(i + 1).load());
        }
        ReshardStep.Merge m = (ReshardStep.Merge) ReshardPlanner.plan(layout, n - 1,
            new ReshardPlanner.Allowance(Strategy.AUTO, 0)).steps().get(0);
        double merged = load(layout, m.lower()) + load(layout, m.upper());
        assertEquals(coldest, merged, 1e-12);
      }
    });
  }

  // ---- examples, including the original's defects ---------------------------------------------------------

  @Test
  void regressionOriginalSplitTheSmallestShard() {
    // Original get_largest_shard compared with '<' and returned the narrowest shard.
    List<ReshardPlanner.Shard> layout = List.of(
        new ReshardPlanner.Shard("narrow", HashRange.uniform(0, 4), Double.NaN),
        new ReshardPlanner.Shard("narrow2", HashRange.uniform(1, 4), Double.NaN),
        new ReshardPlanner.Shard("wide", new HashRange(HashRange.uniform(2, 4).start(), HashRange.MAX_KEY),
            Double.NaN));
    ReshardStep.Split s = (ReshardStep.Split) ReshardPlanner.plan(layout, 4,
        new ReshardPlanner.Allowance(Strategy.SPLIT_MERGE, 0)).steps().get(0);
    assertEquals("wide", s.shardId());
    assertEquals(s.range().midpoint(), s.newStartingHashKey());
  }

  @Test
  void regressionOriginalMergedShardsThatAreNotAdjacentAndRepeatedThePairForLargerSteps() {
    // Listed out of key order, as DescribeStream may return them after resharding.
    List<ReshardPlanner.Shard> layout = List.of(
        new ReshardPlanner.Shard("c", HashRange.uniform(2, 4), Double.NaN),
        new ReshardPlanner.Shard("a", HashRange.uniform(0, 4), Double.NaN),
        new ReshardPlanner.Shard("d", HashRange.uniform(3, 4), Double.NaN),
        new ReshardPlanner.Shard("b", HashRange.uniform(1, 4), Double.NaN));
    ReshardPlan plan = ReshardPlanner.plan(layout, 2, new ReshardPlanner.Allowance(Strategy.SPLIT_MERGE, 0));
    assertEquals(2, plan.steps().size());
    ReshardStep.Merge first = (ReshardStep.Merge) plan.steps().get(0);
    ReshardStep.Merge second = (ReshardStep.Merge) plan.steps().get(1);
    assertTrue(first.lowerRange().precedes(first.upperRange()));
    assertTrue(second.lowerRange().precedes(second.upperRange()));
    assertTrue(!first.lower().equals(second.lower()) || !first.upper().equals(second.upper()), "no duplicate merge");
  }

  @Test
  void updateShardCountGoesInStepsOfAtMostDoubleAndAtLeastHalf() {
    List<ReshardPlanner.Shard> four = uniform(4);
    ReshardPlan up = ReshardPlanner.plan(four, 20, new ReshardPlanner.Allowance(Strategy.AUTO, 10));
    assertEquals(List.of(new ReshardStep.UpdateShardCount(4, 8), new ReshardStep.UpdateShardCount(8, 16),
        new ReshardStep.UpdateShardCount(16, 20)), up.steps());
    ReshardPlan down = ReshardPlanner.plan(uniform(20), 3, new ReshardPlanner.Allowance(Strategy.AUTO, 10));
    assertEquals(List.of(new ReshardStep.UpdateShardCount(20, 10), new ReshardStep.UpdateShardCount(10, 5),
        new ReshardStep.UpdateShardCount(5, 3)), down.steps());
  }

  @Test
  void whenTheBudgetRunsOutMidPlanTheRestIsSplitMerge() {
    ReshardPlan p = ReshardPlanner.plan(uniform(4), 10, new ReshardPlanner.Allowance(Strategy.AUTO, 1));
    assertEquals(new ReshardStep.UpdateShardCount(4, 8), p.steps().get(0));
    assertTrue(p.steps().get(1) instanceof ReshardStep.Split);
    assertEquals(10, p.reaches());
    ReshardPlan only = ReshardPlanner.plan(uniform(4), 10,
        new ReshardPlanner.Allowance(Strategy.UPDATE_SHARD_COUNT, 0));
    assertTrue(only.empty());
    assertTrue(only.notes().get(0).contains("budget spent"), only.notes().toString());
  }

  @Test
  void skewedShardLoadSplitsTheHotShardInsteadOfUniformScaling() {
    List<ReshardPlanner.Shard> layout = new ArrayList<>();
    double[] loads = {0.1, 0.95, 0.1, 0.1};
    for (int i = 0; i < 4; i++) {
      layout.add(new ReshardPlanner.Shard("s" + i, HashRange.uniform(i, 4), loads[i]));
    }
    ReshardPlan p = ReshardPlanner.plan(layout, 5, new ReshardPlanner.Allowance(Strategy.AUTO, 10));
    assertEquals(List.of("s1"), p.steps().stream().map(s -> ((ReshardStep.Split) s).shardId()).toList());
    assertTrue(p.notes().get(0).contains("skewed"), p.notes().toString());
    List<ReshardPlanner.Shard> even = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      even.add(new ReshardPlanner.Shard("s" + i, HashRange.uniform(i, 4), 0.6));
    }
    assertEquals(new ReshardStep.UpdateShardCount(4, 5),
        ReshardPlanner.plan(even, 5, new ReshardPlanner.Allowance(Strategy.AUTO, 10)).steps().get(0));
  }

  @Test
  void aTargetBelowOneShardIsRaisedToOne() {
    ReshardPlan p = ReshardPlanner.plan(uniform(2), 0, new ReshardPlanner.Allowance(Strategy.AUTO, 10));
    assertEquals(1, p.reaches());
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  static List<ReshardPlanner.Shard> uniform(int n) {
    List<ReshardPlanner.Shard> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ReshardPlanner.Shard("shardId-" + i, HashRange.uniform(i, n), Double.NaN));
    }
    return out;
  }

  /** A layout as resharding leaves it: uniform, then random splits at random keys and merges of neighbours. */
  static List<ReshardPlanner.Shard> randomLayout(Random r) {
    int n = 1 + r.nextInt(8);
    List<HashRange> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ranges.add(HashRange.uniform(i, n));
    }
    int ops = r.nextInt(30);
    for (int k = 0; k < ops; k++) {
      int i = r.nextInt(ranges.size());
      HashRange h = ranges.get(i);
      if (r.nextBoolean() && h.size().compareTo(BigInteger.TWO) >= 0) {
        BigInteger offset = new BigInteger(h.size().bitLength() + 8, r).mod(h.size().subtract(BigInteger.ONE))
            .add(BigInteger.ONE);
        BigInteger key = h.start().add(offset);
        ranges.set(i, new HashRange(h.start(), key.subtract(BigInteger.ONE)));
        ranges.add(i + 1, new HashRange(key, h.end()));
      } else if (i + 1 < ranges.size()) {
        ranges.set(i, h.merge(ranges.get(i + 1)));
        ranges.remove(i + 1);
      }
    }
    List<ReshardPlanner.Shard> out = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      out.add(new ReshardPlanner.Shard("shardId-" + i, ranges.get(i), Double.NaN));
    }
    java.util.Collections.shuffle(out, r);
    return out;
  }

  private static double load(List<ReshardPlanner.Shard> layout, String id) {
    return layout.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().load();
  }

  private static List<ReshardPlanner.Shard> sorted(List<ReshardPlanner.Shard> l) {
    List<ReshardPlanner.Shard> s = new ArrayList<>(l);
    s.sort(Comparator.comparing(ReshardPlanner.Shard::range));
    return s;
  }

  /** Applies a step to a layout the way Kinesis would, independently of the planner; throws if Kinesis would. */
  private static List<HashRange> apply(List<ReshardPlanner.Shard> layout, ReshardStep step) {
    List<HashRange> out = new ArrayList<>();
    if (step instanceof ReshardStep.UpdateShardCount u) {
      for (int i = 0; i < u.to(); i++) {
        out.add(HashRange.uniform(i, u.to()));
      }
      return out;
    }
    if (step instanceof ReshardStep.Split s) {
      boolean found = false;
      for (ReshardPlanner.Shard sh : layout) {
        if (sh.id().equals(s.shardId())) {
          found = true;
          assertTrue(s.newStartingHashKey().compareTo(sh.range().start()) > 0
              && s.newStartingHashKey().compareTo(sh.range().end()) <= 0, "split key inside the shard");
          out.add(new HashRange(sh.range().start(), s.newStartingHashKey().subtract(BigInteger.ONE)));
          out.add(new HashRange(s.newStartingHashKey(), sh.range().end()));
        } else {
          out.add(sh.range());
        }
      }
      assertTrue(found, "split of an open shard: " + s);
      return out;
    }
    ReshardStep.Merge m = (ReshardStep.Merge) step;
    ReshardPlanner.Shard lower = layout.stream().filter(x -> x.id().equals(m.lower())).findFirst().orElseThrow();
    ReshardPlanner.Shard upper = layout.stream().filter(x -> x.id().equals(m.upper())).findFirst().orElseThrow();
    assertTrue(lower.range().precedes(upper.range()), "merge of adjacent open shards: " + m);
    for (ReshardPlanner.Shard sh : layout) {
      if (sh == lower) {
        out.add(lower.range().merge(upper.range()));
      } else if (sh != upper) {
        out.add(sh.range());
      }
    }
    return out;
  }

  private static void assertCovers(List<HashRange> ranges) {
    BigInteger expect = BigInteger.ZERO;
    for (HashRange h : ranges) {
      assertEquals(expect, h.start(), "no gap or overlap at " + expect);
      expect = h.end().add(BigInteger.ONE);
    }
    assertEquals(HashRange.MAX_KEY.add(BigInteger.ONE), expect, "covers up to 2^128-1");
  }
}
