/**
 * A simulated CloudWatch ({@link dev.themis.testkit.cloudwatch.SimulatedCloudWatch}, a {@code CloudWatchClient})
 * answering {@code GetMetricData} from the simulated clouds' {@link dev.themis.testkit.cloudwatch.MetricSource}s.
 */
package dev.themis.testkit.cloudwatch;
