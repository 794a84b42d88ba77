package dev.themis.testkit.kinesis;

import static dev.themis.testkit.kinesis.KinesisErrors.ACCOUNT;
import static dev.themis.testkit.kinesis.KinesisErrors.ERRORS;
import static dev.themis.testkit.kinesis.KinesisErrors.REGION;
import static dev.themis.testkit.kinesis.KinesisErrors.invalidArgument;
import static dev.themis.testkit.kinesis.KinesisErrors.limitExceeded;
import static dev.themis.testkit.kinesis.KinesisErrors.notFound;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamRequest;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.MergeShardsRequest;
import software.amazon.awssdk.services.kinesis.model.MergeShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
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
 * The Kinesis API operations of the simulation: each validates its request as the service does (AWS limits,
 * {@code ACTIVE} state, adjacency, filters and tokens), applies it to the streams of the {@link KinesisCloud}, and
 * answers in the SDK's shapes, a page at a time. Not thread-safe: {@link SimulatedKinesis} calls it under its lock,
 * after counting the call.
 */
final class KinesisApi {
  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(300);

  private final KinesisCloud cloud;
  private final InstantSource clock;
  private final int shardLimit;
  private final int updatesPerDay;
  private final int pageSize;

  KinesisApi(KinesisCloud cloud, int shardLimit, int updatesPerDay, int pageSize) {
    this.cloud = cloud;
    this.clock = cloud.clock();
    this.shardLimit = shardLimit;
    this.updatesPerDay = updatesPerDay;
    this.pageSize = pageSize;
  }

  DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
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

  DescribeStreamResponse describeStream(DescribeStreamRequest request) {
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

  ListShardsResponse listShards(ListShardsRequest request) {
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
      KinesisTokens.ShardsToken t = KinesisTokens.decodeShards(request.nextToken());
      if (now.isAfter(t.issued().plus(TOKEN_LIFETIME))) {
        throw ERRORS.error(ExpiredNextTokenException.builder(), ExpiredNextTokenException.class,
            "ExpiredNextTokenException", 400, "The nextToken has expired.");
      }
      s = known(t.stream(), null, now);
      from = t.next();
      filter = t.filter();
      filterShard = t.shard();
      filterTime = t.time();
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
    String next = to < all.size() ? KinesisTokens.encodeShards(s.name, to, now, filter, filterShard, filterTime) : null;
    return ListShardsResponse.builder().shards(all.subList(from, to).stream().map(x -> x.toShard(now)).toList())
        .nextToken(next).build();
  }

  ListStreamsResponse listStreams(ListStreamsRequest request) {
    Instant now = clock.instant();
    int limit = request.limit() == null ? 100 : request.limit();
    if (limit < 1 || limit > 10_000) {
      throw invalidArgument("Limit: must be between 1 and 10000, was " + limit);
    }
    List<String> names = new ArrayList<>(cloud.names());
    int from = 0;
    if (request.nextToken() != null) {
      from = KinesisTokens.decodeStreams(request.nextToken());
    } else if (request.exclusiveStartStreamName() != null) {
      from = (int) names.stream().filter(n -> n.compareTo(request.exclusiveStartStreamName()) <= 0).count();
    }
    from = Math.min(from, names.size());
    int to = Math.min(names.size(), from + Math.min(limit, pageSize));
    List<String> page = names.subList(from, to);
    List<StreamSummary> summaries = new ArrayList<>();
    for (String n : page) {
      StreamSim s = cloud.settled(n, now);
      summaries.add(StreamSummary.builder().streamName(n).streamARN(s.arn()).streamStatus(s.status(now))
          .streamModeDetails(StreamModeDetails.builder().streamMode(s.mode).build())
          .streamCreationTimestamp(s.created).build());
    }
    boolean more = to < names.size();
    return ListStreamsResponse.builder().streamNames(List.copyOf(page)).streamSummaries(summaries).hasMoreStreams(more)
        .nextToken(more ? KinesisTokens.encodeStreams(to) : null)
        .build();
  }

  ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request) {
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

  DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
    Instant now = clock.instant();
    int onDemand = 0;
    for (StreamSim s : cloud.streams()) {
      s.settle(now);
      if (s.mode.equals("ON_DEMAND")) {
        onDemand++;
      }
    }
    return DescribeLimitsResponse.builder().shardLimit(shardLimit).openShardCount(cloud.openShardsInAccount(now))
        .onDemandStreamCount(onDemand).onDemandStreamCountLimit(50).build();
  }

  UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
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
      throw ERRORS.error(ValidationException.builder(), ValidationException.class, "ValidationException", 400,
          "UpdateShardCount is not supported for ON_DEMAND streams.");
    }
    int current = s.open(now).size();
    while (!s.updateCalls.isEmpty() && !s.updateCalls.peekFirst().plus(StreamSim.DAY).isAfter(now)) {
      s.updateCalls.pollFirst();
    }
    if (s.updateCalls.size() >= updatesPerDay) {
      throw limitExceeded("Rate exceeded for stream " + s.name + " under account " + ACCOUNT + ": UpdateShardCount"
          + " may be called at most " + updatesPerDay + " times per rolling 24 hours; next call possible at "
          + s.updateCalls.peekFirst().plus(StreamSim.DAY) + ".");
    }
    if (target > 2 * current) {
      throw limitExceeded("UpdateShardCount cannot scale up over double your current open shard count. Current open"
          + " shard count: " + current + " Target shard count: " + target);
    }
    if (2 * target < current) {
      throw limitExceeded("UpdateShardCount cannot scale down below half your current open shard count. Current"
          + " open shard count: " + current + " Target shard count: " + target);
    }
    int after = cloud.openShardsInAccount(now) - current + target;
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

  SplitShardResponse splitShard(SplitShardRequest request) {
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
    if (cloud.openShardsInAccount(now) + 1 > shardLimit) {
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

  MergeShardsResponse mergeShards(MergeShardsRequest request) {
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

  EnableEnhancedMonitoringResponse enableEnhancedMonitoring(EnableEnhancedMonitoringRequest request) {
    Monitoring m = monitoring(request.streamName(), request.streamARN(), request.shardLevelMetricsAsStrings(), true);
    return EnableEnhancedMonitoringResponse.builder().streamName(m.stream.name).streamARN(m.stream.arn())
        .currentShardLevelMetricsWithStrings(m.current).desiredShardLevelMetricsWithStrings(m.desired).build();
  }

  DisableEnhancedMonitoringResponse disableEnhancedMonitoring(DisableEnhancedMonitoringRequest request) {
    Monitoring m = monitoring(request.streamName(), request.streamARN(), request.shardLevelMetricsAsStrings(), false);
    return DisableEnhancedMonitoringResponse.builder().streamName(m.stream.name).streamARN(m.stream.arn())
        .currentShardLevelMetricsWithStrings(m.current).desiredShardLevelMetricsWithStrings(m.desired).build();
  }

  /** Enables (from now) or disables shard-level metrics of an ACTIVE stream. */
  private Monitoring monitoring(String name, String arn, List<String> metrics, boolean enable) {
    Instant now = clock.instant();
    StreamSim s = known(name, arn, now);
    requireActive(s, now);
    List<String> current = List.copyOf(s.enhanced.keySet());
    for (String m : metricNames(metrics)) {
      if (enable) {
        s.enhanced.putIfAbsent(m, now);
      } else {
        s.enhanced.remove(m);
      }
    }
    return new Monitoring(s, current, List.copyOf(s.enhanced.keySet()));
  }

  private record Monitoring(StreamSim stream, List<String> current, List<String> desired) {}

  UpdateStreamModeResponse updateStreamMode(UpdateStreamModeRequest request) {
    Instant now = clock.instant();
    StreamSim s = known(null, request.streamARN(), now);
    requireActive(s, now);
    String mode = request.streamModeDetails() == null ? null : request.streamModeDetails().streamModeAsString();
    if (!"PROVISIONED".equals(mode) && !"ON_DEMAND".equals(mode)) {
      throw invalidArgument("StreamModeDetails.StreamMode: must be PROVISIONED or ON_DEMAND, was " + mode);
    }
    while (!s.modeSwitches.isEmpty() && !s.modeSwitches.peekFirst().plus(StreamSim.DAY).isAfter(now)) {
      s.modeSwitches.pollFirst();
    }
    if (s.modeSwitches.size() >= 2) {
      throw limitExceeded("The capacity mode of stream " + s.name + " can be switched at most twice per 24 hours.");
    }
    s.modeSwitches.addLast(now);
    s.beginUpdate(now, at -> s.mode = mode);
    return UpdateStreamModeResponse.builder().build();
  }

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
        out.addAll(SimulatedKinesis.SHARD_LEVEL_METRICS);
      } else if (SimulatedKinesis.SHARD_LEVEL_METRICS.contains(m)) {
        out.add(m);
      } else {
        throw invalidArgument("ShardLevelMetrics: unknown metric '" + m + "'; expected ALL or one of "
            + SimulatedKinesis.SHARD_LEVEL_METRICS);
      }
    }
    if (out.isEmpty()) {
      throw invalidArgument("ShardLevelMetrics: at least one metric is required");
    }
    return List.copyOf(out);
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
    throw notFound("Could not find shard " + id + " in stream " + s.name + " under account " + ACCOUNT + ".",
        "Could not find shard " + id);
  }

  private void requireActive(StreamSim s, Instant now) {
    String status = s.status(now);
    if (!status.equals("ACTIVE")) {
      String msg = "Stream " + s.name + " under account " + ACCOUNT + " not ACTIVE, instead in state " + status
          + " (until " + s.updatingUntil + ").";
      throw ERRORS.error(ResourceInUseException.builder(), ResourceInUseException.class, "ResourceInUseException",
          400, msg);
    }
  }

  private StreamSim known(String name, String arn, Instant now) {
    String n = name;
    if (n == null && arn != null) {
      int slash = arn.lastIndexOf('/');
      n = slash >= 0 ? arn.substring(slash + 1) : arn;
    }
    StreamSim s = cloud.find(n);
    if (s == null) {
      String msg = "Stream " + n + " under account " + ACCOUNT + " not found.";
      throw notFound(msg, msg);
    }
    s.settle(now);
    return s;
  }
}
