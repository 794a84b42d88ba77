package dev.themis.kinesis.internal;

import dev.themis.kinesis.MetricSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads a stream's CloudWatch metrics with as few GetMetricData calls as possible: every stream-level and
 * shard-level metric of the stream in one request of up to {@value #MAX_QUERIES} queries (AWS's bound), following
 * NextToken pages. Per-period values are {@code Sum}, iterator ages {@code Maximum}. As in the original, periods
 * without a datapoint count as zero except the last two (CloudWatch may not have them yet); but a load metric
 * ({@link #REQUIRED}) without a single datapoint in the window is missing, not zero.
 */
final class StreamMetricsReader {
  static final int MAX_QUERIES = 500;
  static final String NAMESPACE = "AWS/Kinesis";

  /** Stream-level metrics: the original's five, plus GetRecords.Bytes for read utilisation. */
  static final List<String> STREAM_METRICS = List.of(
      "IncomingBytes", "IncomingRecords", "GetRecords.IteratorAgeMilliseconds", "ReadProvisionedThroughputExceeded",
      "WriteProvisionedThroughputExceeded", "GetRecords.Bytes");

  /**
   * Metrics that carry a stream's load: a series with no datapoint in the whole window is missing, never zero. Other
   * metrics (iterator age, throttles, reads) have no datapoints when nothing reads or nothing is throttled.
   */
  static final Set<String> REQUIRED = Set.of("IncomingBytes", "IncomingRecords");

  /**
   * What was read.
   *
   * @param stream stream-level statistics by metric name
   * @param shards shard-level statistics by shard id, then metric name
   * @param missing names ({@code stream.<Metric>} or {@code shards.<Metric>}) that could not be read
   * @param calls GetMetricData calls made
   */
  record Result(
      Map<String, MetricSummary> stream, Map<String, Map<String, MetricSummary>> shards, Set<String> missing,
      int calls) {}

  private StreamMetricsReader() {}

  static Result read(CloudWatchClient cw, String stream, List<String> shardIds, Set<String> shardMetrics,
      Instant now, Duration window, Duration period) {
    long p = period.getSeconds();
    Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), p) * p);
    Instant start = end.minus(window);
    int slots = (int) (window.getSeconds() / p);

    // id -> (metric key, shard or null)
    Map<String, String[]> byId = new LinkedHashMap<>();
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < STREAM_METRICS.size(); i++) {
      String m = STREAM_METRICS.get(i);
      String id = "s" + i;
      byId.put(id, new String[] {m, null});
      queries.add(query(id, stream, null, m, (int) p));
    }
    List<String> sortedMetrics = new ArrayList<>(new TreeSet<>(shardMetrics));
    for (int s = 0; s < shardIds.size(); s++) {
      for (int j = 0; j < sortedMetrics.size(); j++) {
        String id = "h" + s + "_" + j;
        byId.put(id, new String[] {sortedMetrics.get(j), shardIds.get(s)});
        queries.add(query(id, stream, shardIds.get(s), sortedMetrics.get(j), (int) p));
      }
    }

    Map<String, double[]> series = new HashMap<>();
    Set<String> failedIds = new TreeSet<>();
    int calls = 0;
    for (int from = 0; from < queries.size(); from += MAX_QUERIES) {
      List<MetricDataQuery> batch = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES));
      Map<String, StatusCode> lastStatus = new HashMap<>();
      String token = null;
      do {
        GetMetricDataResponse r = cw.getMetricData(GetMetricDataRequest.builder()
            .metricDataQueries(batch).startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING)
            .nextToken(token).build());
        calls++;
        for (MetricDataResult res : r.metricDataResults()) {
          double[] values = series.computeIfAbsent(res.id(), k -> {
            double[] a = new double[slots];
            Arrays.fill(a, Double.NaN);
            return a;
          });
          List<Instant> ts = res.timestamps();
          List<Double> vs = res.values();
          for (int k = 0; k < Math.min(ts.size(), vs.size()); k++) {
            long idx = (ts.get(k).getEpochSecond() - start.getEpochSecond()) / p;
            if (idx >= 0 && idx < slots && vs.get(k) != null && Double.isFinite(vs.get(k))) {
              values[(int) idx] = Double.isNaN(values[(int) idx]) ? vs.get(k) : values[(int) idx];
            }
          }
          StatusCode status = res.statusCode();
          if (status != null && status != StatusCode.COMPLETE && status != StatusCode.PARTIAL_DATA) {
            failedIds.add(res.id());
          }
          lastStatus.put(res.id(), status);
        }
        token = r.nextToken();
      } while (token != null && !token.isEmpty());
      // PartialData on the last page (no token left to follow) is data CloudWatch did not deliver: missing, as an
      // empty answer is, so that it never scales down.
      lastStatus.forEach((id, status) -> {
        if (status == StatusCode.PARTIAL_DATA) {
          failedIds.add(id);
        }
      });
    }

    Map<String, MetricSummary> streamStats = new LinkedHashMap<>();
    Map<String, Map<String, MetricSummary>> shardStats = new LinkedHashMap<>();
    shardIds.forEach(id -> shardStats.put(id, new LinkedHashMap<>()));
    Set<String> missing = new TreeSet<>();
    byId.forEach((id, what) -> {
      String metric = what[0];
      String shard = what[1];
      if (failedIds.contains(id)) {
        missing.add((shard == null ? "stream." : "shards.") + metric.replace('.', '_'));
        return;
      }
      double[] values = series.get(id);
      if (REQUIRED.contains(metric) && (values == null || Arrays.stream(values).allMatch(Double::isNaN))) {
        // Kinesis publishes these every minute a stream is written to: none at all in the window means CloudWatch
        // did not deliver them (even when it says Complete), not that the load is zero.
        missing.add((shard == null ? "stream." : "shards.") + metric.replace('.', '_'));
        return;
      }
      if (values == null) {
        values = new double[slots];
        Arrays.fill(values, Double.NaN);
      }
      for (int k = 0; k < slots - 2; k++) {
        if (Double.isNaN(values[k])) {
          values[k] = 0;
        }
      }
      MetricSummary summary = MetricSummary.of(values);
      if (shard == null) {
        streamStats.put(metric, summary);
      } else {
        shardStats.get(shard).put(metric, summary);
      }
    });
    return new Result(streamStats, shardStats, missing, calls);
  }

  /** GetMetricData calls one tick needs for a stream of {@code shards} with {@code metricsPerShard}. */
  static int callsFor(int shards, int metricsPerShard) {
    int q = STREAM_METRICS.size() + shards * metricsPerShard;
    return (q + MAX_QUERIES - 1) / MAX_QUERIES;
  }

  private static MetricDataQuery query(String id, String stream, String shard, String metric, int period) {
    List<Dimension> dims = new ArrayList<>();
    dims.add(Dimension.builder().name("StreamName").value(stream).build());
    if (shard != null) {
      dims.add(Dimension.builder().name("ShardId").value(shard).build());
    }
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(MetricStat.builder()
            .metric(Metric.builder().namespace(NAMESPACE).metricName(metric).dimensions(dims).build())
            .period(period)
            .stat(metric.contains("IteratorAge") ? "Maximum" : "Sum")
            .build())
        .returnData(true)
        .build();
  }
}
