package dev.themis.kinesis;

import java.math.BigInteger;
import java.util.Objects;

/** One resharding call. A closed set: {@link UpdateShardCount}, {@link Split}, {@link Merge}. */
public sealed interface ReshardStep permits ReshardStep.UpdateShardCount, ReshardStep.Split, ReshardStep.Merge {

  /** Open shards before the step. */
  int from();

  /** Open shards after the step. */
  int to();

  /**
   * {@code UpdateShardCount} with {@code UNIFORM_SCALING}: AWS allows at most doubling and at least halving, and
   * a limited number of calls per stream per rolling 24 hours.
   */
  record UpdateShardCount(int from, int to) implements ReshardStep {
    public UpdateShardCount {
      if (from < 1 || to < 1 || to == from || to > 2L * from || 2L * to < from) {
        throw new IllegalArgumentException(
            "UpdateShardCount: expected a change within [ceil(from/2), 2*from], was " + from + " -> " + to);
      }
    }

    @Override
    public String toString() {
      return "UpdateShardCount " + from + " -> " + to;
    }
  }

  /** {@code SplitShard} at {@code newStartingHashKey}: one more shard. */
  record Split(int from, String shardId, HashRange range, BigInteger newStartingHashKey) implements ReshardStep {
    public Split {
      Objects.requireNonNull(shardId, "shardId");
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(newStartingHashKey, "newStartingHashKey");
      if (newStartingHashKey.compareTo(range.start()) <= 0 || newStartingHashKey.compareTo(range.end()) > 0) {
        throw new IllegalArgumentException("SplitShard " + shardId + ": key " + newStartingHashKey
            + " must lie in (start, end] of " + range);
      }
    }

    @Override
    public int to() {
      return from + 1;
    }

    @Override
    public String toString() {
      return "SplitShard " + shardId + " at " + newStartingHashKey;
    }
  }

  /** {@code MergeShards} of two shards with adjacent hash ranges, {@code lower} right before {@code upper}. */
  record Merge(int from, String lower, HashRange lowerRange, String upper, HashRange upperRange)
      implements ReshardStep {
    public Merge {
      Objects.requireNonNull(lower, "lower");
      Objects.requireNonNull(upper, "upper");
      if (!lowerRange.precedes(upperRange)) {
        throw new IllegalArgumentException(
            "MergeShards " + lower + " " + lowerRange + " + " + upper + " " + upperRange + ": not adjacent");
      }
    }

    @Override
    public int to() {
      return from - 1;
    }

    @Override
    public String toString() {
      return "MergeShards " + lower + " + " + upper;
    }
  }
}
