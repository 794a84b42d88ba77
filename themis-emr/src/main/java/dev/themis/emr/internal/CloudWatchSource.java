package dev.themis.emr.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * The cluster's CloudWatch metrics (namespace {@code AWS/ElasticMapReduce}, dimension {@code JobFlowId}) averaged over
 * the monitoring window, all in one {@code GetMetricData} call (more only if CloudWatch paginates).
 */
final class CloudWatchSource {
  static final List<String> METRICS = List.of("YARNMemoryAvailablePercentage", "ContainerPendingRatio",
      "AppsPending", "IsIdle");
  /** EMR publishes every 5 minutes; a shorter window would often find no datapoint. */
  static final Duration MIN_WINDOW = Duration.ofMinutes(10);
  static final int PERIOD_SECONDS = 300;

  private final AwsAccess aws;
  private final String clusterId;

  CloudWatchSource(AwsAccess aws, String clusterId) {
    this.aws = aws;
    this.clusterId = clusterId;
  }

  /** Metric name → window average; metrics without datapoints are absent from the map. */
  Map<String, Double> read(Instant now, Duration window) {
    Duration w = window.compareTo(MIN_WINDOW) < 0 ? MIN_WINDOW : window;
    List<MetricDataQuery> queries = new ArrayList<>();
    for (String m : METRICS) {
      queries.add(MetricDataQuery.builder().id(id(m)).returnData(true)
          .metricStat(MetricStat.builder().period(PERIOD_SECONDS).stat("Average")
              .metric(Metric.builder().namespace("AWS/ElasticMapReduce").metricName(m)
                  .dimensions(Dimension.builder().name("JobFlowId").value(clusterId).build()).build())
              .build())
          .build());
    }
    Map<String, List<Double>> values = new HashMap<>();
    Map<String, software.amazon.awssdk.services.cloudwatch.model.StatusCode> lastStatus = new HashMap<>();
    String token = null;
    do {
      GetMetricDataResponse r = aws.cloudWatch().getMetricData(aws.decorate(GetMetricDataRequest.builder()
          .metricDataQueries(queries).startTime(now.minus(w)).endTime(now).nextToken(token)).build());
      for (MetricDataResult result : r.metricDataResults()) {
        values.computeIfAbsent(result.id(), k -> new ArrayList<>()).addAll(result.values());
        lastStatus.put(result.id(), result.statusCode());
      }
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    // PartialData on the last page: CloudWatch did not deliver the whole window; the metric is missing, not averaged
    // over what came.
    lastStatus.forEach((id, status) -> {
      if (status == software.amazon.awssdk.services.cloudwatch.model.StatusCode.PARTIAL_DATA) {
        values.remove(id);
      }
    });
    Map<String, Double> out = new HashMap<>();
    for (String m : METRICS) {
      List<Double> v = values.getOrDefault(id(m), List.of());
      double avg = v.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      if (Double.isFinite(avg)) {
        out.put(m, avg);
      }
    }
    return out;
  }

  static String id(String metric) {
    return metric.toLowerCase(Locale.ROOT);
  }
}
