package dev.themis.testkit.kinesis;

import dev.themis.testkit.Demand;
import dev.themis.testkit.Supply;
import dev.themis.testkit.cloudwatch.MetricSource;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import dev.themis.testkit.internal.Calls;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
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
import software.amazon.awssdk.services.kinesis.model.EnhancedMetrics;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
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
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.SplitShardRequest;
import software.amazon.awssdk.services.kinesis.model.SplitShardResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamModeDetails;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamModeRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamModeResponse;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

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
 * <p>Every call is counted per AWS operation name ({@link #calls()}); {@link #failNext} injects a failure.
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
public final class SimulatedKinesis implements KinesisClient {
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

  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "123456789012";
  private static final BigInteger MAX_KEY = KeyDistribution.KEY_SPACE.subtract(BigInteger.ONE);
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(300);

  private final InstantSource clock;
  private final Duration updateDuration;
  private final int shardLimit;
  private final int updatesPerDay;
  private final int pageSize;
  private final double consumerRecordsPerSecondPerShard;
  private final Calls calls = new Calls();
  private final Map<String, StreamSim> streams = new TreeMap<>();

  private SimulatedKinesis(Builder b) {
    this.clock = b.clock;
    this.updateDuration = b.updateDuration;
    this.shardLimit = b.shardLimit;
    this.updatesPerDay = b.updatesPerDay;
    this.pageSize = b.pageSize;
    this.consumerRecordsPerSecondPerShard = b.consumerRecordsPerSecondPerShard;
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
    StreamSim s = new StreamSim(name, createdAt);
    s.openUniform(shards, createdAt, List.of());
    streams.put(name, s);
  }

  /** Offered load of a stream in records per minute (e.g. a trace of requests per minute). Default: none. */
  public synchronized void incomingRecords(String stream, Demand recordsPerMinute) {
    StreamSim s = stream(stream);
    s.records = Objects.requireNonNull(recordsPerMinute, "recordsPerMinute");
    s.resetConsumer();
  }

  /** Average record size in bytes (default 1,000). */
  public synchronized void bytesPerRecord(String stream, double bytes) {
    if (!(bytes > 0) || Double.isInfinite(bytes)) {
      throw new IllegalArgumentException("bytesPerRecord: must be finite and > 0, was " + bytes);
    }
    StreamSim s = stream(stream);
    s.bytesPerRecord = bytes;
    s.resetConsumer();
  }

  /** How records spread over the key space (default {@link KeyDistribution#uniform()}). */
  public synchronized void keyDistribution(String stream, KeyDistribution keys) {
    StreamSim s = stream(stream);
    s.keys = Objects.requireNonNull(keys, "keys");
    s.resetConsumer();
  }

  public synchronized void tag(String stream, String key, String value) {
    stream(stream).tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  /** Open shards now. */
  public synchronized int openShards(String stream) {
    Instant now = clock.instant();
    StreamSim s = settled(stream, now);
    return s.open(now).size();
  }

  /** The stream's status now ({@code ACTIVE} or {@code UPDATING}). */
  public synchronized String status(String stream) {
    Instant now = clock.instant();
    return settled(stream, now).status(now);
  }

  /** Serving and billed shards of a stream (both: open shards), for the replay driver. */
  public Supply supply(String stream) {
    stream(stream);
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

  public Map<String, Long> calls() {
    return calls.snapshot();
  }

  public void resetCalls() {
    calls.reset();
  }

  /** All calls counted since creation or {@link #resetCalls()}. */
  public long totalCalls() {
    return calls.total();
  }

  /** The next call of {@code operation} (e.g. {@code UpdateShardCount}) throws what {@code failure} supplies. */
  public void failNext(String operation, Supplier<? extends RuntimeException> failure) {
    calls.failNext(operation, failure);
  }

  // ---------------------------------------------------------------------------------------------------------
  // KinesisClient

  @Override
  public String serviceName() {
    return KinesisClient.SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public synchronized DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
    calls.enter("DescribeStreamSummary");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    StreamDescriptionSummary summary = StreamDescriptionSummary.builder()
        .streamName(s.name).streamARN(s.arn()).streamStatus(s.status(now))
        .streamModeDetails(StreamModeDetails.builder().streamMode(s.mode).build())
        .retentionPeriodHours(24).streamCreationTimestamp(s.created)
        .enhancedMonitoring(EnhancedMetrics.builder().shardLevelMetricsWithStrings(s.enhanced.keySet()).build())
        .encryptionType("NONE").openShardCount(s.open(now).size()).consumerCount(0)
        .build();
    return DescribeStreamSummaryResponse.builder().streamDescriptionSummary(summary).build();
  }

  @Override
  public synchronized DescribeStreamResponse describeStream(DescribeStreamRequest request) {
    calls.enter("DescribeStream");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    int limit = request.limit() == null ? 100 : request.limit();
    if (limit < 1 || limit > 10_000) {
      throw invalidArgument("Limit: must be between 1 and 10000, was " + limit);
    }
    limit = Math.min(limit, pageSize);
    List<ShardSim> all = s.retained(now);
    int from = 0;
    if (request.exclusiveStartShardId() != null) {
      from = (int) all.stream().filter(x -> x.id.compareTo(request.exclusiveStartShardId()) <= 0).count();
    }
    int to = Math.min(all.size(), from + limit);
    StreamDescription d = StreamDescription.builder().streamName(s.name).streamARN(s.arn())
        .streamStatus(s.status(now)).streamModeDetails(StreamModeDetails.builder().streamMode(s.mode).build())
        .shards(all.subList(from, to).stream().map(x -> x.toShard(now)).toList()).hasMoreShards(to < all.size())
        .retentionPeriodHours(24).streamCreationTimestamp(s.created)
        .enhancedMonitoring(EnhancedMetrics.builder().shardLevelMetricsWithStrings(s.enhanced.keySet()).build())
        .encryptionType("NONE").build();
    return DescribeStreamResponse.builder().streamDescription(d).build();
  }

  @Override
  public synchronized ListShardsResponse listShards(ListShardsRequest request) {
    calls.enter("ListShards");
    Instant now = clock.instant();
    int max = request.maxResults() == null ? 1000 : request.maxResults();
    if (max < 1 || max > 10_000) {
      throw invalidArgument("MaxResults: must be between 1 and 10000, was " + max);
    }
    StreamSim s;
    int from;
    String filter;
    String filterShard;
    Instant filterTime;
    if (request.nextToken() != null) {
      if (request.streamName() != null || request.streamARN() != null) {
        throw invalidArgument("NextToken and StreamName cannot be provided together.");
      }
      if (request.exclusiveStartShardId() != null || request.shardFilter() != null) {
        throw invalidArgument("NextToken cannot be combined with ExclusiveStartShardId or ShardFilter.");
      }
      String[] t = decodeToken(request.nextToken());
      Instant issued = Instant.ofEpochMilli(Long.parseLong(t[2]));
      if (now.isAfter(issued.plus(TOKEN_LIFETIME))) {
        throw ExpiredNextTokenException.builder().message("The nextToken has expired.").statusCode(400)
            .awsErrorDetails(details("ExpiredNextTokenException", "The nextToken has expired.")).build();
      }
      s = known(t[0], null, now);
      from = Integer.parseInt(t[1]);
      filter = t[3].isEmpty() ? null : t[3];
      filterShard = t[4].isEmpty() ? null : t[4];
      filterTime = t[5].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(t[5]));
    } else {
      if (request.streamName() == null && request.streamARN() == null) {
        throw invalidArgument("Either StreamName, StreamARN or NextToken must be provided.");
      }
      s = known(request.streamName(), request.streamARN(), now);
      from = 0;
      filter = request.shardFilter() == null ? null : request.shardFilter().typeAsString();
      filterShard = request.shardFilter() == null ? null : request.shardFilter().shardId();
      filterTime = request.shardFilter() == null ? null : request.shardFilter().timestamp();
      if (request.exclusiveStartShardId() != null && filter == null) {
        filter = ShardFilterType.AFTER_SHARD_ID.toString();
        filterShard = request.exclusiveStartShardId();
      }
    }
    List<ShardSim> all = filtered(s, now, filter, filterShard, filterTime);
    if (from > all.size()) {
      throw invalidArgument("NextToken is not valid for this stream.");
    }
    int to = Math.min(all.size(), from + Math.min(max, pageSize));
    String next = to < all.size() ? encodeToken(s.name, to, now, filter, filterShard, filterTime) : null;
    return ListShardsResponse.builder().shards(all.subList(from, to).stream().map(x -> x.toShard(now)).toList())
        .nextToken(next).build();
  }

  @Override
  public synchronized ListStreamsResponse listStreams(ListStreamsRequest request) {
    calls.enter("ListStreams");
    Instant now = clock.instant();
    int limit = request.limit() == null ? 100 : request.limit();
    if (limit < 1 || limit > 10_000) {
      throw invalidArgument("Limit: must be between 1 and 10000, was " + limit);
    }
    List<String> names = new ArrayList<>(streams.keySet());
    int from = 0;
    if (request.nextToken() != null) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(request.nextToken()),
            StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw invalidArgument("NextToken is not valid.");
      }
    } else if (request.exclusiveStartStreamName() != null) {
      from = (int) names.stream().filter(n -> n.compareTo(request.exclusiveStartStreamName()) <= 0).count();
    }
    from = Math.min(from, names.size());
    int to = Math.min(names.size(), from + Math.min(limit, pageSize));
    List<String> page = names.subList(from, to);
    List<StreamSummary> summaries = new ArrayList<>();
    for (String n : page) {
      StreamSim s = settled(n, now);
      summaries.add(StreamSummary.builder().streamName(n).streamARN(s.arn()).streamStatus(s.status(now))
          .streamModeDetails(StreamModeDetails.builder().streamMode(s.mode).build())
          .streamCreationTimestamp(s.created).build());
    }
    boolean more = to < names.size();
    return ListStreamsResponse.builder().streamNames(List.copyOf(page)).streamSummaries(summaries).hasMoreStreams(more)
        .nextToken(more ? Base64.getUrlEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8))
            : null)
        .build();
  }

  @Override
  public synchronized ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request) {
    calls.enter("ListTagsForStream");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    int limit = request.limit() == null ? 50 : request.limit();
    List<Tag> tags = new ArrayList<>();
    boolean more = false;
    for (Map.Entry<String, String> e : s.tags.entrySet()) {
      if (request.exclusiveStartTagKey() != null && e.getKey().compareTo(request.exclusiveStartTagKey()) <= 0) {
        continue;
      }
      if (tags.size() == Math.min(limit, pageSize)) {
        more = true;
        break;
      }
      tags.add(Tag.builder().key(e.getKey()).value(e.getValue()).build());
    }
    return ListTagsForStreamResponse.builder().tags(tags).hasMoreTags(more).build();
  }

  @Override
  public synchronized DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
    calls.enter("DescribeLimits");
    Instant now = clock.instant();
    int onDemand = 0;
    for (StreamSim s : streams.values()) {
      s.settle(now);
      if (s.mode.equals("ON_DEMAND")) {
        onDemand++;
      }
    }
    return DescribeLimitsResponse.builder().shardLimit(shardLimit).openShardCount(openShardsInAccount(now))
        .onDemandStreamCount(onDemand).onDemandStreamCountLimit(50).build();
  }

  @Override
  public synchronized UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
    calls.enter("UpdateShardCount");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    if (request.scalingType() == null || !"UNIFORM_SCALING".equals(request.scalingTypeAsString())) {
      throw invalidArgument("ScalingType: must be UNIFORM_SCALING, was " + request.scalingTypeAsString());
    }
    Integer target = request.targetShardCount();
    if (target == null || target < 1 || target > 10_000) {
      throw invalidArgument("TargetShardCount: must be between 1 and 10000, was " + target);
    }
    requireActive(s, now);
    if (s.mode.equals("ON_DEMAND")) {
      throw ValidationException.builder().message("UpdateShardCount is not supported for ON_DEMAND streams.")
          .statusCode(400).awsErrorDetails(details("ValidationException",
              "UpdateShardCount is not supported for ON_DEMAND streams.")).build();
    }
    int current = s.open(now).size();
    while (!s.updateCalls.isEmpty() && !s.updateCalls.peekFirst().plus(DAY).isAfter(now)) {
      s.updateCalls.pollFirst();
    }
    if (s.updateCalls.size() >= updatesPerDay) {
      throw limitExceeded("Rate exceeded for stream " + s.name + " under account " + ACCOUNT + ": UpdateShardCount"
          + " may be called at most " + updatesPerDay + " times per rolling 24 hours; next call possible at "
          + s.updateCalls.peekFirst().plus(DAY) + ".");
    }
    if (target > 2 * current) {
      throw limitExceeded("UpdateShardCount cannot scale up over double your current open shard count. Current open"
          + " shard count: " + current + " Target shard count: " + target);
    }
    if (2 * target < current) {
      throw limitExceeded("UpdateShardCount cannot scale down below half your current open shard count. Current"
          + " open shard count: " + current + " Target shard count: " + target);
    }
    int after = openShardsInAccount(now) - current + target;
    if (after > shardLimit) {
      throw limitExceeded("This request would exceed the shard limit for the account " + ACCOUNT + " in " + REGION
          + ". Current limit of shards is " + shardLimit + ". Number of shards after the request: " + after + ".");
    }
    s.updateCalls.addLast(now);
    List<ShardSim> parents = s.open(now);
    s.beginUpdate(now, at -> {
      parents.forEach(p -> s.close(p, at));
      s.openUniform(target, at, parents);
    });
    return UpdateShardCountResponse.builder().streamName(s.name).streamARN(s.arn()).currentShardCount(current)
        .targetShardCount(target).build();
  }

  @Override
  public synchronized SplitShardResponse splitShard(SplitShardRequest request) {
    calls.enter("SplitShard");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    requireActive(s, now);
    ShardSim parent = openShard(s, request.shardToSplit(), now);
    BigInteger key;
    try {
      key = new BigInteger(Objects.requireNonNull(request.newStartingHashKey(), "NewStartingHashKey"));
    } catch (NumberFormatException | NullPointerException e) {
      throw invalidArgument("NewStartingHashKey: must be a decimal hash key, was " + request.newStartingHashKey());
    }
    if (key.compareTo(parent.start) <= 0 || key.compareTo(parent.end) > 0) {
      throw invalidArgument("NewStartingHashKey " + key + " must be greater than the starting hash key "
          + parent.start + " and at most the ending hash key " + parent.end + " of shard " + parent.id + ".");
    }
    if (openShardsInAccount(now) + 1 > shardLimit) {
      throw limitExceeded("This request would exceed the shard limit for the account " + ACCOUNT + " in " + REGION
          + ". Current limit of shards is " + shardLimit + ".");
    }
    s.beginUpdate(now, at -> {
      s.close(parent, at);
      s.add(parent.start, key.subtract(BigInteger.ONE), parent.id, null, at);
      s.add(key, parent.end, parent.id, null, at);
    });
    return SplitShardResponse.builder().build();
  }

  @Override
  public synchronized MergeShardsResponse mergeShards(MergeShardsRequest request) {
    calls.enter("MergeShards");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    requireActive(s, now);
    ShardSim a = openShard(s, request.shardToMerge(), now);
    ShardSim b = openShard(s, request.adjacentShardToMerge(), now);
    if (a == b) {
      throw invalidArgument("ShardToMerge and AdjacentShardToMerge must be different shards, both were " + a.id);
    }
    boolean adjacent = a.end.add(BigInteger.ONE).equals(b.start) || b.end.add(BigInteger.ONE).equals(a.start);
    if (!adjacent) {
      throw invalidArgument("Shards " + a.id + " and " + b.id + " are not adjacent: their hash key ranges ["
          + a.start + ", " + a.end + "] and [" + b.start + ", " + b.end + "] do not form a contiguous range.");
    }
    s.beginUpdate(now, at -> {
      s.close(a, at);
      s.close(b, at);
      s.add(a.start.min(b.start), a.end.max(b.end), a.id, b.id, at);
    });
    return MergeShardsResponse.builder().build();
  }

  @Override
  public synchronized EnableEnhancedMonitoringResponse enableEnhancedMonitoring(
      EnableEnhancedMonitoringRequest request) {
    calls.enter("EnableEnhancedMonitoring");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    requireActive(s, now);
    List<String> current = List.copyOf(s.enhanced.keySet());
    for (String m : metricNames(request.shardLevelMetricsAsStrings())) {
      s.enhanced.putIfAbsent(m, now);
    }
    return EnableEnhancedMonitoringResponse.builder().streamName(s.name).streamARN(s.arn())
        .currentShardLevelMetricsWithStrings(current)
        .desiredShardLevelMetricsWithStrings(List.copyOf(s.enhanced.keySet())).build();
  }

  @Override
  public synchronized DisableEnhancedMonitoringResponse disableEnhancedMonitoring(
      DisableEnhancedMonitoringRequest request) {
    calls.enter("DisableEnhancedMonitoring");
    Instant now = clock.instant();
    StreamSim s = known(request.streamName(), request.streamARN(), now);
    requireActive(s, now);
    List<String> current = List.copyOf(s.enhanced.keySet());
    for (String m : metricNames(request.shardLevelMetricsAsStrings())) {
      s.enhanced.remove(m);
    }
    return DisableEnhancedMonitoringResponse.builder().streamName(s.name).streamARN(s.arn())
        .currentShardLevelMetricsWithStrings(current)
        .desiredShardLevelMetricsWithStrings(List.copyOf(s.enhanced.keySet())).build();
  }

  @Override
  public synchronized UpdateStreamModeResponse updateStreamMode(UpdateStreamModeRequest request) {
    calls.enter("UpdateStreamMode");
    Instant now = clock.instant();
    StreamSim s = known(null, request.streamARN(), now);
    requireActive(s, now);
    String mode = request.streamModeDetails() == null ? null : request.streamModeDetails().streamModeAsString();
    if (!"PROVISIONED".equals(mode) && !"ON_DEMAND".equals(mode)) {
      throw invalidArgument("StreamModeDetails.StreamMode: must be PROVISIONED or ON_DEMAND, was " + mode);
    }
    while (!s.modeSwitches.isEmpty() && !s.modeSwitches.peekFirst().plus(DAY).isAfter(now)) {
      s.modeSwitches.pollFirst();
    }
    if (s.modeSwitches.size() >= 2) {
      throw limitExceeded("The capacity mode of stream " + s.name + " can be switched at most twice per 24 hours.");
    }
    s.modeSwitches.addLast(now);
    s.beginUpdate(now, at -> s.mode = mode);
    return UpdateStreamModeResponse.builder().build();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Internals

  private List<ShardSim> filtered(StreamSim s, Instant now, String filter, String shard, Instant time) {
    List<ShardSim> retained = s.retained(now);
    if (filter == null) {
      return retained;
    }
    return switch (filter) {
      case "AT_LATEST" -> s.open(now);
      case "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON" -> retained;
      case "AFTER_SHARD_ID" -> {
        if (shard == null) {
          throw invalidArgument("ShardFilter AFTER_SHARD_ID requires a ShardId");
        }
        yield retained.stream().filter(x -> x.id.compareTo(shard) > 0).toList();
      }
      case "AT_TIMESTAMP" -> {
        Instant t = requireTime(time, filter);
        yield retained.stream().filter(x -> x.openAt(t)).toList();
      }
      case "FROM_TIMESTAMP" -> {
        Instant t = requireTime(time, filter);
        yield retained.stream().filter(x -> x.closedAt == null || x.closedAt.isAfter(t)).toList();
      }
      default -> throw invalidArgument("ShardFilter type '" + filter + "' is not supported");
    };
  }

  private Instant requireTime(Instant time, String filter) {
    if (time == null) {
      throw invalidArgument("ShardFilter " + filter + " requires a Timestamp");
    }
    return time;
  }

  private static List<String> metricNames(List<String> requested) {
    Set<String> out = new TreeSet<>();
    for (String m : requested) {
      if (m.equals("ALL")) {
        out.addAll(SHARD_LEVEL_METRICS);
      } else if (SHARD_LEVEL_METRICS.contains(m)) {
        out.add(m);
      } else {
        throw invalidArgument("ShardLevelMetrics: unknown metric '" + m + "'; expected ALL or one of "
            + SHARD_LEVEL_METRICS);
      }
    }
    if (out.isEmpty()) {
      throw invalidArgument("ShardLevelMetrics: at least one metric is required");
    }
    return List.copyOf(out);
  }

  private int openShardsInAccount(Instant now) {
    int n = 0;
    for (StreamSim s : streams.values()) {
      s.settle(now);
      n += s.open(now).size();
    }
    return n;
  }

  private ShardSim openShard(StreamSim s, String id, Instant now) {
    ShardSim x = id == null ? null : s.byId.get(id);
    if (x != null) {
      if (!x.openAt(now)) {
        throw invalidArgument("Shard " + id + " in stream " + s.name + " under account " + ACCOUNT
            + " is not open (it was closed by an earlier reshard).");
      }
      return x;
    }
    throw ResourceNotFoundException.builder().statusCode(400)
        .message("Could not find shard " + id + " in stream " + s.name + " under account " + ACCOUNT + ".")
        .awsErrorDetails(details("ResourceNotFoundException", "Could not find shard " + id)).build();
  }

  private void requireActive(StreamSim s, Instant now) {
    String status = s.status(now);
    if (!status.equals("ACTIVE")) {
      String msg = "Stream " + s.name + " under account " + ACCOUNT + " not ACTIVE, instead in state " + status
          + " (until " + s.updatingUntil + ").";
      throw ResourceInUseException.builder().message(msg).statusCode(400)
          .awsErrorDetails(details("ResourceInUseException", msg)).build();
    }
  }

  private StreamSim stream(String name) {
    StreamSim s = streams.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no simulated stream '" + name + "'; known: " + streams.keySet());
    }
    return s;
  }

  private StreamSim settled(String name, Instant now) {
    StreamSim s = stream(name);
    s.settle(now);
    return s;
  }

  private StreamSim known(String name, String arn, Instant now) {
    String n = name;
    if (n == null && arn != null) {
      int slash = arn.lastIndexOf('/');
      n = slash >= 0 ? arn.substring(slash + 1) : arn;
    }
    StreamSim s = n == null ? null : streams.get(n);
    if (s == null) {
      String msg = "Stream " + n + " under account " + ACCOUNT + " not found.";
      throw ResourceNotFoundException.builder().message(msg).statusCode(400)
          .awsErrorDetails(details("ResourceNotFoundException", msg)).build();
    }
    s.settle(now);
    return s;
  }

  private static AwsErrorDetails details(String code, String msg) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage(msg).serviceName("Kinesis").build();
  }

  private static InvalidArgumentException invalidArgument(String msg) {
    return InvalidArgumentException.builder().message(msg).statusCode(400)
        .awsErrorDetails(details("InvalidArgumentException", msg)).build();
  }

  private static LimitExceededException limitExceeded(String msg) {
    return LimitExceededException.builder().message(msg).statusCode(400)
        .awsErrorDetails(details("LimitExceededException", msg)).build();
  }

  /** A throttling error as the SDK reports it ({@code LimitExceededException} with AWS's rate message). */
  public static KinesisException throttling() {
    return limitExceeded("Rate exceeded for stream under account " + ACCOUNT + ".");
  }

  /** A generic service error with the given code, e.g. {@code InternalFailure}. */
  public static AwsServiceException serviceError(String code, int status) {
    return KinesisException.builder().message(code).statusCode(status).awsErrorDetails(details(code, code)).build();
  }

  private static String encodeToken(String stream, int next, Instant issued, String filter, String shard,
      Instant time) {
    String raw = String.join("\n", stream, Integer.toString(next), Long.toString(issued.toEpochMilli()),
        filter == null ? "" : filter, shard == null ? "" : shard, time == null ? "" : Long.toString(time.toEpochMilli()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decodeToken(String token) {
    try {
      String[] t = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
      if (t.length != 6) {
        throw new IllegalArgumentException("fields");
      }
      Integer.parseInt(t[1]);
      Long.parseLong(t[2]);
      return t;
    } catch (IllegalArgumentException e) {
      throw invalidArgument("NextToken '" + token + "' is not valid.");
    }
  }

  // --- metrics

  private synchronized MetricSource.Sample sample(String namespace, String metric, Map<String, String> dims,
      Instant minute) {
    if (!"AWS/Kinesis".equals(namespace)) {
      return null;
    }
    String name = dims.get("StreamName");
    StreamSim s = name == null ? null : streams.get(name);
    if (s == null || minute.isBefore(s.created.truncatedTo(ChronoUnit.MINUTES))) {
      return null;
    }
    Instant t = minute.truncatedTo(ChronoUnit.MINUTES);
    s.settle(clock.instant());
    if (dims.size() == 1) {
      return streamSample(s, metric, t);
    }
    if (dims.size() == 2 && dims.containsKey("ShardId")) {
      Instant since = s.enhanced.get(metric);
      if (since == null || t.isBefore(since.truncatedTo(ChronoUnit.MINUTES))) {
        return null;
      }
      return shardSample(s, metric, dims.get("ShardId"), t);
    }
    return null;
  }

  private MetricSource.Sample streamSample(StreamSim s, String metric, Instant t) {
    Minute m = s.minute(t);
    double puts = Math.max(1, Math.ceil(m.offered));
    return switch (metric) {
      case "IncomingRecords" -> m.offered > 0 ? MetricSource.Sample.total(m.accepted, puts) : null;
      case "IncomingBytes" -> m.offered > 0 ? MetricSource.Sample.total(m.accepted * s.bytesPerRecord, puts) : null;
      case "WriteProvisionedThroughputExceeded" -> m.offered > 0
          ? new MetricSource.Sample(m.offered - m.accepted, puts, 0, m.offered > m.accepted ? 1 : 0) : null;
      case "PutRecord.Success" -> m.offered > 0 ? new MetricSource.Sample(m.accepted, puts, 0, 1) : null;
      case "GetRecords.Records" -> MetricSource.Sample.total(m.read, m.readCalls);
      case "GetRecords.Bytes" -> MetricSource.Sample.total(m.read * s.bytesPerRecord, m.readCalls);
      case "GetRecords.IteratorAgeMilliseconds" -> MetricSource.Sample.of(m.iteratorAgeMs);
      case "GetRecords.Success" -> new MetricSource.Sample(m.readCalls, m.readCalls, 1, 1);
      case "ReadProvisionedThroughputExceeded" -> new MetricSource.Sample(0, m.readCalls, 0, 0);
      default -> null;
    };
  }

  private MetricSource.Sample shardSample(StreamSim s, String metric, String shardId, Instant t) {
    Minute m = s.minute(t);
    int i = -1;
    for (int k = 0; k < m.shards.size(); k++) {
      if (m.shards.get(k).id.equals(shardId)) {
        i = k;
      }
    }
    if (i < 0) {
      return null;
    }
    double offered = m.shardOffered[i];
    double accepted = m.shardAccepted[i];
    double read = m.accepted > 0 ? m.read * accepted / m.accepted : 0;
    double puts = Math.max(1, Math.ceil(offered));
    double readCalls = m.readCalls / m.shards.size();
    return switch (metric) {
      case "IncomingRecords" -> offered > 0 ? MetricSource.Sample.total(accepted, puts) : null;
      case "IncomingBytes" -> offered > 0 ? MetricSource.Sample.total(accepted * s.bytesPerRecord, puts) : null;
      case "WriteProvisionedThroughputExceeded" -> offered > 0
          ? new MetricSource.Sample(offered - accepted, puts, 0, offered > accepted ? 1 : 0) : null;
      case "OutgoingRecords" -> MetricSource.Sample.total(read, readCalls);
      case "OutgoingBytes" -> MetricSource.Sample.total(read * s.bytesPerRecord, readCalls);
      case "IteratorAgeMilliseconds" -> MetricSource.Sample.of(m.iteratorAgeMs);
      case "ReadProvisionedThroughputExceeded" -> new MetricSource.Sample(0, readCalls, 0, 0);
      default -> null;
    };
  }

  /** One minute of a stream: what was offered, accepted and read, per shard where it matters. */
  private record Minute(List<ShardSim> shards, double[] shardOffered, double[] shardAccepted, double offered,
      double accepted, double read, double readCalls, double iteratorAgeMs) {}

  final class StreamSim {
    final String name;
    final Instant created;
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
    Demand records = Demand.constant(0);
    double bytesPerRecord = 1000;
    KeyDistribution keys = KeyDistribution.uniform();
    Instant updatingUntil;
    Consumer<Instant> pending;
    // Consumer backlog at the start of each minute since creation, computed on demand.
    double[] backlog = new double[0];
    int known;
    // Minutes already computed; they lie in the past and never change (least recently used evicted).
    final Map<Long, Minute> minutes = new java.util.LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Minute> eldest) {
        return size() > 4096;
      }
    };

    StreamSim(String name, Instant created) {
      this.name = name;
      this.created = created;
    }

    String arn() {
      return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
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

    void resetConsumer() {
      known = 0;
      minutes.clear();
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
      x.closedAt = at;
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
      ShardSim x = new ShardSim(String.format("shardId-%012d", index), index, start, end, parent, adjacent, at);
      shards.add(x);
      byId.put(x.id, x);
      unclosed.add(x);
    }

    Minute minute(Instant t) {
      long index = Duration.between(created.truncatedTo(ChronoUnit.MINUTES), t).toMinutes();
      if (index < 0) {
        index = 0;
      }
      if (index >= backlog.length - 1) {
        backlog = Arrays.copyOf(backlog, (int) Math.max(index + 2, backlog.length * 2L + 16));
      }
      // Advance the consumer's backlog to the start of this minute.
      Instant first = created.truncatedTo(ChronoUnit.MINUTES);
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
      List<ShardSim> open = open(t);
      double offered = Math.max(0, records.at(t));
      double capRecords = Math.min(SHARD_WRITE_RECORDS_PER_SECOND * 60.0,
          SHARD_WRITE_BYTES_PER_SECOND * 60.0 / bytesPerRecord);
      double[] so = new double[open.size()];
      double[] sa = new double[open.size()];
      double accepted = 0;
      for (int i = 0; i < open.size(); i++) {
        ShardSim x = open.get(i);
        so[i] = offered * keys.fraction(x.start, x.end);
        sa[i] = Math.min(so[i], capRecords);
        accepted += sa[i];
      }
      double readCapPerShard = SHARD_READ_BYTES_PER_SECOND * 60.0 / bytesPerRecord;
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
  }

  static final class ShardSim {
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
      Objects.requireNonNull(d, "updateDuration");
      if (d.isNegative()) {
        throw new IllegalArgumentException("updateDuration: must not be negative, was " + d);
      }
      this.updateDuration = d;
      return this;
    }

    /** The account's open-shard limit. Default 500 (us-east-1). */
    public Builder shardLimit(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("shardLimit: must be >= 1, was " + n);
      }
      this.shardLimit = n;
      return this;
    }

    /** UpdateShardCount calls allowed per stream per rolling 24 h. Default 10. */
    public Builder updatesPerDay(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("updatesPerDay: must be >= 0, was " + n);
      }
      this.updatesPerDay = n;
      return this;
    }

    /** Most items per list page (below AWS's own maxima); small values exercise pagination. Default 10,000. */
    public Builder pageSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("pageSize: must be >= 1, was " + n);
      }
      this.pageSize = n;
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
