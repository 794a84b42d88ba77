package dev.themis.testkit.emr;

import dev.themis.emr.YarnClient;
import dev.themis.testkit.aws.SimulatedClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The YARN ResourceManagers of a {@link SimulatedEmr}'s clusters, behind the real {@link YarnClient} interface.
 * A ResourceManager answers at the cluster's master host name (its private DNS name, which {@code DescribeCluster}
 * also reports as {@code MasterPublicDnsName}), its private IP, or the cluster id; any other host, or a terminated
 * cluster, fails with an {@link UncheckedIOException} wrapping a {@link ConnectException}, as the HTTP client would.
 *
 * <p>Nodes: every CORE and TASK instance that is RUNNING in EMR; {@code RUNNING} in YARN while serving,
 * {@code DECOMMISSIONING} while draining. The cluster's demand (nodes' worth of load at the clock's time) is
 * spread over the serving nodes, utilisation capped at 100 %; what does not fit is pending containers (see
 * {@link YarnView}); one application runs while there is work, its application master on the oldest serving node.
 * Thread-safe. Calls are counted, and failures injected ({@link SimulatedClient}), as {@code clusterMetrics} and
 * {@code nodes}.
 */
public final class SimulatedYarn extends SimulatedClient implements YarnClient {
  private final SimulatedEmr emr;

  SimulatedYarn(SimulatedEmr emr) {
    this.emr = Objects.requireNonNull(emr, "emr");
  }

  @Override
  public YarnClusterMetrics clusterMetrics(String masterHost) {
    enter("clusterMetrics");
    YarnView v = view(masterHost);
    int decommissioning = (int) v.nodes().stream().filter(n -> n.state().equals("DECOMMISSIONING")).count();
    long total = (long) v.serving() * v.nodeMemoryMb();
    long allocated = (long) v.containersAllocated() * v.containerMb();
    int pending = v.containersPending();
    return new YarnClusterMetrics(pending > 0 ? 1 : 0, v.containersAllocated() > 0 ? 1 : 0, pending,
        v.containersAllocated(), total - allocated, allocated, total, (long) pending * v.containerMb(), v.serving(),
        decommissioning);
  }

  @Override
  public List<YarnNode> nodes(String masterHost) {
    enter("nodes");
    YarnView v = view(masterHost);
    List<YarnNode> out = new ArrayList<>();
    int servingIndex = 0;
    int vcoresPerContainer = Math.max(1, v.nodeVcores() / v.containersPerNode());
    for (YarnView.Node n : v.nodes()) {
      int containers = 0;
      double cpu = 0;
      int masters = 0;
      if (n.state().equals("RUNNING")) {
        // The one application's master runs on the oldest serving node while there is work.
        masters = servingIndex == 0 && v.containersAllocated() > 0 ? 1 : 0;
        containers = v.containersOn(servingIndex++);
        cpu = v.cpuUtilisation();
      }
      long used = (long) containers * v.containerMb();
      int usedVcores = Math.min(v.nodeVcores(), containers * vcoresPerContainer);
      out.add(new YarnNode(n.host() + ":8041", n.host(), n.state(), containers, used, v.nodeMemoryMb() - used,
          usedVcores, v.nodeVcores() - usedVcores, cpu, (double) used / v.nodeMemoryMb(), masters));
    }
    return out;
  }

  private YarnView view(String masterHost) {
    Instant now = emr.clock().instant();
    YarnView v = emr.yarnView(masterHost, now);
    if (v == null) {
      IOException cause = new ConnectException("Connection refused: " + masterHost + ":8088");
      throw new UncheckedIOException("YARN ResourceManager at " + masterHost + ":8088 unreachable", cause);
    }
    return v;
  }
}
