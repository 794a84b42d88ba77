package dev.themis.emr;

import java.util.List;

/**
 * Reads the YARN ResourceManager of a cluster. The default implementation speaks the ResourceManager REST API
 * ({@code /ws/v1/cluster/metrics}, {@code /ws/v1/cluster/nodes}) over HTTP; the testkit's simulated EMR implements
 * it in memory. Implementations throw {@link java.io.UncheckedIOException} (or another runtime exception) when the
 * ResourceManager cannot be read; the monitor then reports the YARN metrics as missing.
 */
public interface YarnClient {
  /**
   * Cluster-wide metrics.
   *
   * @param masterHost the master node's host name or address (the ResourceManager runs there)
   */
  YarnClusterMetrics clusterMetrics(String masterHost);

  /** Every node the ResourceManager knows, in any state. */
  List<YarnNode> nodes(String masterHost);

  /**
   * {@code /ws/v1/cluster/metrics}.
   *
   * @param appsPending applications waiting to start
   * @param appsRunning applications running
   * @param containersPending containers requested but not yet allocated
   * @param containersAllocated containers running
   * @param availableMB memory not allocated to containers
   * @param allocatedMB memory allocated to containers
   * @param totalMB all memory the ResourceManager manages
   * @param pendingMB memory requested by pending containers (0 if the ResourceManager does not report it)
   * @param activeNodes nodes in state RUNNING
   * @param decommissioningNodes nodes being decommissioned
   */
  record YarnClusterMetrics(
      int appsPending, int appsRunning, int containersPending, int containersAllocated, long availableMB,
      long allocatedMB, long totalMB, long pendingMB, int activeNodes, int decommissioningNodes) {}

  /**
   * One element of {@code /ws/v1/cluster/nodes}.
   *
   * @param id the YARN node id, {@code host:port}
   * @param host the node's host name
   * @param state {@code RUNNING}, {@code DECOMMISSIONING}, {@code UNHEALTHY}, {@code LOST}...
   * @param containers running containers
   * @param usedMemoryMB memory allocated to containers
   * @param availMemoryMB memory free for containers
   * @param usedVirtualCores vcores allocated
   * @param availableVirtualCores vcores free
   * @param cpuUtilisation {@code resourceUtilization.nodeCPUUsage} as a fraction 0..1, NaN if not reported
   * @param memoryUtilisation {@code resourceUtilization.nodePhysicalMemoryMB / total} as a fraction 0..1, NaN if
   *     not reported
   * @param applicationMasters application masters running on the node (0 if unknown)
   */
  record YarnNode(
      String id, String host, String state, int containers, long usedMemoryMB, long availMemoryMB,
      int usedVirtualCores, int availableVirtualCores, double cpuUtilisation, double memoryUtilisation,
      int applicationMasters) {}
}
