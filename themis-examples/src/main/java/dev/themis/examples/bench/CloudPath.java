package dev.themis.examples.bench;

import dev.themis.Autoscaler;
import dev.themis.ResourceSpec;
import dev.themis.ScalingSettings;
import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.spi.ScalingPolicy;
import dev.themis.testkit.Demand;
import dev.themis.testkit.ReplayResult;
import dev.themis.testkit.emr.SimulatedEmr;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The replay path a user's policy takes: the real {@link Autoscaler}, the real {@code themis-emr} and
 * {@code themis-kinesis} providers (found by ServiceLoader, configured by settings), their monitors and executors
 * calling the AWS SDK client interfaces, implemented in memory by the testkit's simulated EMR, YARN, Kinesis and
 * CloudWatch in virtual time, and the testkit's replay driver recording demand, supply, billing and actions.
 */
public final class CloudPath implements ReplayPath {
  static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  /** YARN containers per simulated node (the testkit's default m5.xlarge). */
  static final int CONTAINERS_PER_NODE = 4;
  /** Records per minute one shard accepts: 1,000 records/s. */
  static final double RECORDS_PER_SHARD_MINUTE = SimulatedKinesis.SHARD_WRITE_RECORDS_PER_SECOND * 60.0;

  /**
   * Minutes per segment: the replay restarts the simulated cloud (and the autoscaler) every this many minutes,
   * carrying the requested capacity over. 0 disables segmentation. Segments were needed when the testkit's simulated
   * EMR kept every instance it ever launched and walked them on every call, so that one 27-day replay of a busy
   * policy grew quadratically; it now forgets instances an hour after they terminate and its calls walk only those
   * not yet terminated, so one replay is linear too.
   */
  private final int segmentMinutes;

  public CloudPath() {
    this(1440);
  }

  public CloudPath(int segmentMinutes) {
    if (segmentMinutes < 0) {
      throw new IllegalArgumentException("segmentMinutes: must be >= 0, was " + segmentMinutes);
    }
    this.segmentMinutes = segmentMinutes;
  }

  @Override
  public String description() {
    return "real Autoscaler + real themis-emr / themis-kinesis providers (ServiceLoader) against the testkit's "
        + "SimulatedEmr + SimulatedYarn and SimulatedKinesis + SimulatedCloudWatch behind the AWS SDK v2 client "
        + "interfaces, driven by the testkit's Replay"
        + (segmentMinutes > 0 ? ", restarted every " + segmentMinutes + " minutes with the requested capacity "
            + "carried over (see the notes)" : "");
  }

  @Override
  public Replay replay(Workload w, Profile p, Contender.Autoscaled c) {
    int n = w.minutes();
    int[] supply = new int[n];
    long[] billed = new long[n];
    int[] actions = new int[n];
    int[] changed = new int[n];
    int segment = segmentMinutes == 0 ? n : segmentMinutes;
    if (segment % c.interval() != 0) {
      segment -= segment % c.interval(); // keep ticks on the same minutes as one long replay
    }
    int capacity = w.demand()[0];
    SeriesCarry[] carry = new SeriesCarry[1];
    for (int from = 0; from < n; from += segment) {
      int steps = Math.min(segment, n - from);
      capacity = segment(w, p, c, from, steps, capacity, supply, billed, actions, changed, carry);
    }
    return new Replay(supply, billed, actions, changed);
  }

