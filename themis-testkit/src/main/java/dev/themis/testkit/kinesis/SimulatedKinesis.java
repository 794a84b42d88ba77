package dev.themis.testkit.kinesis;

import dev.themis.testkit.Demand;
import dev.themis.testkit.Supply;
import dev.themis.testkit.aws.SimulatedClient;
import dev.themis.testkit.cloudwatch.MetricSource;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import dev.themis.testkit.internal.Args;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringRequest;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringRequest;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamRequest;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.MergeShardsRequest;
import software.amazon.awssdk.services.kinesis.model.MergeShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.SplitShardRequest;
import software.amazon.awssdk.services.kinesis.model.SplitShardResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamModeRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamModeResponse;

/**
 * An in-memory Kinesis Data Streams behind the real {@link KinesisClient} interface, driven by virtual time, so that
 * the real {@code themis-kinesis} monitor and executor run unchanged against it; with {@link #metrics()} it feeds a
 * {@link SimulatedCloudWatch}. Thread-safe (every operation is synchronized).
 *
 * <p>Semantics, after AWS:
 *
 * <ul>
 *   <li>Streams are {@code ACTIVE} from creation; {@code UpdateShardCount}, {@code SplitShard},
 *       {@code MergeShards} and {@code UpdateStreamMode} put the stream in {@code UPDATING} for
 *       {@link Builder#updateDuration} (default 1 min); the new shards open, and the parents close, when it ends.
 *       Any of these, or enhanced-monitoring changes, on a stream that is not ACTIVE throw
 *       {@link ResourceInUseException}.
 *   <li>{@code UpdateShardCount} ({@code UNIFORM_SCALING}): at most 10 calls per stream per rolling 24 h, at most
 *       double and at least half the open shard count, at most 10,000 shards, within the account's shard limit
 *       (default 500); violations throw {@link LimitExceededException}. The result is {@code target} shards with
 *       even hash ranges; every previously open shard closes.
 *   <li>{@code SplitShard}: the new starting hash key must lie in {@code (start, end]} of an open shard;
 *       {@code MergeShards}: the two open shards must be adjacent (their ranges join without a gap), in either
 *       order ({@link InvalidArgumentException} otherwise); both respect the account's shard limit.
 *   <li>{@code ListShards} lists open and closed shards (closed ones for the 24 h retention period) in shard-id
 *       order, honours {@code ShardFilter} ({@code AT_LATEST}, {@code AFTER_SHARD_ID}, {@code AT_TRIM_HORIZON},
 *       {@code FROM_TRIM_HORIZON}, {@code AT_TIMESTAMP}, {@code FROM_TIMESTAMP}), {@code MaxResults} and
 *       {@code ExclusiveStartShardId}, and pages with a {@code NextToken} that must be sent without a stream name
 *       and expires after 300 s ({@link ExpiredNextTokenException}).
 *   <li>Metrics ({@code AWS/Kinesis}): the demand is offered records per minute; each open shard receives its
 *       {@link KeyDistribution} share and accepts at most 1,000 records/s and 1 MiB/s, the rest is counted in
 *       {@code WriteProvisionedThroughputExceeded}. One consumer reads everything accepted, at most 2 MiB/s per
 *       shard (or {@link Builder#consumerRecordsPerSecondPerShard}); what it cannot read waits and shows as
 *       iterator age. Stream-level metrics have dimension {@code StreamName}; shard-level ones
 *       {@code StreamName, ShardId}, only while enhanced monitoring is enabled for them. Put metrics have no
 *       datapoint in minutes without records, as on AWS.
 * </ul>
 *
 * <p>Every call is counted per AWS operation name ({@link #calls()}); {@link #failNext} and
 * {@link #failRandomly} inject failures (see {@link SimulatedClient}).
 *
 * <pre>{@code
 * SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).build();
 * kinesis.createStream("events", 4);
 * kinesis.incomingRecords("events", trace.anchoredAt(clock.instant()));   // records per minute
 * SimulatedCloudWatch cw = SimulatedCloudWatch.builder(clock).source(kinesis.metrics()).build();
 * Autoscaler a = Autoscaler.builder().clock(clock).component(KinesisClient.class, kinesis)
 *     .component(CloudWatchClient.class, cw)...build();
 * }</pre>
 */
