package dev.themis.emr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.themis.Autoscaler;
import dev.themis.ResourceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Counts the requests of one tick for a cluster with 3 instance groups and 50 nodes (WireMock request journal) and
 * prints the table for the note (also written to {@code target/emr-api-calls.md}). No timing is asserted.
 */
class EmrApiCallCountTest extends EmrWireMockTestBase {

  private Map<String, Integer> count(Runnable tick) {
    wm.resetRequests();
    tick.run();
    Map<String, Integer> counts = new TreeMap<>();
    for (LoggedRequest r : wm.findAll(anyRequestedFor(anyUrl()))) {
      String target = r.getHeader("X-Amz-Target");
      String key;
      if (target != null) {
        key = "EMR " + target.substring(target.indexOf('.') + 1);
      } else if (r.getUrl().contains("GetMetricData")) {
        key = "CloudWatch GetMetricData";
      } else {
        String path = r.getUrl().replaceFirst("^/yarn/[^/]+", "");
        key = "YARN GET " + (path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
      }
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void apiCallsPerTickForThreeGroupsAndFiftyNodes() {
    FakeEmr c = new FakeEmr("j-FIFTY");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 9)
        .group("ig-task", "TASK", "SPOT", 40);
    c.install(wm);
    int[] delta = {0};
    Autoscaler a = builder().resource(ResourceSpec.of("emr", c.clusterId, settings(c)),
        ctx -> new dev.themis.ScalingDecision(ctx.capacity() + delta[0], "test", "test")).build();

    Map<String, Integer> hold = count(a::tick);
    delta[0] = 3;
    clock.advance(Duration.ofMinutes(3));
    Map<String, Integer> up = count(a::tick);
    delta[0] = -2;
    clock.advance(Duration.ofMinutes(10));
    Map<String, Integer> down = count(a::tick);

    StringBuilder table = new StringBuilder(
        "| call (3 groups, 50 nodes; EMR pages of 50) | tick, no action | tick, scale-up | tick, scale-down |\n"
            + "|---|---:|---:|---:|\n");
    TreeMap<String, Integer> all = new TreeMap<>(hold);
    up.forEach(all::putIfAbsent);
    down.forEach(all::putIfAbsent);
    for (String k : all.keySet()) {
      table.append("| ").append(k).append(" | ").append(hold.getOrDefault(k, 0)).append(" | ")
          .append(up.getOrDefault(k, 0)).append(" | ").append(down.getOrDefault(k, 0)).append(" |\n");
    }
    table.append("| **total** | ").append(total(hold)).append(" | ").append(total(up)).append(" | ")
        .append(total(down)).append(" |\n");
    System.out.println(table);
    try {
      Files.writeString(Path.of("target", "emr-api-calls.md"), table.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(1, hold.get("EMR DescribeCluster"));
    assertEquals(1, hold.get("CloudWatch GetMetricData"), "one batched call");
    assertEquals(1, hold.get("EMR ListInstances"), "50 instances fit one page of 50");
    assertEquals(1, up.get("EMR ModifyInstanceGroups"));
    assertEquals(2, up.get("EMR DescribeCluster"), "re-checked before acting");
    assertEquals(List.of(1), List.of(down.get("EMR ModifyInstanceGroups")));
  }

  /**
   * A steady tick costs DescribeCluster, ListInstanceGroups and GetMetricData whatever the node count: instances
   * are listed only when the groups changed, when YARN reports a node the last listing lacks, and (by the
   * executor) before choosing nodes to remove.
   */
  @Test
  void instancesAreListedOnlyWhenSomethingNeedsThem() {
    FakeEmr c = new FakeEmr("j-STEADY");
    c.group("ig-master", "MASTER", "ON_DEMAND", 1).group("ig-core", "CORE", "ON_DEMAND", 9)
        .group("ig-task", "TASK", "SPOT", 40);
    c.pageSize = 10; // five pages of instances: listing would cost five calls
    c.install(wm);
    int[] delta = {0};
    Autoscaler a = builder().resource(ResourceSpec.of("emr", c.clusterId, settings(c)),
        ctx -> new dev.themis.ScalingDecision(ctx.capacity() + delta[0], "test", "test")).build();
    assertEquals(5, count(a::tick).get("EMR ListInstances"), "the first tick lists every page of 10");

    clock.advance(Duration.ofMinutes(3));
    Map<String, Integer> steady = count(a::tick);
    assertEquals(Map.of("EMR DescribeCluster", 1, "EMR ListInstanceGroups", 1, "CloudWatch GetMetricData", 1),
        aws(steady));

    // a group whose counts changed: listed again
    FakeEmr.Group task = c.groups.get(2);
    c.groups.set(2, new FakeEmr.Group(task.id(), task.type(), task.market(), task.instanceType(), 41, 41,
        task.state(), task.reason()));
    c.addNode("ig-task", 0.5, 0.5);
    c.install(wm);
    clock.advance(Duration.ofMinutes(3));
    assertEquals(6, count(a::tick).get("EMR ListInstances"), "51 instances");
    clock.advance(Duration.ofMinutes(3));
    assertEquals(null, count(a::tick).get("EMR ListInstances"), "steady again");

    // a node replaced while the counts stayed: YARN reports a host the listing lacks
    c.nodes.remove(c.nodesOf("ig-task").get(0));
    c.addNode("ig-task", 0.5, 0.5);
    c.install(wm);
    clock.advance(Duration.ofMinutes(3));
    assertEquals(6, count(a::tick).get("EMR ListInstances"));

    // scale-down: the executor lists before it chooses the nodes
    delta[0] = -2;
    clock.advance(Duration.ofMinutes(10));
    Map<String, Integer> down = count(a::tick);
    assertEquals(6, down.get("EMR ListInstances"));
    assertEquals(1, down.get("EMR ModifyInstanceGroups"));
  }

  private static Map<String, Integer> aws(Map<String, Integer> calls) {
    Map<String, Integer> out = new TreeMap<>(calls);
    out.keySet().removeIf(k -> k.startsWith("YARN "));
    return out;
  }

  private static int total(Map<String, Integer> m) {
    return m.values().stream().mapToInt(Integer::intValue).sum();
  }
}
