package dev.themis.testkit.emr;

import dev.themis.testkit.cloudwatch.MetricSource;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * The clusters' CloudWatch metrics (namespace {@code AWS/ElasticMapReduce}, dimension {@code JobFlowId}), every
 * 5 minutes as EMR publishes them, computed from YARN's view of the cluster at that minute.
 */
final class EmrMetrics {
  private EmrMetrics() {}

  /** A source answering from {@code views} (cluster id and minute to YARN's view, or null). */
  static MetricSource of(BiFunction<String, Instant, YarnView> views) {
    return (namespace, metric, dims, minute) -> {
      if (!"AWS/ElasticMapReduce".equals(namespace) || dims.size() != 1 || !dims.containsKey("JobFlowId")
          || minute.getEpochSecond() % 300 != 0) {
        return null;
      }
      YarnView v = views.apply(dims.get("JobFlowId"), minute);
      if (v == null) {
        return null;
      }
      double total = (double) v.serving() * v.nodeMemoryMb();
      double allocated = (double) v.containersAllocated() * v.containerMb();
      double pending = v.containersPending();
      double value;
      switch (metric) {
        case "YARNMemoryAvailablePercentage" -> value = total == 0 ? 0 : 100.0 * (total - allocated) / total;
        case "ContainerPending" -> value = pending;
        case "ContainerAllocated" -> value = v.containersAllocated();
        case "ContainerPendingRatio" -> value = v.containersAllocated() == 0 ? pending
            : pending / v.containersAllocated();
        case "AppsPending" -> value = pending > 0 ? 1 : 0;
        case "AppsRunning" -> value = v.containersAllocated() > 0 ? 1 : 0;
        case "IsIdle" -> value = v.containersWanted() == 0 ? 1 : 0;
        case "CoreNodesRunning" -> value = v.coreServing();
        case "TaskNodesRunning" -> value = v.taskServing();
        case "MemoryTotalMB" -> value = total;
        case "MemoryAllocatedMB" -> value = allocated;
        case "MemoryAvailableMB" -> value = total - allocated;
        default -> {
          return null;
        }
      }
      return MetricSource.Sample.of(value);
    };
  }
}
