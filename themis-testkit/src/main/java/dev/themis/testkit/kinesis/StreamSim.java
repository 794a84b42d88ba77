package dev.themis.testkit.kinesis;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A simulated stream's state and its clock-driven transitions: its shards (every one ever opened), a pending
 * reshard or mode switch that applies when {@code UPDATING} ends, the logs of {@code UpdateShardCount} calls and mode
 * switches, enhanced monitoring, tags, and its {@link StreamTraffic}.
 */
final class StreamSim {
  static final Duration DAY = Duration.ofHours(24);
  private static final BigInteger MAX_KEY = KeyDistribution.KEY_SPACE.subtract(BigInteger.ONE);

  final String name;
  final Instant created;
  private final Duration updateDuration;
  // Every shard ever opened, in index order, by id, and split into the never closed ones (in index order) and
  // the closed ones (in closing order), so that the shards open at a recent time are found without walking all.
  final List<ShardSim> shards = new ArrayList<>();
  final Map<String, ShardSim> byId = new HashMap<>();
  final List<ShardSim> unclosed = new ArrayList<>();
  final List<ShardSim> closed = new ArrayList<>();
  final Deque<Instant> updateCalls = new ArrayDeque<>();
  final Deque<Instant> modeSwitches = new ArrayDeque<>();
  final Map<String, Instant> enhanced = new TreeMap<>();
  final Map<String, String> tags = new TreeMap<>();
  String mode = "PROVISIONED";
  final StreamTraffic traffic;
  Instant updatingUntil;
  Consumer<Instant> pending;

  StreamSim(String name, Instant created, Duration updateDuration, InstantSource clock,
      double consumerRecordsPerSecondPerShard) {
    this.name = name;
    this.created = created;
    this.updateDuration = updateDuration;
    this.traffic = new StreamTraffic(this, clock, consumerRecordsPerSecondPerShard);
  }

  String arn() {
    return "arn:aws:kinesis:" + KinesisErrors.REGION + ":" + KinesisErrors.ACCOUNT + ":stream/" + name;
  }

  String status(Instant now) {
    return updatingUntil != null && now.isBefore(updatingUntil) ? "UPDATING" : "ACTIVE";
  }

  void beginUpdate(Instant now, Consumer<Instant> change) {
    updatingUntil = now.plus(updateDuration);
    pending = change;
    settle(now); // a zero update duration applies at once
  }

  void settle(Instant now) {
    if (pending != null && !now.isBefore(updatingUntil)) {
      Consumer<Instant> p = pending;
      pending = null;
      p.accept(updatingUntil); // minutes already computed lie before the change, so the consumer memo holds
    }
  }


  List<ShardSim> open(Instant t) {
    return openedBy(t, t);
  }

  List<ShardSim> retained(Instant now) {
    return openedBy(now, now.minus(DAY));
  }

  /** Shards opened by {@code t} and not closed by {@code closedAfter}, in index order. */
  private List<ShardSim> openedBy(Instant t, Instant closedAfter) {
    List<ShardSim> out = new ArrayList<>();
    for (int i = closed.size() - 1; i >= 0 && closed.get(i).closedAt.isAfter(closedAfter); i--) {
      ShardSim x = closed.get(i);
      if (!x.openedAt.isAfter(t)) {
        out.add(x);
      }
    }
    for (ShardSim x : unclosed) {
      if (!x.openedAt.isAfter(t)) {
        out.add(x);
      }
    }
    out.sort(Comparator.comparingInt((ShardSim x) -> x.index));
    return out;
  }

  void close(ShardSim x, Instant at) {
    x.close(at);
    unclosed.remove(x);
    int i = closed.size();
    while (i > 0 && closed.get(i - 1).closedAt.isAfter(at)) {
      i--;
    }
    closed.add(i, x);
  }

  void openUniform(int n, Instant at, List<ShardSim> parents) {
    BigInteger size = KeyDistribution.KEY_SPACE;
    for (int i = 0; i < n; i++) {
      BigInteger start = size.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n));
      BigInteger end = i == n - 1 ? MAX_KEY
          : size.multiply(BigInteger.valueOf(i + 1)).divide(BigInteger.valueOf(n)).subtract(BigInteger.ONE);
      String parent = null;
      String adjacent = null;
      for (ShardSim p : parents) {
        if (p.start.compareTo(start) <= 0 && p.end.compareTo(start) >= 0) {
          parent = p.id;
        } else if (parent != null && adjacent == null && p.start.compareTo(end) <= 0
            && p.end.compareTo(start) >= 0) {
          adjacent = p.id;
        }
      }
      add(start, end, parent, adjacent, at);
    }
  }

  void add(BigInteger start, BigInteger end, String parent, String adjacent, Instant at) {
    int index = shards.size();
    ShardSim x = new ShardSim(ShardSim.id(index), index, start, end, parent, adjacent, at);
    shards.add(x);
    byId.put(x.id, x);
    unclosed.add(x);
  }
}