public final class SimulatedKinesis extends SimulatedClient implements KinesisClient {
  /** Records per second one shard accepts. */
  public static final int SHARD_WRITE_RECORDS_PER_SECOND = 1000;
  /** Bytes per second one shard accepts. */
  public static final int SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;
  /** Bytes per second one shard serves to readers. */
  public static final int SHARD_READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
  /** The shard-level metrics enhanced monitoring can enable. */
  public static final List<String> SHARD_LEVEL_METRICS = List.of("IncomingBytes", "IncomingRecords",
      "IteratorAgeMilliseconds", "OutgoingBytes", "OutgoingRecords", "ReadProvisionedThroughputExceeded",
      "WriteProvisionedThroughputExceeded");

  private final InstantSource clock;
  // The streams; the API operations on them; both guarded by this object's lock.
  private final KinesisCloud cloud;
  private final KinesisApi api;

  private SimulatedKinesis(Builder b) {
    this.clock = b.clock;
    this.cloud = new KinesisCloud(b.clock, b.updateDuration, b.consumerRecordsPerSecondPerShard);
    this.api = new KinesisApi(cloud, b.shardLimit, b.updatesPerDay, b.pageSize);
  }

  public static Builder builder(InstantSource clock) {
    return new Builder(clock);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Simulation control

  /**
   * Creates an ACTIVE provisioned stream of {@code shards} shards with even hash ranges, at the clock's time. A new
   * stream has no metrics yet; to replay a stream that has been running for a while, use
   * {@link #createStream(String, int, Instant)}.
   */
  public synchronized void createStream(String name, int shards) {
    createStream(name, shards, clock.instant());
  }

  /**
   * Creates a stream that has existed, with this layout, since {@code createdAt} (not after the clock's time): its
   * CloudWatch metrics start then, from the demand at those instants, so a monitor's first window is full.
   */
  public synchronized void createStream(String name, int shards, Instant createdAt) {
    cloud.createStream(name, shards, createdAt);
  }

  /** Offered load of a stream in records per minute (e.g. a trace of requests per minute). Default: none. */
  public synchronized void incomingRecords(String stream, Demand recordsPerMinute) {
    StreamSim s = cloud.stream(stream);
    s.traffic.records = Objects.requireNonNull(recordsPerMinute, "recordsPerMinute");
    s.traffic.reset();
  }

  /** Average record size in bytes (default 1,000). */
  public synchronized void bytesPerRecord(String stream, double bytes) {
    if (!(bytes > 0) || Double.isInfinite(bytes)) {
      throw new IllegalArgumentException("bytesPerRecord: must be finite and > 0, was " + bytes);
    }
    StreamSim s = cloud.stream(stream);
    s.traffic.bytesPerRecord = bytes;
    s.traffic.reset();
  }

  /** How records spread over the key space (default {@link KeyDistribution#uniform()}). */
  public synchronized void keyDistribution(String stream, KeyDistribution keys) {
    StreamSim s = cloud.stream(stream);
    s.traffic.keys = Objects.requireNonNull(keys, "keys");
    s.traffic.reset();
  }

  public synchronized void tag(String stream, String key, String value) {
    cloud.stream(stream).tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  /** Open shards now. */
  public synchronized int openShards(String stream) {
    Instant now = clock.instant();
    StreamSim s = cloud.settled(stream, now);
    return s.open(now).size();
  }

  /** The stream's status now ({@code ACTIVE} or {@code UPDATING}). */
  public synchronized String status(String stream) {
    Instant now = clock.instant();
    return cloud.settled(stream, now).status(now);
  }

  /** Serving and billed shards of a stream (both: open shards), for the replay driver. */
  public Supply supply(String stream) {
    synchronized (this) {
      cloud.stream(stream);
    }
    return new Supply() {
      @Override
      public int serving() {
        return openShards(stream);
      }

      @Override
      public int billed() {
        return openShards(stream);
      }
    };
  }

  /** This stream's CloudWatch metrics, for {@link SimulatedCloudWatch.Builder#source}. */
  public MetricSource metrics() {
    return this::sample;
  }

  /** A {@link SimulatedCloudWatch} on the same clock answering from {@link #metrics()}. */
  public SimulatedCloudWatch cloudWatch() {
    return SimulatedCloudWatch.builder(clock).source(metrics()).build();
  }

  /** A throttling error as the SDK reports it ({@code LimitExceededException} with AWS's rate message). */
  public static KinesisException throttling() {
    return KinesisErrors.throttling();
  }

  /** A generic service error with the given code, e.g. {@code InternalFailure}. */
  public static AwsServiceException serviceError(String code, int status) {
    return KinesisErrors.serviceError(code, status);
  }

  // ---------------------------------------------------------------------------------------------------------
  // KinesisClient: each operation is counted (and may fail as injected), then answered by KinesisApi.

  @Override
  public String serviceName() {
    return KinesisClient.SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
    enter("DescribeStreamSummary");
    return api.describeStreamSummary(request);
  }

  @Override
  public synchronized DescribeStreamResponse describeStream(DescribeStreamRequest request) {
    enter("DescribeStream");
    return api.describeStream(request);
  }

  @Override
  public synchronized ListShardsResponse listShards(ListShardsRequest request) {
    enter("ListShards");
    return api.listShards(request);
  }

  @Override
  public synchronized ListStreamsResponse listStreams(ListStreamsRequest request) {
    enter("ListStreams");
    return api.listStreams(request);
  }

  @Override
  public synchronized ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request) {
    enter("ListTagsForStream");
    return api.listTagsForStream(request);
  }

  @Override
  public synchronized DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
    enter("DescribeLimits");
    return api.describeLimits(request);
  }