  /**
   * Replays minutes {@code [from, from + steps)} and returns the capacity requested at the end. A policy that keeps
   * a series gets the outcomes of the segments before through {@code carry} (created on the first segment), so its
   * series survives the restart; without it a predictive policy would never hold a day of history here and would
   * stay in its reactive fallback.
   */
  private int segment(Workload w, Profile p, Contender.Autoscaled c, int from, int steps, int initial,
      int[] supplyOut, long[] billedOut, int[] actionsOut, int[] changedOut, SeriesCarry[] carry) {
    Instant begin = START.plus(Duration.ofMinutes(from));
    ManualClock clock = ManualClock.at(begin);
    Instant existedSince = begin.minus(Duration.ofHours(1)); // the first monitoring window has data
    double[] values = w.values();
    double unitCapacity = w.unitCapacity();
    Demand load = instant -> values[minute(instant, values.length)] / unitCapacity; // units' worth of work
    int[] d = w.demand();
    Demand units = instant -> d[minute(instant, d.length)];
    Autoscaler.Builder b = Autoscaler.builder().clock(clock).history(NoHistory.INSTANCE);
    Map<String, String> settings = new LinkedHashMap<>(coreSettings(c.settings()));
    dev.themis.testkit.Supply supply;
    java.util.function.IntSupplier requested;
    ReplayEnv env;
    String type;
    String name;
    int start = Math.max(1, initial);
    if (p.kind() == Profile.Kind.EMR) {
      SimulatedEmr emr = SimulatedEmr.builder(clock).bootDelay(Duration.ofMinutes(p.boot()))
          .drainTime(Duration.ofMinutes(p.drain())).build();
      String id = emr.cluster("bench").createdAt(existedSince).instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
          .instanceGroup("TASK", "ON_DEMAND", "m5.xlarge", start).demand(load).create();
      name = id;
      b.component(EmrClient.class, emr).component(YarnClient.class, emr.yarn())
          .component(CloudWatchClient.class, emr.cloudWatch());
      supply = emr.supply(id);
      requested = () -> emr.listInstanceGroups(r -> r.clusterId(id)).instanceGroups().stream()
          .filter(g -> "TASK".equals(g.instanceGroupTypeAsString())).mapToInt(g -> g.requestedInstanceCount())
          .sum();
      type = "emr";
      settings.put("region", "us-east-1");
      // YARN gives every signal the policies use (the original read no CloudWatch either); the provider's optional
      // CloudWatch read (5-minute EMR metrics) only adds simulation time here
      settings.put("cloudwatch_metrics", "false");
      env = new ReplayEnv(w, p, "tasknodes.average.cpu", "yarn.containers.pending", 1.0 / CONTAINERS_PER_NODE, START,
          "cluster.capacity.running");
    } else {
      SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(p.boot())).build();
      name = "bench";
      kinesis.createStream(name, start, existedSince);
      kinesis.incomingRecords(name, instant -> load.at(instant) * RECORDS_PER_SHARD_MINUTE);
      b.component(KinesisClient.class, kinesis).component(CloudWatchClient.class, kinesis.cloudWatch());
      supply = kinesis.supply(name);
      requested = () -> kinesis.openShards(name);
      type = "kinesis";
      // the provider reads at least three CloudWatch periods
      settings.put("metrics_window", Duration.ofMinutes(Math.max(3, c.settings().monitoringWindow().toMinutes()))
          .toString());
      env = new ReplayEnv(w, p, "utilisation.write.records", "stream.WriteProvisionedThroughputExceeded.average",
          1.0 / RECORDS_PER_SHARD_MINUTE, START, null);
    }
    settings.putAll(c.providerSettings().create(env));
    ResourceSpec spec = ResourceSpec.of(type, name, settings);
    ScalingPolicy policy = c.factory().create(env);
    if (policy != null && policy.series().isPresent()) {
      if (carry[0] == null) {
        carry[0] = new SeriesCarry(policy.series().get().retention());
      }
      b.history(carry[0]);
    }
    Autoscaler autoscaler = (policy == null ? b.resource(spec) : b.resource(spec, policy)).build();
    ReplayResult r = dev.themis.testkit.Replay.builder(autoscaler, clock).demand(units).supply(supply)
        .tickInterval(Duration.ofMinutes(c.interval())).steps(steps).run();
    // each accessor returns a copy of the whole segment: read each once, not once per minute
    int[] serving = r.serving();
    int[] billed = r.billed();
    int[] actions = r.actions();
    int[] added = r.unitsAdded();
    int[] removed = r.unitsRemoved();
    for (int t = 0; t < steps; t++) {
      supplyOut[from + t] = serving[t];
      billedOut[from + t] = billed[t];
      actionsOut[from + t] = actions[t];
      changedOut[from + t] = added[t] + removed[t];
    }
    return requested.getAsInt();
  }

  static int minute(Instant instant, int length) {
    long m = Math.floorDiv(instant.getEpochSecond() - START.getEpochSecond(), 60L);
    return (int) Math.max(0, Math.min(length - 1, m));
  }

  /** The core guard keys of {@code s}, as configuration text. */
  static Map<String, String> coreSettings(ScalingSettings s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("min_capacity", Integer.toString(s.minCapacity()));
    if (s.maxCapacity() != Integer.MAX_VALUE) {
      m.put("max_capacity", Integer.toString(s.maxCapacity()));
    }
    m.put("scale_up_cooldown", s.scaleUpCooldown().toString());
    m.put("scale_down_cooldown", s.scaleDownCooldown().toString());
    m.put("scale_down_stabilization", s.scaleDownStabilization().toString());
    m.put("max_step", Integer.toString(s.maxStep()));
    m.put("tolerance", Double.toString(s.tolerance()));
    m.put("monitoring_window", s.monitoringWindow().toString());
    return m;
  }
}
