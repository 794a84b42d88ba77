package dev.themis.testkit.emr;

import java.util.List;

/**
 * YARN's view of one cluster at one instant, computed from the simulated instances and the demand. Demand
 * {@code d} (nodes' worth of load) asks for {@code ceil(d * containersPerNode)} containers; at most
 * {@code containersPerNode} run on each serving node (spread evenly, the first nodes take one more), the rest are
 * pending. CPU utilisation of a serving node is {@code min(1, d / serving)}.
 */
record YarnView(List<Node> nodes, int serving, double demand, int nodeMemoryMb, int nodeVcores,
    int containersPerNode, int coreServing, int taskServing) {

  record Node(String host, String state, String groupType) {}

  int containersWanted() {
    return (int) Math.ceil(demand * containersPerNode - 1e-9);
  }

  int containersAllocated() {
    return Math.min(containersWanted(), serving * containersPerNode);
  }

  int containersPending() {
    return containersWanted() - containersAllocated();
  }

  int containerMb() {
    return nodeMemoryMb / containersPerNode;
  }

  double cpuUtilisation() {
    return serving == 0 ? 0 : Math.min(1.0, demand / serving);
  }

  /** Containers on the {@code i}-th serving node. */
  int containersOn(int servingIndex) {
    if (serving == 0) {
      return 0;
    }
    int alloc = containersAllocated();
    return alloc / serving + (servingIndex < alloc % serving ? 1 : 0);
  }
}
