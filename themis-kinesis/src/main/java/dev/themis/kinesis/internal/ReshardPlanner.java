package dev.themis.kinesis.internal;

import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.KinesisKeys.Strategy;
import dev.themis.kinesis.ReshardPlan;
import dev.themis.kinesis.ReshardStep;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Plans the resharding calls from a layout of open shards to a target count. Pure: no I/O, no clock.
 *
 * <p>Rules kept: UpdateShardCount at most doubles and at least halves, uses one call of the remaining budget each,
 * and is not used above AWS's 10,000-shard bound for it, nor (strategy AUTO) when shard-level load is skewed; splits
 * cut the hottest shard (by shard-level load, else
 * the widest) at its midpoint; merges join the coldest pair of shards whose hash ranges touch (by load, else the
 * narrowest pair). After every step the open shards cover the key space exactly once.
 */
final class ReshardPlanner {
  /** AWS rejects UpdateShardCount above this many shards (before or after). */
  static final int UPDATE_SHARD_COUNT_MAX = 10_000;
  /** Longest plan computed; the executor only makes the first step anyway. */
  static final int MAX_STEPS = 20_000;
  /** Busiest shard at this multiple of the mean shard load: AUTO splits/merges by load instead of UpdateShardCount. */
  static final double SKEW = 2.0;

  private ReshardPlanner() {}

  /**
   * A shard as the planner sees it.
   *
   * @param id shard id (simulated ids for shards a plan creates start with {@code planned-})
   * @param range its hash range
   * @param load its share of the per-shard limits over the window (1.0 = at a limit); NaN if unknown
   */
  record Shard(String id, HashRange range, double load) {
    Shard {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(range, "range");
    }
  }

  /**
   * What the plan may use.
   *
   * @param strategy which calls are allowed
   * @param updateCallsLeft UpdateShardCount calls left in the budget for this direction
   */
  record Allowance(Strategy strategy, int updateCallsLeft) {
    Allowance {
      Objects.requireNonNull(strategy, "strategy");
      if (updateCallsLeft < 0) {
        throw new IllegalArgumentException("updateCallsLeft: must be >= 0, was " + updateCallsLeft);
      }
    }
  }

  /** A plan together with the layout each step leads to (for tests and the reported plan). */
  record Planned(ReshardPlan plan, List<List<Shard>> layouts) {}

  static ReshardPlan plan(List<Shard> layout, int target, Allowance allowance) {
    return simulate(layout, target, allowance).plan();
  }

  static Planned simulate(List<Shard> layout, int target, Allowance allowance) {
    List<Shard> current = new ArrayList<>(layout);
    current.sort(Comparator.comparing(Shard::range));
    checkCovers(current);
    int from = current.size();
    List<String> notes = new ArrayList<>();
    List<ReshardStep> steps = new ArrayList<>();
    List<List<Shard>> layouts = new ArrayList<>();
    if (target < 1) {
      notes.add("a stream needs at least one shard; target " + target + " raised to 1");
      target = 1;
    }
    int callsLeft = allowance.strategy() == Strategy.SPLIT_MERGE ? 0 : allowance.updateCallsLeft();
    boolean skewed = allowance.strategy() == Strategy.AUTO && skewed(current);
    if (skewed && current.size() != target) {
      // Uniform re-partitioning would keep the hot keys together; splitting/merging by load moves capacity to them.
      callsLeft = 0;
      notes.add("shard-level load is skewed (busiest shard >= " + SKEW + "x the mean): splitting/merging by load");
    }
    int[] counter = {0};
    while (current.size() != target && steps.size() < MAX_STEPS) {
      int n = current.size();
      int next = target > n ? Math.min(target, 2 * n) : Math.max(target, (n + 1) / 2);
      boolean updateFits = Math.max(n, next) <= UPDATE_SHARD_COUNT_MAX;
      ReshardStep step;
      if (allowance.strategy() != Strategy.SPLIT_MERGE && callsLeft > 0 && updateFits) {
        step = new ReshardStep.UpdateShardCount(n, next);
        current = uniform(current, next, counter);
        callsLeft--;
      } else if (allowance.strategy() == Strategy.UPDATE_SHARD_COUNT) {
        notes.add(updateFits
            ? "UpdateShardCount budget spent; reshard_strategy update_shard_count allows nothing else"
            : "UpdateShardCount cannot go beyond " + UPDATE_SHARD_COUNT_MAX + " shards");
        break;
      } else if (target > n) {
        int i = hottestSplittable(current);
        if (i < 0) {
          notes.add("no shard can be split further");
          break;
        }
        Shard s = current.get(i);
        BigInteger key = s.range().midpoint();
        step = new ReshardStep.Split(n, s.id(), s.range(), key);
        HashRange lo = new HashRange(s.range().start(), key.subtract(BigInteger.ONE));
        HashRange hi = new HashRange(key, s.range().end());
        current.set(i, new Shard(planned(counter), lo, share(s.load(), lo, s.range())));
        current.add(i + 1, new Shard(planned(counter), hi, share(s.load(), hi, s.range())));
      } else {
        int i = coldestAdjacentPair(current);
        if (i < 0) {
          notes.add("no two open shards are adjacent");
          break;
        }
        Shard a = current.get(i);
        Shard b = current.get(i + 1);
        step = new ReshardStep.Merge(n, a.id(), a.range(), b.id(), b.range());
        current.set(i, new Shard(planned(counter), a.range().merge(b.range()), a.load() + b.load()));
        current.remove(i + 1);
      }
      steps.add(step);
      layouts.add(List.copyOf(current));
    }
    if (steps.size() >= MAX_STEPS && current.size() != target) {
      notes.add("plan cut after " + MAX_STEPS + " steps");
    }
    if (allowance.strategy() == Strategy.AUTO && !skewed && !steps.isEmpty()
        && !(steps.get(0) instanceof ReshardStep.UpdateShardCount)) {
      notes.add(allowance.updateCallsLeft() == 0
          ? "UpdateShardCount budget spent for this direction: splitting/merging instead"
          : "beyond UpdateShardCount's " + UPDATE_SHARD_COUNT_MAX + "-shard bound: splitting/merging instead");
    }
    return new Planned(new ReshardPlan(from, target, steps, notes), List.copyOf(layouts));
  }

