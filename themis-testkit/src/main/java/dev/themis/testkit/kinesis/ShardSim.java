package dev.themis.testkit.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** A simulated shard: its hash key range, its parents, and when it opened and closed. */
final class ShardSim {
  final String id;
  final int index;
  final BigInteger start;
  final BigInteger end;
  final String parent;
  final String adjacentParent;
  final Instant openedAt;
  Instant closedAt;

  ShardSim(String id, int index, BigInteger start, BigInteger end, String parent, String adjacentParent,
      Instant openedAt) {
    this.id = id;
    this.index = index;
    this.start = start;
    this.end = end;
    this.parent = parent;
    this.adjacentParent = adjacentParent;
    this.openedAt = openedAt;
  }

  boolean openAt(Instant t) {
    return !openedAt.isAfter(t) && (closedAt == null || closedAt.isAfter(t));
  }

  Shard toShard(Instant now) {
    boolean closed = closedAt != null && !closedAt.isAfter(now);
    return Shard.builder().shardId(id).parentShardId(parent).adjacentParentShardId(adjacentParent)
        .hashKeyRange(HashKeyRange.builder().startingHashKey(start.toString()).endingHashKey(end.toString())
            .build())
        .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber(sequence(openedAt))
            .endingSequenceNumber(closed ? sequence(closedAt) : null).build())
        .build();
  }

  private String sequence(Instant at) {
    return String.format("49%019d%017d%020d", at.getEpochSecond(), index, at.getNano());
  }
}
