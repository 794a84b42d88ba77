package dev.themis.testkit.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A simulated shard: its hash key range, its parents, and when it opened and closed. Its range, parents and opening
 * never change, so the text of its keys and of its starting sequence number is made once, when it is created, and
 * that of its ending sequence number once, when it closes: {@code ListShards} and {@code DescribeStream} answer from
 * them.
 */
final class ShardSim {
  final String id;
  final int index;
  final BigInteger start;
  final BigInteger end;
  final String parent;
  final String adjacentParent;
  final Instant openedAt;
  private final HashKeyRange keys;
  private final String startingSequence;
  /** When it closed (set once, by {@link #close}); null while open. */
  Instant closedAt;
  private String endingSequence;

  ShardSim(String id, int index, BigInteger start, BigInteger end, String parent, String adjacentParent,
      Instant openedAt) {
    this.id = id;
    this.index = index;
    this.start = start;
    this.end = end;
    this.parent = parent;
    this.adjacentParent = adjacentParent;
    this.openedAt = openedAt;
    this.keys = HashKeyRange.builder().startingHashKey(start.toString()).endingHashKey(end.toString()).build();
    this.startingSequence = sequence(openedAt, index);
  }

  boolean openAt(Instant t) {
    return !openedAt.isAfter(t) && (closedAt == null || closedAt.isAfter(t));
  }

  void close(Instant at) {
    closedAt = at;
    endingSequence = sequence(at, index);
  }

  Shard toShard(Instant now) {
    boolean closed = closedAt != null && !closedAt.isAfter(now);
    return Shard.builder().shardId(id).parentShardId(parent).adjacentParentShardId(adjacentParent)
        .hashKeyRange(keys)
        .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber(startingSequence)
            .endingSequenceNumber(closed ? endingSequence : null).build())
        .build();
  }

  /** The sequence number of shard {@code index} at {@code at}. */
  static String sequence(Instant at, int index) {
    return String.format("49%019d%017d%020d", at.getEpochSecond(), index, at.getNano());
  }
}
