package dev.themis.emr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster served over the wire by WireMock: EMR JSON 1.1 ({@code X-Amz-Target: ElasticMapReduce.*}), CloudWatch
 * RPC v2 CBOR and the YARN ResourceManager REST API. Build the cluster, then {@link #install(WireMockServer)}.
 */
final class FakeEmr {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String AMZ_JSON = "application/x-amz-json-1.1";

  record Group(String id, String type, String market, String instanceType, int requested, int running, String state,
      String reason) {}

  record Node(String id, String ec2, String group, String host, String ip, String state, double cpu, double mem,
      int containers, int appMasters, boolean inYarn) {
    Node withLoad(double c, double m, int cont, int ams) {
      return new Node(id, ec2, group, host, ip, state, c, m, cont, ams, inYarn);
    }
  }

  final String clusterId;
  String state = "RUNNING";
  String collectionType = "INSTANCE_GROUP";
  final List<Group> groups = new ArrayList<>();
  final List<Node> nodes = new ArrayList<>();
  final List<ObjectNode> fleets = new ArrayList<>();
  int pageSize = 50;
  boolean yarnUp = true;
  int containersPending = 0;
  int appsPending = 0;
  /** The StatusCode every CloudWatch result carries. */
  String cloudWatchStatus = "Complete";
  Map<String, Double> cloudWatch = new LinkedHashMap<>(Map.of("YARNMemoryAvailablePercentage", 40.0,
      "ContainerPendingRatio", 0.0, "AppsPending", 0.0, "IsIdle", 0.0));
  List<Map.Entry<String, String>> tags = new ArrayList<>();
  /** YARN node state by host (default RUNNING). */
  Map<String, String> yarnStates = new LinkedHashMap<>();
  /** Market of fleet instances by EC2 id (default ON_DEMAND). */
  Map<String, String> fleetMarkets = new LinkedHashMap<>();
  private int nextIp = 10;

  FakeEmr(String clusterId) {
    this.clusterId = clusterId;
  }

  /** The original test suite's cluster: master, core (1), task_od (2 ON_DEMAND), task_spot (5 SPOT). */
  static FakeEmr original(String clusterId) {
    FakeEmr f = new FakeEmr(clusterId);
    f.group("ig-master", "MASTER", "ON_DEMAND", 1);
    f.group("ig-core", "CORE", "ON_DEMAND", 1);
    f.group("ig-task-od", "TASK", "ON_DEMAND", 2);
    f.group("ig-task-spot", "TASK", "SPOT", 5);
    return f;
  }

  FakeEmr group(String id, String type, String market, int count) {
    return group(id, type, market, count, count, "RUNNING", "");
  }

  FakeEmr group(String id, String type, String market, int requested, int running, String state, String reason) {
    groups.add(new Group(id, type, market, "m5.xlarge", requested, running, state, reason));
    for (int i = 0; i < running; i++) {
      addNode(id, 0.5, 0.5);
    }
    return this;
  }

  Node addNode(String groupId, double cpu, double mem) {
    int n = nextIp++;
    String ip = "10.0." + (n / 250) + "." + (n % 250);
    String host = "ip-" + ip.replace('.', '-') + ".ec2.internal";
    Node node = new Node("ci-" + clusterId + "-" + n, "i-" + clusterId.substring(2).toLowerCase() + n, groupId, host,
        ip, "RUNNING", cpu, mem, 1, 0, true);
    nodes.add(node);
    return node;
  }

  List<Node> nodesOf(String groupId) {
    return nodes.stream().filter(n -> n.group().equals(groupId)).toList();
  }

  /** Sets cpu and mem of every node of the given groups (null: all non-master nodes). */
  FakeEmr load(String groupId, double cpu, double mem) {
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (groupId == null ? !n.group().equals("ig-master") : n.group().equals(groupId)) {
        nodes.set(i, n.withLoad(cpu, mem, n.containers(), n.appMasters()));
      }
    }
    return this;
  }

  void replace(Node old, Node updated) {
    nodes.set(nodes.indexOf(old), updated);
  }

  String typeOf(String groupId) {
    return groups.stream().filter(g -> g.id().equals(groupId)).findFirst().map(Group::type).orElse("FLEET");
  }

  // ---------------------------------------------------------------- stubs

  void install(WireMockServer wm) {
    wm.stubFor(emr("DescribeCluster").withRequestBody(matchingJsonPath("$.ClusterId", equalTo(clusterId)))
        .willReturn(amz(describeCluster())));
    List<ObjectNode> igs = new ArrayList<>();
    for (Group g : groups) {
      ObjectNode o = JSON.createObjectNode().put("Id", g.id()).put("Name", g.id()).put("Market", g.market())
          .put("InstanceGroupType", g.type()).put("InstanceType", g.instanceType())
          .put("RequestedInstanceCount", g.requested()).put("RunningInstanceCount", g.running());
      ObjectNode status = o.putObject("Status").put("State", g.state());
      if (!g.reason().isEmpty()) {
        status.putObject("StateChangeReason").put("Code", "INTERNAL_ERROR").put("Message", g.reason());
      }
      igs.add(o);
    }
    paged(wm, "ListInstanceGroups", "InstanceGroups", igs);
    paged(wm, "ListInstanceFleets", "InstanceFleets", fleets);
    List<ObjectNode> instances = new ArrayList<>();
    for (Node n : nodes) {
      ObjectNode o = JSON.createObjectNode().put("Id", n.id()).put("Ec2InstanceId", n.ec2())
          .put("PrivateDnsName", n.host()).put("PrivateIpAddress", n.ip()).put("InstanceType", "m5.xlarge");
      if (collectionType.equals("INSTANCE_FLEET")) {
        o.put("InstanceFleetId", n.group());
        o.put("Market", fleetMarkets.getOrDefault(n.ec2(), "ON_DEMAND"));
      } else {
        o.put("InstanceGroupId", n.group());
        o.put("Market", groups.stream().filter(g -> g.id().equals(n.group())).findFirst().orElseThrow().market());
      }
      o.putObject("Status").put("State", n.state());
      instances.add(o);
    }
    paged(wm, "ListInstances", "Instances", instances);
    wm.stubFor(emr("ModifyInstanceGroups").withRequestBody(matchingJsonPath("$.ClusterId", equalTo(clusterId)))
        .willReturn(amz("{}")));
    wm.stubFor(emr("ModifyInstanceFleet").withRequestBody(matchingJsonPath("$.ClusterId", equalTo(clusterId)))
        .willReturn(amz("{}")));
    installYarn(wm);
    wm.stubFor(post(urlEqualTo("/service/GraniteServiceVersion20100801/operation/GetMetricData"))
        .willReturn(cbor(metricData())));
  }

  void installYarn(WireMockServer wm) {
    if (!yarnUp) {
      wm.stubFor(get(urlPathEqualTo(yarnPrefix() + "/ws/v1/cluster/metrics")).willReturn(aResponse().withStatus(503)));
      wm.stubFor(get(urlPathEqualTo(yarnPrefix() + "/ws/v1/cluster/nodes")).willReturn(aResponse().withStatus(503)));
      return;
    }
    ObjectNode metrics = JSON.createObjectNode();
    long total = 0;
    long used = 0;
    ArrayNode list = JSON.createArrayNode();
    ArrayNode apps = JSON.createArrayNode();
    int app = 0;
    for (Node n : nodes) {
      if (n.group().equals("ig-master") || typeOf(n.group()).equals("MASTER") || !n.inYarn()
          || !n.state().equals("RUNNING")) {
        continue;
      }
      long nodeMem = 16384;
      long usedMem = Math.round(nodeMem * n.mem());
      total += nodeMem;
      used += usedMem;
      ObjectNode y = list.addObject().put("id", n.host() + ":8041").put("nodeHostName", n.host())
          .put("state", yarnStates.getOrDefault(n.host(), "RUNNING"))
          .put("numContainers", n.containers()).put("usedMemoryMB", usedMem)
          .put("availMemoryMB", nodeMem - usedMem).put("usedVirtualCores", 2).put("availableVirtualCores", 2);
      y.putObject("resourceUtilization").put("nodePhysicalMemoryMB", usedMem).put("nodeCPUUsage", n.cpu());
      for (int i = 0; i < n.appMasters(); i++) {
        apps.addObject().put("id", "application_" + (app++)).put("amHostHttpAddress", n.host() + ":8042");
      }
    }
    metrics.putObject("clusterMetrics").put("appsPending", appsPending).put("appsRunning", app)
        .put("containersPending", containersPending).put("containersAllocated", 10).put("availableMB", total - used)
        .put("allocatedMB", used).put("totalMB", total).put("activeNodes", list.size())
        .put("decommissioningNodes", 0);
    ObjectNode nodesDoc = JSON.createObjectNode();
    nodesDoc.putObject("nodes").set("node", list);
    ObjectNode appsDoc = JSON.createObjectNode();
    appsDoc.putObject("apps").set("app", apps);
    wm.stubFor(get(urlPathEqualTo(yarnPrefix() + "/ws/v1/cluster/metrics")).willReturn(okJson(metrics.toString())));
    wm.stubFor(get(urlPathEqualTo(yarnPrefix() + "/ws/v1/cluster/nodes")).willReturn(okJson(nodesDoc.toString())));
    wm.stubFor(get(urlPathEqualTo(yarnPrefix() + "/ws/v1/cluster/apps")).willReturn(okJson(appsDoc.toString())));
  }

  private String describeCluster() {
    ObjectNode c = JSON.createObjectNode();
    ObjectNode cluster = c.putObject("Cluster").put("Id", clusterId).put("Name", clusterId)
        .put("InstanceCollectionType", collectionType).put("MasterPublicDnsName", "ec2-master.compute.amazonaws.com");
    cluster.putObject("Status").put("State", state);
    ArrayNode t = cluster.putArray("Tags");
    tags.forEach(e -> t.addObject().put("Key", e.getKey()).put("Value", e.getValue()));
    return c.toString();
  }

  private void paged(WireMockServer wm, String op, String field, List<ObjectNode> items) {
    int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
    for (int p = 0; p < pages; p++) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode a = body.putArray(field);
      items.subList(p * pageSize, Math.min(items.size(), (p + 1) * pageSize)).forEach(a::add);
      if (p + 1 < pages) {
        body.put("Marker", "page-" + (p + 1));
      }
      MappingBuilder m = emr(op).withRequestBody(matchingJsonPath("$.ClusterId", equalTo(clusterId)));
      m = p == 0 ? m.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"Marker\""))
          : m.withRequestBody(matchingJsonPath("$.Marker", equalTo("page-" + p)));
      wm.stubFor(m.willReturn(amz(body.toString())));
    }
  }

  private byte[] metricData() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CBORGenerator g = new CBORFactory().createGenerator(out);
      g.writeStartObject();
      g.writeFieldName("MetricDataResults");
      g.writeStartArray();
      for (Map.Entry<String, Double> e : cloudWatch.entrySet()) {
        g.writeStartObject();
        g.writeStringField("Id", CloudWatchSource.id(e.getKey()));
        g.writeStringField("Label", e.getKey());
        g.writeFieldName("Timestamps");
        g.writeStartArray();
        g.writeTag(1);
        g.writeNumber(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond());
        g.writeEndArray();
        g.writeFieldName("Values");
        g.writeStartArray();
        g.writeNumber(e.getValue());
        g.writeEndArray();
        g.writeStringField("StatusCode", cloudWatchStatus);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves Ganglia's load_report for every running worker: a0 = 4 x cpu, with a NaN point as Ganglia has. */
  void installGanglia(WireMockServer wm) {
    for (Node n : nodes) {
      if (typeOf(n.group()).equals("MASTER")) {
        continue;
      }
      double a0 = 4 * n.cpu();
      String body = "[{\"ds_name\":\"a0\",\"datapoints\":[[\"NaN\",1464656400],[" + a0 + ",1464656415],["
          + a0 + ",1464656430]]},{\"ds_name\":\"a5\",\"datapoints\":[[99,1464656400]]}]";
      wm.stubFor(get(urlPathEqualTo("/ganglia/" + clusterId + "/graph.php"))
          .withQueryParam("h", equalTo(n.host())).withQueryParam("g", equalTo("load_report"))
          .willReturn(okJson(body)));
    }
  }

  String gangliaUrl(WireMockServer wm) {
    return "http://127.0.0.1:" + wm.port() + "/ganglia/" + clusterId;
  }

  // ---------------------------------------------------------------- helpers for tests

  String yarnPrefix() {
    return "/yarn/" + clusterId;
  }

  String yarnUrl(WireMockServer wm) {
    return "http://127.0.0.1:" + wm.port() + yarnPrefix();
  }

  static MappingBuilder emr(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("ElasticMapReduce." + operation));
  }

  static ResponseDefinitionBuilder amz(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", AMZ_JSON).withBody(body);
  }

  static ResponseDefinitionBuilder amzError(int status, String type, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", AMZ_JSON)
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  static ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder cbor(byte[] body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/cbor")
        .withHeader("smithy-protocol", "rpc-v2-cbor").withBody(body);
  }
}
