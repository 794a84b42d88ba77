package dev.themis.testkit.kinesis;

import dev.themis.testkit.Demand;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a stream is offered, accepts and serves, minute by minute: each open shard takes its share of the
 * offered records up to its write limits, and one consumer reads what was accepted up to its read limit, the rest
 * waiting as a backlog (iterator age). Complete minutes are computed once and kept (the least recently used
 * evicted); the backlog is carried forward from the stream's creation.
 */
final class StreamTraffic {
  private final StreamSim stream;
  private final InstantSource clock;
  private final double consumerRecordsPerSecondPerShard;
  Demand records = Demand.constant(0);
  double bytesPerRecord = 1000;
  KeyDistribution keys = KeyDistribution.uniform();
  // Consumer backlog at the start of each minute since creation, computed on demand.
  private double[] backlog = new double[0];
  private int known;
  // Minutes already computed; they lie in the past and never change (least recently used evicted).
  private final Map<Long, Minute> minutes = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Minute> eldest) {
      return size() > 4096;
    }
  };

  StreamTraffic(StreamSim stream, InstantSource clock, double consumerRecordsPerSecondPerShard) {
    this.stream = stream;
    this.clock = clock;
    this.consumerRecordsPerSecondPerShard = consumerRecordsPerSecondPerShard;
  }

  /** Forgets what was computed: the offered load, record size or key distribution changed. */
  void reset() {
    known = 0;
    minutes.clear();
  }

  /** The minute starting at {@code t} (truncated to the minute). */
  Minute minute(Instant t) {
    long index = Duration.between(stream.created.truncatedTo(ChronoUnit.MINUTES), t).toMinutes();
    if (index < 0) {
      index = 0;
    }
    if (index >= backlog.length - 1) {
      backlog = Arrays.copyOf(backlog, (int) Math.max(index + 2, backlog.length * 2L + 16));
    }
    // Advance the consumer's backlog to the start of this minute.
    Instant first = stream.created.truncatedTo(ChronoUnit.MINUTES);
    while (known < index) {
      Minute m = cached(known, first.plus(Duration.ofMinutes(known)));
      backlog[known + 1] = backlog[known] + m.accepted - m.read;
      known++;
    }
    return cached(index, t);
  }

  private Minute cached(long index, Instant t) {
    Minute m = minutes.get(index);
    if (m == null) {
      m = compute(t, backlog[(int) index]);
      if (!t.plusSeconds(60).isAfter(clock.instant())) {
        minutes.put(index, m); // only complete minutes: a later reshard cannot change them
      }
    }
    return m;
  }

  private Minute compute(Instant t, double backlogAtStart) {
    List<ShardSim> open = stream.open(t);
    double offered = Math.max(0, records.at(t));
    double capRecords = Math.min(SimulatedKinesis.SHARD_WRITE_RECORDS_PER_SECOND * 60.0,
        SimulatedKinesis.SHARD_WRITE_BYTES_PER_SECOND * 60.0 / bytesPerRecord);
    double[] so = new double[open.size()];
    double[] sa = new double[open.size()];
    double accepted = 0;
    for (int i = 0; i < open.size(); i++) {
      ShardSim x = open.get(i);
      so[i] = offered * keys.fraction(x.start, x.end);
      sa[i] = Math.min(so[i], capRecords);
      accepted += sa[i];
    }
    double readCapPerShard = SimulatedKinesis.SHARD_READ_BYTES_PER_SECOND * 60.0 / bytesPerRecord;
    if (consumerRecordsPerSecondPerShard > 0) {
      readCapPerShard = Math.min(readCapPerShard, consumerRecordsPerSecondPerShard * 60.0);
    }
    double readCap = readCapPerShard * open.size();
    double read = Math.min(backlogAtStart + accepted, readCap);
    double left = backlogAtStart + accepted - read;
    double age = left > 0 && readCap > 0 ? left / readCap * 60_000.0 : 0;
    // The consumer polls each shard five times a second.
    double readCalls = Math.max(1, open.size() * 300.0);
    return new Minute(open, so, sa, offered, accepted, read, readCalls, age);
  }

  /** One minute of a stream: what was offered, accepted and read, per shard where it matters. */
  record Minute(List<ShardSim> shards, double[] shardOffered, double[] shardAccepted, double offered,
      double accepted, double read, double readCalls, double iteratorAgeMs) {}
}
