package dev.themis.kinesis.internal;

import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.kinesis.MetricSummary;
import dev.themis.kinesis.OpenShard;
import dev.themis.kinesis.StreamSnapshot;
import dev.themis.spi.ResourceGoneException;
import dev.themis.spi.ResourceMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EnhancedMetrics;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Observes one stream per tick: DescribeStreamSummary (status, mode, enhanced monitoring), ListShards (open shards
 * only, paginated; only when the summary shows a change or after a reshard) and one batched GetMetricData (see
 * {@link StreamMetricsReader}). A steady tick of a stream with up to 247 shards of shard-level metrics (any number
 * with stream-level metrics only) makes two AWS calls.
 *
 * <p>A missing or deleting stream is a {@link ResourceGoneException} (the autoscaler reports it as gone). A CloudWatch failure is
 * not: the state then lists the metrics as missing, so the autoscaler holds rather than scaling down blind.
 */
final class StreamMonitor implements ResourceMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(StreamMonitor.class);
  static final int LIST_SHARDS_PAGE = 1000;

  private final ResourceId id;
  private final StreamConfig config;
  private final Supplier<KinesisClient> kinesis;
  private final Supplier<CloudWatchClient> cloudWatch;
  private final VariablesFactory variables;
  private Instant updatingSince;
  // The last ListShards result, for the stream created then (see openShards()).
  private List<OpenShard> listed;
  private Instant listedCreated;
  private volatile boolean shardsMayHaveChanged;

  StreamMonitor(ResourceId id, StreamConfig config, Supplier<KinesisClient> kinesis,
      Supplier<CloudWatchClient> cloudWatch, VariablesFactory variables) {
    this.id = id;
    this.config = config;
    this.kinesis = kinesis;
    this.cloudWatch = cloudWatch;
    this.variables = variables;
  }

  @Override
  public ResourceState observe(Instant now, Duration window) {
    KinesisClient k = kinesis.get();
    String name = config.streamName();
    StreamDescriptionSummary summary;
    try {
      summary = k.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
    } catch (ResourceNotFoundException e) {
      throw new ResourceGoneException(id, "stream " + name + " does not exist");
    }
    StreamStatus status = summary.streamStatus();
    if (status == StreamStatus.DELETING) {
      throw new ResourceGoneException(id, "stream " + name + " is being deleted");
    }
    String mode = summary.streamModeDetails() == null || summary.streamModeDetails().streamMode() == null
        ? "PROVISIONED"
        : summary.streamModeDetails().streamModeAsString();
    Set<String> enabled = new TreeSet<>();
    for (EnhancedMetrics em : summary.enhancedMonitoring()) {
      em.shardLevelMetricsAsStrings().forEach(enabled::add);
    }
    if (enabled.remove("ALL")) {
      enabled.addAll(KinesisKeys.SHARD_METRICS);
    }
    boolean active = status == StreamStatus.ACTIVE;
    boolean reconfigured = false;
    if (active) {
      Set<String> before = enabled;
      enabled = reconcileEnhancedMonitoring(k, name, enabled);
      // Enabling or disabling shard-level metrics puts the stream in UPDATING for a moment: no resharding now.
      reconfigured = !enabled.equals(before);
    }

    List<OpenShard> shards = new ArrayList<>();
    int openShards = summary.openShardCount() == null ? 0 : summary.openShardCount();
    if (status != StreamStatus.CREATING) {
      shards = openShards(k, summary);
      openShards = shards.size();
    }

    Map<String, MetricSummary> streamMetrics = Map.of();
    Set<String> missing = new TreeSet<>();
    boolean shardLevel = config.readShardMetrics(enabled) && !shards.isEmpty();
    if (!shards.isEmpty()) {
      try {
        StreamMetricsReader.Result r = StreamMetricsReader.read(cloudWatch.get(), name,
            shardLevel ? shards.stream().map(OpenShard::shardId).toList() : List.of(),
            shardLevel ? config.shardMetrics() : Set.of(), now, config.metricsWindow(), config.metricsPeriod());
        streamMetrics = r.stream();
        missing.addAll(r.missing());
        if (shardLevel) {
          List<OpenShard> withMetrics = new ArrayList<>(shards.size());
          for (OpenShard s : shards) {
            withMetrics.add(new OpenShard(s.shardId(), s.range(), r.shards().getOrDefault(s.shardId(), Map.of())));
          }
          shards = withMetrics;
        }
      } catch (SdkException e) {
        LOG.warn("{}: CloudWatch metrics unavailable: {}", id, e.toString());
        StreamMetricsReader.STREAM_METRICS.forEach(m -> {
          if (!m.equals("GetRecords.Bytes")) {
            missing.add("stream." + m.replace('.', '_'));
          }
        });
        missing.add("cloudwatch");
      }
    }

    if (status == StreamStatus.UPDATING) {
      if (updatingSince == null) {
        updatingSince = now;
      }
    } else {
      updatingSince = null;
    }
    StreamSnapshot snapshot = new StreamSnapshot(name, status.toString(), mode, enabled, shards, streamMetrics,
        config.metricsPeriod());
    Map<String, Double> metrics = flatMetrics(snapshot, openShards);
    if (updatingSince != null) {
      metrics.put("status.updating_seconds", (double) Duration.between(updatingSince, now).getSeconds());
    }
    metrics.put("stream.on_demand", snapshot.onDemand() ? 1.0 : 0.0);
    return new ResourceState(id, now, openShards, !active || reconfigured, metrics, missing, variables.variables(snapshot, openShards, metrics),
        snapshot);
  }

  private Set<String> reconcileEnhancedMonitoring(KinesisClient k, String name, Set<String> enabled) {
    if (config.enhancedMonitoring().isEmpty() || config.dryRun()) {
      return enabled;
    }
    if (config.enhancedMonitoring().get()) {
      Set<String> wanted = new TreeSet<>(config.shardMetrics());
      wanted.removeAll(enabled);
      if (!wanted.isEmpty()) {
        LOG.info("{}: enabling shard-level metrics {}", id, wanted);
        k.enableEnhancedMonitoring(r -> r.streamName(name).shardLevelMetricsWithStrings(wanted));
        Set<String> now = new TreeSet<>(enabled);
        now.addAll(wanted);
        return now;
      }
    } else if (!enabled.isEmpty()) {
      LOG.info("{}: disabling shard-level metrics {}", id, enabled);
      k.disableEnhancedMonitoring(r -> r.streamName(name).shardLevelMetrics(MetricsName.ALL));
      return Set.of();
    }
    return enabled;
  }

  /**
   * The open shards: listed again (every page) only when the summary shows a change since the last listing (open
   * shard count, status other than ACTIVE, a re-created stream) or after the executor acted; else the last listing.
   */
  private List<OpenShard> openShards(KinesisClient k, StreamDescriptionSummary summary) {
    boolean same = listed != null && !shardsMayHaveChanged && summary.streamStatus() == StreamStatus.ACTIVE
        && summary.openShardCount() != null && summary.openShardCount() == listed.size()
        && java.util.Objects.equals(summary.streamCreationTimestamp(), listedCreated);
    if (!same) {
      shardsMayHaveChanged = false;
      listed = List.copyOf(listOpenShards(k, config.streamName()));
      listedCreated = summary.streamCreationTimestamp();
    }
    return new ArrayList<>(listed);
  }

  /** After a reshard (or an attempt): the next observation lists the shards again. */
  void shardsMayHaveChanged() {
    shardsMayHaveChanged = true;
  }

  private List<OpenShard> listOpenShards(KinesisClient k, String name) {
    List<OpenShard> out = new ArrayList<>();
    String token = null;
    try {
      do {
        ListShardsRequest req = token == null
            ? ListShardsRequest.builder().streamName(name).maxResults(LIST_SHARDS_PAGE)
                .shardFilter(ShardFilter.builder().type(ShardFilterType.AT_LATEST).build()).build()
            : ListShardsRequest.builder().nextToken(token).maxResults(LIST_SHARDS_PAGE).build();
        ListShardsResponse r = k.listShards(req);
        for (Shard s : r.shards()) {
          if (s.sequenceNumberRange() != null && s.sequenceNumberRange().endingSequenceNumber() != null) {
            continue; // closed
          }
          out.add(OpenShard.of(s.shardId(),
              HashRange.of(s.hashKeyRange().startingHashKey(), s.hashKeyRange().endingHashKey())));
        }
        token = r.nextToken();
      } while (token != null && !token.isEmpty());
    } catch (ResourceNotFoundException e) {
      throw new ResourceGoneException(id, "stream " + name + " disappeared while its shards were being listed");
    }
    out.sort(Comparator.comparing(OpenShard::range));
    return out;
  }

  static Map<String, Double> flatMetrics(StreamSnapshot s, int openShards) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("shards.count", (double) openShards);
    s.streamMetrics().forEach((name, stats) -> put(m, "stream." + exprName(name), stats));
    Map<String, List<MetricSummary>> perMetric = new LinkedHashMap<>();
    for (OpenShard shard : s.openShards()) {
      shard.metrics().forEach((name, stats) -> perMetric.computeIfAbsent(name, x -> new ArrayList<>()).add(stats));
    }
    perMetric.forEach((name, list) -> put(m, "shards." + name, aggregate(list)));
    Duration p = s.period();
    MetricSummary inBytes = s.metric("IncomingBytes");
    MetricSummary inRecords = s.metric("IncomingRecords");
    MetricSummary outBytes = s.metric("GetRecords.Bytes");
    double wb = Limits.streamLoad(inBytes.average(), Limits.WRITE_BYTES_PER_SECOND, p, openShards);
    double wr = Limits.streamLoad(inRecords.average(), Limits.WRITE_RECORDS_PER_SECOND, p, openShards);
    double rb = Limits.streamLoad(outBytes.average(), Limits.READ_BYTES_PER_SECOND, p, openShards);
    putFinite(m, "utilisation.write.bytes", wb);
    putFinite(m, "utilisation.write.records", wr);
    putFinite(m, "utilisation.read.bytes", rb);
    putFinite(m, "utilisation.max", Limits.max(Limits.max(wb, wr), rb));
    double peak = Limits.max(Limits.max(
        Limits.streamLoad(inBytes.max(), Limits.WRITE_BYTES_PER_SECOND, p, openShards),
        Limits.streamLoad(inRecords.max(), Limits.WRITE_RECORDS_PER_SECOND, p, openShards)),
        Limits.streamLoad(outBytes.max(), Limits.READ_BYTES_PER_SECOND, p, openShards));
    putFinite(m, "utilisation.peak", peak);
    double hottest = Double.NaN;
    for (OpenShard shard : s.openShards()) {
      hottest = Limits.max(hottest, Limits.shardLoad(shard, p, false));
    }
    putFinite(m, "utilisation.hottest_shard", hottest);
    putFinite(m, "iterator_age.max_ms", s.metric("GetRecords.IteratorAgeMilliseconds").max());
    putFinite(m, "iterator_age.last_ms", s.metric("GetRecords.IteratorAgeMilliseconds").last());
    putFinite(m, "throttled.write.sum", s.metric("WriteProvisionedThroughputExceeded").sum());
    putFinite(m, "throttled.read.sum", s.metric("ReadProvisionedThroughputExceeded").sum());
    return m;
  }

  /**
   * Cross-shard aggregate: average of the per-shard averages, min of mins, max of maxes, sum of sums, sum of lasts.
   * (The original meant to compute these but filled only one metric, with the wrong data.)
   */
  static MetricSummary aggregate(List<MetricSummary> list) {
    double avg = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double last = 0;
    int n = 0;
    int points = 0;
    for (MetricSummary ms : list) {
      if (!ms.present()) {
        continue;
      }
      n++;
      avg += ms.average();
      min = Math.min(min, ms.min());
      max = Math.max(max, ms.max());
      sum += ms.sum();
      last += ms.last();
      points = Math.max(points, ms.points());
    }
    return n == 0 ? MetricSummary.missing() : new MetricSummary(avg / n, max, min, sum, last, points);
  }

  /** The expression name of a CloudWatch metric: dots become underscores; GetRecords.Bytes is OutgoingBytes. */
  static String exprName(String metric) {
    return metric.equals("GetRecords.Bytes") ? "OutgoingBytes" : metric.replace('.', '_');
  }

  private static void put(Map<String, Double> m, String prefix, MetricSummary s) {
    putFinite(m, prefix + ".average", s.average());
    putFinite(m, prefix + ".max", s.max());
    putFinite(m, prefix + ".min", s.min());
    putFinite(m, prefix + ".sum", s.sum());
    putFinite(m, prefix + ".last", s.last());
  }

  private static void putFinite(Map<String, Double> m, String name, double v) {
    if (Double.isFinite(v)) {
      m.put(name, v);
    }
  }
}