  @Override
  public synchronized UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
    enter("UpdateShardCount");
    return api.updateShardCount(request);
  }

  @Override
  public synchronized SplitShardResponse splitShard(SplitShardRequest request) {
    enter("SplitShard");
    return api.splitShard(request);
  }

  @Override
  public synchronized MergeShardsResponse mergeShards(MergeShardsRequest request) {
    enter("MergeShards");
    return api.mergeShards(request);
  }

  @Override
  public synchronized EnableEnhancedMonitoringResponse enableEnhancedMonitoring(
      EnableEnhancedMonitoringRequest request) {
    enter("EnableEnhancedMonitoring");
    return api.enableEnhancedMonitoring(request);
  }

  @Override
  public synchronized DisableEnhancedMonitoringResponse disableEnhancedMonitoring(
      DisableEnhancedMonitoringRequest request) {
    enter("DisableEnhancedMonitoring");
    return api.disableEnhancedMonitoring(request);
  }

  @Override
  public synchronized UpdateStreamModeResponse updateStreamMode(UpdateStreamModeRequest request) {
    enter("UpdateStreamMode");
    return api.updateStreamMode(request);
  }

  private synchronized MetricSource.Sample sample(String namespace, String metric, Map<String, String> dims,
      Instant minute) {
    return KinesisMetrics.sample(cloud, namespace, metric, dims, minute);
  }

  /** Configures a {@link SimulatedKinesis}. */
  public static final class Builder {
    private final InstantSource clock;
    private Duration updateDuration = Duration.ofMinutes(1);
    private int shardLimit = 500;
    private int updatesPerDay = 10;
    private int pageSize = 10_000;
    private double consumerRecordsPerSecondPerShard = 0;

    private Builder(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How long a stream stays UPDATING after a reshard or mode switch. Default 1 min (BENCHMARK.md's L). */
    public Builder updateDuration(Duration d) {
      this.updateDuration = Args.nonNegative(d, "updateDuration");
      return this;
    }

    /** The account's open-shard limit. Default 500 (us-east-1). */
    public Builder shardLimit(int n) {
      this.shardLimit = Args.atLeast(n, 1, "shardLimit");
      return this;
    }

    /** UpdateShardCount calls allowed per stream per rolling 24 h. Default 10. */
    public Builder updatesPerDay(int n) {
      this.updatesPerDay = Args.atLeast(n, 0, "updatesPerDay");
      return this;
    }

    /** Most items per list page (below AWS's own maxima); small values exercise pagination. Default 10,000. */
    public Builder pageSize(int n) {
      this.pageSize = Args.atLeast(n, 1, "pageSize");
      return this;
    }

    /** The consumer's speed per shard in records per second; 0 (default) = as fast as the 2 MiB/s read limit. */
    public Builder consumerRecordsPerSecondPerShard(double rate) {
      if (!(rate >= 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("consumerRecordsPerSecondPerShard: must be finite and >= 0, was " + rate);
      }
      this.consumerRecordsPerSecondPerShard = rate;
      return this;
    }

    public SimulatedKinesis build() {
      return new SimulatedKinesis(this);
    }
  }
}
