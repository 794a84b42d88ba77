package dev.themis.emr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ResourceManager REST API as recorded from Hadoop 3, served by WireMock to the real HTTP client. */
class HttpYarnClientTest {
  private WireMockServer wm;
  private HttpYarnClient yarn;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    yarn = HttpYarnClient.builder().url("http://127.0.0.1:" + wm.port() + "/rm/{master}/").build();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private void json(String path, String body) {
    wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(body)));
  }

  @Test
  void readsClusterMetrics() {
    json("/rm/master-1/ws/v1/cluster/metrics", "{\"clusterMetrics\":{\"appsSubmitted\":9,\"appsPending\":2,"
        + "\"appsRunning\":3,\"containersAllocated\":17,\"containersPending\":5,\"availableMB\":2048,"
        + "\"allocatedMB\":6144,\"totalMB\":8192,\"activeNodes\":4,\"decommissioningNodes\":1}}");
    YarnClient.YarnClusterMetrics m = yarn.clusterMetrics("master-1");
    assertEquals(new YarnClient.YarnClusterMetrics(2, 3, 5, 17, 2048, 6144, 8192, 0, 4, 1), m);
  }

  @Test
  void readsNodesWithUtilisationAndApplicationMasters() {
    json("/rm/m/ws/v1/cluster/nodes", "{\"nodes\":{\"node\":["
        + "{\"id\":\"ip-1:8041\",\"nodeHostName\":\"ip-1\",\"state\":\"RUNNING\",\"numContainers\":3,"
        + "\"usedMemoryMB\":3000,\"availMemoryMB\":1000,\"usedVirtualCores\":3,\"availableVirtualCores\":1,"
        + "\"resourceUtilization\":{\"nodePhysicalMemoryMB\":2000,\"nodeCPUUsage\":0.25}},"
        + "{\"id\":\"ip-2:8041\",\"nodeHostName\":\"ip-2\",\"state\":\"RUNNING\",\"numContainers\":0,"
        + "\"usedMemoryMB\":0,\"availMemoryMB\":4000,\"usedVirtualCores\":0,\"availableVirtualCores\":4,"
        + "\"resourceUtilization\":{\"nodePhysicalMemoryMB\":1000,\"nodeCPUUsage\":2.0}},"
        + "{\"id\":\"ip-3:8041\",\"nodeHostName\":\"ip-3\",\"state\":\"LOST\",\"numContainers\":0,"
        + "\"usedMemoryMB\":0,\"availMemoryMB\":0}]}}");
    json("/rm/m/ws/v1/cluster/apps", "{\"apps\":{\"app\":[{\"id\":\"a1\",\"amHostHttpAddress\":\"ip-1:8042\"},"
        + "{\"id\":\"a2\",\"amHostHttpAddress\":\"ip-1:8042\"}]}}");
    List<YarnClient.YarnNode> nodes = yarn.nodes("m");
    assertEquals(3, nodes.size());
    YarnClient.YarnNode n1 = nodes.get(0);
    assertEquals("ip-1", n1.host());
    assertEquals(3, n1.containers());
    assertEquals(2, n1.applicationMasters());
    assertEquals(0.25, n1.cpuUtilisation(), 1e-9);
    assertEquals(0.5, n1.memoryUtilisation(), 1e-9);
    assertEquals(0.5, nodes.get(1).cpuUtilisation(), 1e-9, "2 busy vcores of 4");
    assertTrue(Double.isNaN(nodes.get(2).cpuUtilisation()), "not reported");
    assertEquals("LOST", nodes.get(2).state());
  }

  @Test
  void failuresNameTheUrl() {
    wm.stubFor(get(urlPathEqualTo("/rm/m/ws/v1/cluster/metrics")).willReturn(aResponse().withStatus(503)));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> yarn.clusterMetrics("m"));
    assertTrue(e.getMessage().contains("/rm/m/ws/v1/cluster/metrics") && e.getMessage().contains("503"),
        e.getMessage());
    json("/rm/m/ws/v1/cluster/nodes", "not json");
    assertThrows(UncheckedIOException.class, () -> yarn.nodes("m"));
  }

  @Test
  void rejectsUrlsThatAreNotHttp() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HttpYarnClient.builder().url("ftp://x"));
    assertTrue(e.getMessage().contains("ftp://x"));
  }
}