  /**
   * True when every shard's load is known, the mean is meaningful (at least 5% of a shard's limit) and the busiest
   * shard carries at least {@value #SKEW} times the mean.
   */
  static boolean skewed(List<Shard> shards) {
    double sum = 0;
    double max = 0;
    for (Shard s : shards) {
      if (Double.isNaN(s.load())) {
        return false;
      }
      sum += s.load();
      max = Math.max(max, s.load());
    }
    double mean = sum / shards.size();
    return shards.size() > 1 && mean >= 0.05 && max >= SKEW * mean;
  }

  /** Throws unless the shards, sorted by range, cover [0, 2^128-1] exactly once. */
  static void checkCovers(List<Shard> sorted) {
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("layout: no open shards");
    }
    BigInteger expect = HashRange.MIN_KEY;
    for (Shard s : sorted) {
      if (!s.range().start().equals(expect)) {
        throw new IllegalArgumentException("layout: open shards do not cover the key space exactly once at "
            + expect + " (shard " + s.id() + " starts at " + s.range().start() + ")");
      }
      expect = s.range().end().add(BigInteger.ONE);
    }
    if (!expect.equals(HashRange.MAX_KEY.add(BigInteger.ONE))) {
      throw new IllegalArgumentException("layout: open shards end at " + expect.subtract(BigInteger.ONE)
          + ", not at 2^128-1");
    }
  }

  private static List<Shard> uniform(List<Shard> current, int count, int[] counter) {
    double total = 0;
    for (Shard s : current) {
      total += s.load();
    }
    List<Shard> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      HashRange r = HashRange.uniform(i, count);
      out.add(new Shard(planned(counter), r, total * r.fraction()));
    }
    return out;
  }

  private static double share(double load, HashRange part, HashRange whole) {
    return load * (part.size().doubleValue() / whole.size().doubleValue());
  }

  private static String planned(int[] counter) {
    return "planned-" + (++counter[0]);
  }

  /** Index of the shard to split: highest known load, then widest range, then lowest start; -1 if none. */
  private static int hottestSplittable(List<Shard> shards) {
    int best = -1;
    for (int i = 0; i < shards.size(); i++) {
      Shard s = shards.get(i);
      if (s.range().size().compareTo(BigInteger.TWO) < 0) {
        continue;
      }
      if (best < 0 || hotter(s, shards.get(best))) {
        best = i;
      }
    }
    return best;
  }

  private static boolean hotter(Shard a, Shard b) {
    double la = Double.isNaN(a.load()) ? -1 : a.load();
    double lb = Double.isNaN(b.load()) ? -1 : b.load();
    if (la != lb) {
      return la > lb;
    }
    return compareSizes(a.range().size(), b.range().size()) > 0;
  }

  /**
   * Compares range sizes, treating sizes within one part in 10^9 as equal: ranges laid out evenly differ by a key
   * or two of rounding, and letting that decide would leave an odd narrow shard between wide ones.
   */
  static int compareSizes(BigInteger a, BigInteger b) {
    double x = a.doubleValue();
    double y = b.doubleValue();
    if (Math.abs(x - y) <= 1e-9 * Math.max(x, y)) {
      return 0;
    }
    return Double.compare(x, y);
  }

  /**
   * Index of the lower shard of the pair to merge: lowest known combined load, then narrowest combined range, then
   * lowest start; -1 if no pair is adjacent.
   */
  private static int coldestAdjacentPair(List<Shard> shards) {
    int best = -1;
    double bestLoad = 0;
    BigInteger bestSize = null;
    for (int i = 0; i + 1 < shards.size(); i++) {
      Shard a = shards.get(i);
      Shard b = shards.get(i + 1);
      if (!a.range().precedes(b.range())) {
        continue;
      }
      double load = a.load() + b.load();
      double l = Double.isNaN(load) ? Double.POSITIVE_INFINITY : load;
      BigInteger size = a.range().size().add(b.range().size());
      if (best < 0 || l < bestLoad || (l == bestLoad && compareSizes(size, bestSize) < 0)) {
        best = i;
        bestLoad = l;
        bestSize = size;
      }
    }
    return best;
  }
}
