package dev.themis.testkit.kinesis;

import java.math.BigInteger;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.Locale;
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

  /**
   * The sequence number of shard {@code index} at {@code at}: {@code String.format("49%019d%017d%020d", second,
   * index, nano)}, written without the formatter when no number is negative and the default locale writes ASCII
   * digits (the formatter cost more than the rest of a reshard).
   */
  static String sequence(Instant at, int index) {
    long second = at.getEpochSecond();
    if (second < 0 || index < 0 || !asciiDigits()) {
      return String.format("49%019d%017d%020d", second, index, at.getNano());
    }
    StringBuilder b = new StringBuilder(58).append("49");
    zeroPadded(b, second, 19);
    zeroPadded(b, index, 17);
    zeroPadded(b, at.getNano(), 20);
    return b.toString();
  }

  /** The id of shard {@code index}: {@code String.format("shardId-%012d", index)}, as {@link #sequence}. */
  static String id(int index) {
    if (index < 0 || !asciiDigits()) {
      return String.format("shardId-%012d", index);
    }
    return zeroPadded(new StringBuilder(20).append("shardId-"), index, 12).toString();
  }

  private static StringBuilder zeroPadded(StringBuilder b, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits);
  }

  private record LocaleDigits(Locale locale, boolean ascii) {}

  private static volatile LocaleDigits digits = new LocaleDigits(null, false);

  /** Whether {@code String.format} writes ASCII digits in the default format locale (it writes the locale's). */
  private static boolean asciiDigits() {
    Locale l = Locale.getDefault(Locale.Category.FORMAT);
    LocaleDigits d = digits;
    if (!l.equals(d.locale())) {
      d = new LocaleDigits(l, DecimalFormatSymbols.getInstance(l).getZeroDigit() == '0');
      digits = d;
    }
    return d.ascii();
  }
}
