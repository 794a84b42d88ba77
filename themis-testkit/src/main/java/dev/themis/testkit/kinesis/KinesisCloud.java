package dev.themis.testkit.kinesis;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated account's streams, by name. Not thread-safe: {@link SimulatedKinesis} calls it under its own lock.
 */
final class KinesisCloud {
  private final InstantSource clock;
  private final Duration updateDuration;
  private final double consumerRecordsPerSecondPerShard;
  private final Map<String, StreamSim> streams = new TreeMap<>();

  KinesisCloud(InstantSource clock, Duration updateDuration, double consumerRecordsPerSecondPerShard) {
    this.clock = clock;
    this.updateDuration = updateDuration;
    this.consumerRecordsPerSecondPerShard = consumerRecordsPerSecondPerShard;
  }

  InstantSource clock() {
    return clock;
  }

  /** Creates a stream of {@code shards} even shards that has existed since {@code createdAt}. */
  void createStream(String name, int shards, Instant createdAt) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    if (createdAt.isAfter(clock.instant())) {
      throw new IllegalArgumentException("createdAt of " + name + ": must not be after the clock's time "
          + clock.instant() + ", was " + createdAt);
    }
    if (streams.containsKey(name)) {
      throw new IllegalArgumentException("stream " + name + " already exists");
    }
    if (shards < 1) {
      throw new IllegalArgumentException("shards of " + name + ": must be >= 1, was " + shards);
    }
    StreamSim s = new StreamSim(name, createdAt, updateDuration, clock, consumerRecordsPerSecondPerShard);
    s.openUniform(shards, createdAt, List.of());
    streams.put(name, s);
  }

  /** The stream named {@code name}, or null. */
  StreamSim find(String name) {
    return name == null ? null : streams.get(name);
  }

  /** The stream named {@code name}, for the simulation's control methods. */
  StreamSim stream(String name) {
    StreamSim s = streams.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no simulated stream '" + name + "'; known: " + streams.keySet());
    }
    return s;
  }

  /** As {@link #stream}, after applying any change whose update has ended by {@code now}. */
  StreamSim settled(String name, Instant now) {
    StreamSim s = stream(name);
    s.settle(now);
    return s;
  }

  Set<String> names() {
    return streams.keySet();
  }

  Collection<StreamSim> streams() {
    return streams.values();
  }

  /** Open shards over all streams at {@code now}, every pending change applied first. */
  int openShardsInAccount(Instant now) {
    int n = 0;
    for (StreamSim s : streams.values()) {
      s.settle(now);
      n += s.open(now).size();
    }
    return n;
  }
}
