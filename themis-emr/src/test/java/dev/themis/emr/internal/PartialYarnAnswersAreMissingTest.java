package dev.themis.emr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.emr.HttpYarnClient;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, items 1 and 11: an empty or partial YARN answer read as zero load (fields absent became 0 containers,
 * 0 pending, an idle node), and a refused connection was reported as "failed: null". Partial is missing, and
 * missing never scales down; the message says what happened.
 */
class PartialYarnAnswersAreMissingTest extends EmrWireMockTestBase {

  @Test
  void clusterMetricsWithoutTheirFieldsAreMissingNotZero() {
    FakeEmr c = FakeEmr.original("j-PARTIALM").load(null, 0.05, 0.05);
    Autoscaler a = autoscaler(c, delta(-1));
    wm.stubFor(get(urlPathEqualTo(c.yarnPrefix() + "/ws/v1/cluster/metrics")).atPriority(1)
        .willReturn(FakeEmr.okJson("{\"clusterMetrics\":{\"appsRunning\":3}}")));
    ResourceOutcome o = only(a.tick());
    ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(held.state().missingMetrics().contains("yarn.containers.pending"), held.state().missingMetrics()
        ::toString);
    assertFalse(held.state().metric("yarn.containers.pending").isPresent());
    assertTrue(held.reasons().toString().contains("never scales down"), held.reasons()::toString);
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty());
  }

  @Test
  void nodesWithoutContainerCountsAreNotIdle() {
    FakeEmr c = FakeEmr.original("j-PARTIALN").load(null, 0.05, 0.05);
    Autoscaler a = autoscaler(c, delta(-1));
    // Every node listed, none with numContainers or utilisation: nothing is known about their load.
    StringBuilder nodes = new StringBuilder("{\"nodes\":{\"node\":[");
    for (FakeEmr.Node n : c.nodes) {
      nodes.append(nodes.charAt(nodes.length() - 1) == '[' ? "" : ",").append("{\"id\":\"").append(n.host())
          .append(":8041\",\"nodeHostName\":\"").append(n.host()).append("\",\"state\":\"RUNNING\"}");
    }
    nodes.append("]}}");
    wm.stubFor(get(urlPathEqualTo(c.yarnPrefix() + "/ws/v1/cluster/nodes")).atPriority(1)
        .willReturn(FakeEmr.okJson(nodes.toString())));
    ResourceOutcome o = only(a.tick());
    ResourceOutcome.Held held = assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(held.state().missingMetrics().contains("tasknodes.average.cpu"), held.state().missingMetrics()
        ::toString);
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty(), "no idle node chosen on a partial answer");
  }

  @Test
  void aRefusedConnectionSaysSo() {
    FakeEmr c = FakeEmr.original("j-REFUSED");
    c.install(wm);
    Autoscaler a = builder().resource(ResourceSpec.of("emr", c.clusterId,
        settings(c, "yarn_url", "http://127.0.0.1:1")), delta(-1)).build();
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(o.state().missingMetrics().contains("yarn.containers.pending"));
    UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
        () -> HttpYarnClient.builder().url("http://127.0.0.1:1").build().clusterMetrics("m"));
    assertTrue(e.getMessage().endsWith("failed: connection refused or unreachable"), e.getMessage());
  }
}
