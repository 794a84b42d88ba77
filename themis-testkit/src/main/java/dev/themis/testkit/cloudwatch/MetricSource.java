package dev.themis.testkit.cloudwatch;

import java.time.Instant;
import java.util.Map;

/**
 * Where a {@link SimulatedCloudWatch} gets its data: one-minute samples of metrics, computed by a simulated cloud
 * from its state and demand at that minute. The simulated clouds provide one ({@code SimulatedKinesis.metrics()},
 * {@code SimulatedEmr.metrics()}); a test can add its own.
 */
@FunctionalInterface
public interface MetricSource {
  /**
   * The sample of one metric for the minute starting at {@code minute}, or null if this source has no datapoint for
   * it (unknown namespace, metric or dimensions, or no data that minute).
   *
   * @param dimensions the query's dimensions, exactly as given (CloudWatch matches the full set)
   */
  Sample sample(String namespace, String metricName, Map<String, String> dimensions, Instant minute);

  /**
   * Aggregated values of one minute, as CloudWatch keeps them.
   *
   * @param sum the sum of the values
   * @param count how many values (CloudWatch's SampleCount), {@code > 0}
   * @param min the smallest value
   * @param max the largest value
   */
  record Sample(double sum, double count, double min, double max) {
    public Sample {
      if (!(count > 0)) {
        throw new IllegalArgumentException("count: must be > 0, was " + count);
      }
    }

    /** One value observed once (a gauge). */
    public static Sample of(double value) {
      return new Sample(value, 1, value, value);
    }

    /** A total made of {@code count} equal values (e.g. bytes put in {@code count} calls). */
    public static Sample total(double sum, double count) {
      double each = sum / count;
      return new Sample(sum, count, each, each);
    }
  }
}
