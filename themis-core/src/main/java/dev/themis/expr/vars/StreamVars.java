package dev.themis.expr.vars;

import java.util.Map;
import java.util.Set;

/**
 * The variable {@code stream} of a Kinesis stream: {@code stream.<Metric>.average|max|min|sum|last} over the
 * window, per-minute values from CloudWatch ({@code Sum}; the iterator age {@code Maximum}). Metric names are the
 * original's: the dot of {@code GetRecords.IteratorAgeMilliseconds} is an underscore. A metric that was not
 * collected has every statistic NaN. Immutable.
 */
@SuppressWarnings("checkstyle:MemberName")
public final class StreamVars {
  /** The metric names this class exposes, in declaration order. */
  public static final Set<String> METRICS = Set.of(
      "IncomingBytes", "IncomingRecords", "GetRecords_IteratorAgeMilliseconds", "ReadProvisionedThroughputExceeded",
      "WriteProvisionedThroughputExceeded", "OutgoingBytes", "OutgoingRecords");

  public final MetricStats IncomingBytes;
  public final MetricStats IncomingRecords;
  public final MetricStats GetRecords_IteratorAgeMilliseconds;
  public final MetricStats ReadProvisionedThroughputExceeded;
  public final MetricStats WriteProvisionedThroughputExceeded;
  public final MetricStats OutgoingBytes;
  public final MetricStats OutgoingRecords;

  private StreamVars(Map<String, MetricStats> m) {
    IncomingBytes = get(m, "IncomingBytes");
    IncomingRecords = get(m, "IncomingRecords");
    GetRecords_IteratorAgeMilliseconds = get(m, "GetRecords_IteratorAgeMilliseconds");
    ReadProvisionedThroughputExceeded = get(m, "ReadProvisionedThroughputExceeded");
    WriteProvisionedThroughputExceeded = get(m, "WriteProvisionedThroughputExceeded");
    OutgoingBytes = get(m, "OutgoingBytes");
    OutgoingRecords = get(m, "OutgoingRecords");
  }

  /**
   * Stream statistics by metric name ({@link #METRICS}; {@code GetRecords.IteratorAgeMilliseconds} is accepted for
   * {@code GetRecords_IteratorAgeMilliseconds}).
   *
   * @throws IllegalArgumentException for an unknown metric name
   */
  public static StreamVars of(Map<String, MetricStats> metrics) {
    for (String k : metrics.keySet()) {
      if (!METRICS.contains(k.replace('.', '_'))) {
        throw new IllegalArgumentException("stream metric: expected one of " + METRICS + ", was '" + k + "'");
      }
    }
    return new StreamVars(metrics);
  }

  static MetricStats get(Map<String, MetricStats> m, String name) {
    MetricStats s = m.get(name);
    if (s == null) {
      s = m.get(name.replace('_', '.'));
    }
    return s == null ? MetricStats.missing() : s;
  }
}
