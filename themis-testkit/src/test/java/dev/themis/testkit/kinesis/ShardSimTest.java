package dev.themis.testkit.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.themis.testkit.quicktheories.ThemisGens;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** A shard's answer, made from text kept since it opened and closed, equals the one formatted on every call. */
class ShardSimTest {
  private static final BigInteger MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The answer as formatted before the text was kept. */
  private static Shard formatted(ShardSim x, Instant now) {
    boolean closed = x.closedAt != null && !x.closedAt.isAfter(now);
    return Shard.builder().shardId(x.id).parentShardId(x.parent).adjacentParentShardId(x.adjacentParent)
        .hashKeyRange(HashKeyRange.builder().startingHashKey(x.start.toString()).endingHashKey(x.end.toString())
            .build())
        .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber(old(x.openedAt, x.index))
            .endingSequenceNumber(closed ? old(x.closedAt, x.index) : null).build())
        .build();
  }

  private static String old(Instant at, int index) {
    return String.format("49%019d%017d%020d", at.getEpochSecond(), index, at.getNano());
  }

  /** A 128-bit hash key from two longs. */
  private static BigInteger key(long high, long low) {
    return BigInteger.valueOf(high).and(MASK).shiftLeft(64).or(BigInteger.valueOf(low).and(MASK));
  }

  private static Gen<BigInteger> keys() {
    return longs().all().zip(longs().all(), ShardSimTest::key);
  }

  private static Gen<Instant> instants() {
    return longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
        .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
  }

  @Test
  void answersAsFormattedOnEveryCall() {
    ThemisGens.qt()
        .forAll(keys(), keys(), integers().between(0, Integer.MAX_VALUE),
            instants().zip(instants(), (p, q) -> new Instant[] {p, q}))
        .check((a, b, index, times) -> {
          Instant opened = times[0];
          Instant other = times[1];
          ShardSim x = new ShardSim("shardId-" + index, index, a.min(b), a.max(b),
              index % 3 == 0 ? null : "shardId-p", index % 2 == 0 ? null : "shardId-q", opened);
          Instant closing = opened.isAfter(other) ? opened : other;
          Instant before = opened.isAfter(other) ? other : opened;
          boolean same = x.toShard(before).equals(formatted(x, before))
              && x.toShard(closing).equals(formatted(x, closing));
          x.close(closing);
          return same && x.toShard(before).equals(formatted(x, before))
              && x.toShard(closing).equals(formatted(x, closing))
              && x.toShard(Instant.MAX).equals(formatted(x, Instant.MAX))
              && x.toShard(closing).sequenceNumberRange().endingSequenceNumber() != null
              && (!before.isBefore(closing) || x.toShard(before).sequenceNumberRange().endingSequenceNumber() == null);
        });
  }

  @Test
  void sequenceNumbersAndIdsAsFormatted() {
    ThemisGens.qt().forAll(instants(), integers().all())
        .check((at, index) -> ShardSim.sequence(at, index).equals(old(at, index))
            && ShardSim.id(index).equals(String.format("shardId-%012d", index)));
    for (int index : new int[] {0, 9, 10, 999_999_999, Integer.MAX_VALUE, Integer.MIN_VALUE, -1}) {
      for (Instant at : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 999_999_999),
          Instant.parse("2026-12-02T03:47:14.000000001Z")}) {
        assertEquals(old(at, index), ShardSim.sequence(at, index));
      }
      assertEquals(String.format("shardId-%012d", index), ShardSim.id(index));
    }
  }

  @Test
  void digitsOfTheDefaultLocaleAsFormatted() {
    Locale before = Locale.getDefault(Locale.Category.FORMAT);
    try {
      for (Locale l : new Locale[] {Locale.forLanguageTag("th-TH-u-nu-thai"), Locale.forLanguageTag("ar-EG"),
          Locale.forLanguageTag("hi-IN-u-nu-deva"), Locale.ROOT, Locale.GERMANY}) {
        Locale.setDefault(Locale.Category.FORMAT, l);
        Instant at = Instant.parse("2026-12-02T03:47:14.123456789Z");
        assertEquals(old(at, 1234), ShardSim.sequence(at, 1234), l.toLanguageTag());
        assertEquals(String.format("shardId-%012d", 1234), ShardSim.id(1234), l.toLanguageTag());
      }
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, before);
    }
  }
}
