package dev.themis.testkit.cloudwatch;

import dev.themis.testkit.aws.AwsErrors;
import dev.themis.testkit.aws.SimulatedClient;
import dev.themis.testkit.internal.Args;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * An in-memory CloudWatch behind the real {@link CloudWatchClient} interface, answering {@code GetMetricData} from
 * {@link MetricSource}s (the simulated Kinesis and EMR register theirs). Driven by virtual time; thread-safe.
 *
 * <p>Semantics, after CloudWatch's {@code GetMetricData}:
 *
 * <ul>
 *   <li>{@code MetricStat} queries only (a query with an {@code Expression} is rejected); at most 500 queries;
 *       ids match {@code ^[a-z][a-zA-Z0-9_]*$} and are unique; {@code StartTime < EndTime}; the period is 1, 5,
 *       10, 30 or a multiple of 60 seconds; statistics {@code Sum}, {@code Average}, {@code Minimum},
 *       {@code Maximum}, {@code SampleCount}. Violations throw {@link InvalidParameterValueException}.
 *   <li>The start time is rounded down to the minute; datapoints are at {@code start + k * period} for every
 *       period that begins before {@code EndTime} and has at least one published one-minute sample. Minutes end
 *       {@link Builder#publicationDelay} after they end (default 0) before they are published.
 *   <li>Datapoints are returned newest first unless {@code ScanBy=TimestampAscending}.
 *   <li>A response holds at most {@code MaxDatapoints} (default 100,800) or {@link Builder#pageSize} datapoints,
 *       whichever is smaller; the rest follow with {@code NextToken}, and results cut short say
 *       {@code PartialData}. A query without datapoints is still answered (empty, {@code Complete}).
 *   <li>{@code ReturnData=false} queries are computed but not returned.
 * </ul>
 *
 * <p>Every call is counted ({@link #calls()}, key {@code GetMetricData}); {@link #failNext} and
 * {@link #failRandomly} inject failures (see {@link SimulatedClient}).
 */
public final class SimulatedCloudWatch extends SimulatedClient implements CloudWatchClient {
  private static final AwsErrors ERRORS = AwsErrors.of("CloudWatch");
  private static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");
  private static final Set<String> STATS = Set.of("Sum", "Average", "Minimum", "Maximum", "SampleCount");

  private final InstantSource clock;
  private final Duration publicationDelay;
  private final int pageSize;
  private final List<MetricSource> sources = new CopyOnWriteArrayList<>();

  private SimulatedCloudWatch(Builder b) {
    this.clock = b.clock;
    this.publicationDelay = b.publicationDelay;
    this.pageSize = b.pageSize;
    this.sources.addAll(b.sources);
  }

  public static Builder builder(InstantSource clock) {
    return new Builder(clock);
  }

  /** Adds a source of metrics; sources are asked in the order added, the first answer wins. */
  public SimulatedCloudWatch source(MetricSource source) {
    sources.add(Objects.requireNonNull(source, "source"));
    return this;
  }

  /** A throttling error as the SDK reports it. */
  public static CloudWatchException throttling() {
    return ERRORS.error(CloudWatchException.builder(), CloudWatchException.class, "ThrottlingException", 400,
        "Rate exceeded");
  }

  @Override
  public String serviceName() {
    return CloudWatchClient.SERVICE_NAME;
  }

  @Override
  public void close() {}

  @Override
  public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
    enter("GetMetricData");
    Instant now = clock.instant();
    if (!request.hasMetricDataQueries() || request.metricDataQueries().isEmpty()) {
      throw invalid("MetricDataQueries: at least one query is required");
    }
    if (request.metricDataQueries().size() > 500) {
      throw invalid("MetricDataQueries: at most 500 queries per call, were " + request.metricDataQueries().size());
    }
    if (request.startTime() == null || request.endTime() == null) {
      throw invalid("StartTime and EndTime are required");
    }
    if (!request.startTime().isBefore(request.endTime())) {
      throw invalid("The parameter StartTime (" + request.startTime() + ") must be less than the parameter EndTime ("
          + request.endTime() + ")");
    }
    Set<String> ids = new HashSet<>();
    for (MetricDataQuery q : request.metricDataQueries()) {
      if (q.id() == null || !ID.matcher(q.id()).matches()) {
        throw invalid("Id '" + q.id() + "': must start with a lower-case letter and contain only letters, digits"
            + " and underscores");
      }
      if (!ids.add(q.id())) {
        throw invalid("Id '" + q.id() + "': must be unique within the request");
      }
      if (q.expression() != null) {
        throw invalid("Query " + q.id() + ": the simulated CloudWatch answers MetricStat queries only, not"
            + " expressions ('" + q.expression() + "')");
      }
      MetricStat ms = q.metricStat();
      if (ms == null || ms.metric() == null || ms.metric().metricName() == null || ms.metric().namespace() == null) {
        throw invalid("Query " + q.id() + ": MetricStat with Metric (Namespace, MetricName) is required");
      }
      Integer p = ms.period();
      if (p == null || !(p == 1 || p == 5 || p == 10 || p == 30 || (p > 0 && p % 60 == 0))) {
        throw invalid("Query " + q.id() + ": Period must be 1, 5, 10, 30 or a multiple of 60, was " + p);
      }
      if (!STATS.contains(ms.stat())) {
        throw invalid("Query " + q.id() + ": Stat must be one of " + STATS + " in the simulation, was '"
            + ms.stat() + "'");
      }
    }
    int offset = 0;
    if (request.nextToken() != null) {
      try {
        offset = Integer.parseInt(request.nextToken());
      } catch (NumberFormatException e) {
        offset = -1;
      }
      if (offset < 0) {
        throw ERRORS.error(InvalidNextTokenException.builder(), InvalidNextTokenException.class, "InvalidNextToken",
            400, "The service returned an invalid next token: " + request.nextToken(), "invalid next token");
      }
    }
    boolean ascending = request.scanBy() == ScanBy.TIMESTAMP_ASCENDING;
    Instant published = now.minus(publicationDelay);
    Instant start = request.startTime().truncatedTo(ChronoUnit.MINUTES);

    // Every datapoint of every returned query, in response order.
    Map<String, List<Instant>> times = new LinkedHashMap<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    int total = 0;
    for (MetricDataQuery q : request.metricDataQueries()) {
      if (Boolean.FALSE.equals(q.returnData())) {
        continue;
      }
      MetricStat ms = q.metricStat();
      Map<String, String> dims = new LinkedHashMap<>();
      for (Dimension d : ms.metric().dimensions()) {
        dims.put(d.name(), d.value());
      }
      List<Instant> ts = new ArrayList<>();
      List<Double> vs = new ArrayList<>();
      long period = ms.period();
      for (Instant p = start; p.isBefore(request.endTime()); p = p.plusSeconds(period)) {
        Double v = aggregate(ms, dims, p, period, published);
        if (v != null) {
          ts.add(p);
          vs.add(v);
        }
      }
      if (!ascending) {
        java.util.Collections.reverse(ts);
        java.util.Collections.reverse(vs);
      }
      times.put(q.id(), ts);
      values.put(q.id(), vs);
      labels.put(q.id(), q.label() != null ? q.label() : ms.metric().metricName());
      total += ts.size();
    }
    if (offset > total) {
      throw InvalidNextTokenException.builder()
          .message("The service returned an invalid next token: " + request.nextToken()).statusCode(400).build();
    }
    int limit = request.maxDatapoints() == null ? 100_800 : request.maxDatapoints();
    int page = Math.max(1, Math.min(limit, pageSize));
    int end = Math.min(total, offset + page);
    List<MetricDataResult> results = new ArrayList<>();
    int index = 0;
    for (String id : times.keySet()) {
      List<Instant> ts = times.get(id);
      int from = Math.max(0, offset - index);
      int to = Math.min(ts.size(), end - index);
      boolean first = offset == 0;
      if (from < to || (first && ts.isEmpty())) {
        boolean cut = to < ts.size();
        results.add(MetricDataResult.builder().id(id).label(labels.get(id))
            .timestamps(from < to ? ts.subList(from, to) : List.of())
            .values(from < to ? values.get(id).subList(from, to) : List.of())
            .statusCode(cut ? StatusCode.PARTIAL_DATA : StatusCode.COMPLETE).build());
      }
      index += ts.size();
    }
    return GetMetricDataResponse.builder().metricDataResults(results)
        .nextToken(end < total ? Integer.toString(end) : null).build();
  }

  private Double aggregate(MetricStat ms, Map<String, String> dims, Instant periodStart, long periodSeconds,
      Instant published) {
    double sum = 0;
    double count = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    // Sub-minute periods read the sample of the minute they fall in.
    long minutes = Math.max(1, periodSeconds / 60);
    Instant firstMinute = periodStart.truncatedTo(ChronoUnit.MINUTES);
    for (long m = 0; m < minutes; m++) {
      Instant minute = firstMinute.plusSeconds(60 * m);
      if (minute.plusSeconds(60).isAfter(published)) {
        break;
      }
      MetricSource.Sample s = sample(ms.metric().namespace(), ms.metric().metricName(), dims, minute);
      if (s == null) {
        continue;
      }
      sum += s.sum();
      count += s.count();
      min = Math.min(min, s.min());
      max = Math.max(max, s.max());
    }
    if (count == 0) {
      return null;
    }
    return switch (ms.stat()) {
      case "Sum" -> sum;
      case "Average" -> sum / count;
      case "Minimum" -> min;
      case "Maximum" -> max;
      case "SampleCount" -> count;
      default -> throw new IllegalStateException(ms.stat());
    };
  }

  private MetricSource.Sample sample(String namespace, String metric, Map<String, String> dims, Instant minute) {
    for (MetricSource s : sources) {
      MetricSource.Sample v = s.sample(namespace, metric, dims, minute);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static InvalidParameterValueException invalid(String msg) {
    return ERRORS.error(InvalidParameterValueException.builder(), InvalidParameterValueException.class,
        "InvalidParameterValue", 400, msg);
  }

  /** Configures a {@link SimulatedCloudWatch}. */
  public static final class Builder {
    private final InstantSource clock;
    private Duration publicationDelay = Duration.ZERO;
    private int pageSize = 100_800;
    private final List<MetricSource> sources = new ArrayList<>();

    private Builder(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How long after a minute ends its sample becomes visible. Default 0 (real CloudWatch: about 1-3 min). */
    public Builder publicationDelay(Duration delay) {
      this.publicationDelay = Args.nonNegative(delay, "publicationDelay");
      return this;
    }

    /** Most datapoints per response; small values exercise {@code NextToken} pagination. Default 100,800. */
    public Builder pageSize(int datapoints) {
      this.pageSize = Args.atLeast(datapoints, 1, "pageSize");
      return this;
    }

    public Builder source(MetricSource source) {
      sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    public SimulatedCloudWatch build() {
      return new SimulatedCloudWatch(this);
    }
  }
}
