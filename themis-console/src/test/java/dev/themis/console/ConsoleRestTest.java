package dev.themis.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.themis.ResourceOutcome;
import dev.themis.console.metrics.ThemisMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint of the console over real HTTP, with the error paths, against a replayed Kinesis stream. */
class ConsoleRestTest {
  static final String TOKEN = "s3cret-token-for-tests";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ThemisMetrics metrics = new ThemisMetrics();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private ReplayFixture fx;
  private ThemisConsole console;
  private final Map<String, ThemisConsole> others = new LinkedHashMap<>();

  @BeforeEach
  void start() throws IOException {
    fx = new ReplayFixture(metrics);
    metrics.bindTo(registry);
    fx.ticks(60); // three hours of the trace
    console = ThemisConsole.start(fx.autoscaler,
        ConsoleOptions.builder().token(TOKEN).prometheus(registry::scrape).maxRequestBytes(4096).build());
  }

  @AfterEach
  void stop() {
    console.close();
    others.values().forEach(ThemisConsole::close);
  }

  record Reply(int status, HttpResponse<String> raw, JsonNode json) {}

  private Reply send(ThemisConsole c, String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(c.address().resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
        ? JSON.readTree(r.body()) : null;
    return new Reply(r.statusCode(), r, json);
  }

  private Reply get(String path) throws Exception {
    return send(console, "GET", path, null);
  }

  private Reply put(String path, String body) throws Exception {
    return send(console, "PUT", path, body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
  }

  private static final String S = "/api/v1/resources/kinesis/clickstream";

  @Test
  void bindsToLoopbackByDefaultAndServesThePageWithStrictHeaders() throws Exception {
    assertThat(console.address().getHost()).isEqualTo("127.0.0.1");
    Reply page = get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().body()).contains("<script src=\"app.js\"").doesNotContain("http://", "https://");
    assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
    assertThat(page.raw().headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(get("/app.js").raw().body()).contains("const API = 'api/v1'");
    assertThat(get("/app.css").status()).isEqualTo(200);
    assertThat(get("/favicon.svg").raw().headers().firstValue("Content-Type")).contains("image/svg+xml");
    assertThat(get("/nothing-here").status()).isEqualTo(404);
  }

  @Test
  void servesAnOpenApiDocumentNamingEveryEndpoint() throws Exception {
    JsonNode doc = get("/api/v1/openapi.json").json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.get("paths").fieldNames()).toIterable().contains("/status", "/resources", "/resources/{type}/{name}",
        "/resources/{type}/{name}/decisions", "/resources/{type}/{name}/events", "/resources/{type}/{name}/timeline",
        "/resources/{type}/{name}/cost", "/resources/{type}/{name}/config", "/resources/{type}/{name}/pause",
        "/resources/{type}/{name}/dry-run", "/config", "/config/changes");
    assertThat(get("/api/v1").json().get("openapi").asText()).isEqualTo("/api/v1/openapi.json");
  }

  @Test
  void listsResourcesWithTheirCurrentState() throws Exception {
    JsonNode list = get("/api/v1/resources").json().get("resources");
    assertThat(list).extracting(n -> n.get("id").asText()).containsExactly("fixed:batch", "kinesis:clickstream");
    JsonNode stream = list.get(1);
    assertThat(stream.get("capacity").asInt()).isEqualTo(fx.kinesis.openShards("clickstream"));
    assertThat(stream.get("settings").get("maxCapacity").asInt()).isEqualTo(8);
    assertThat(stream.get("metrics").has("stream.IncomingBytes.average")).isTrue();

    JsonNode one = get(S).json();
    assertThat(one.get("latest").get("reason").asText()).contains("stream_upscale_expr");
    assertThat(get("/api/v1/resources/kinesis/nope").status()).isEqualTo(404);
    assertThat(get("/api/v1/resources/kinesis/nope").json().get("error").asText()).contains("unknown resource 'kinesis:nope'");
    assertThat(get("/api/v1/resources/KINESIS/x").status()).isEqualTo(400);
    assertThat(get(S + "/bogus").status()).isEqualTo(404);
    assertThat(get("/api/v1/resources/kinesis").status()).isEqualTo(404);
  }

  @Test
  void decisionsSayWhyWithTheirInputs() throws Exception {
    JsonNode d = get(S + "/decisions?limit=5").json().get("decisions");
    assertThat(d).hasSize(5);
    assertThat(d.get(0).get("at").asText()).isEqualTo(fx.clock.instant().toString());
    assertThat(d.get(0).get("metrics").size()).isPositive();
    assertThat(d.get(0).has("reasons")).isTrue();
    assertThat(get(S + "/decisions?limit=0").status()).isEqualTo(400);
    assertThat(get(S + "/decisions?limit=abc").json().get("error").asText())
        .isEqualTo("limit: expected a whole number from 1 to 500, was 'abc'");
    assertThat(get(S + "/decisions?limit=1&limit=2").status()).isEqualTo(400);
  }

  @Test
  void eventsArePaginatedOverATimeRange() throws Exception {
    long applied = fx.autoscaler.history().query(ReplayFixture.STREAM, ReplayFixture.START, fx.clock.instant().plusSeconds(1))
        .stream().filter(o -> o instanceof ResourceOutcome.Applied).count();
    assertThat(applied).isGreaterThan(2);
    String range = "from=" + ReplayFixture.START + "&to=" + fx.clock.instant().plusSeconds(1);
    JsonNode first = get(S + "/events?" + range + "&size=2").json();
    assertThat(first.get("total").asLong()).isEqualTo(applied);
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("kind").asText()).isEqualTo("Applied");
    assertThat(first.get("items").get(0).get("actions").get(0).asText()).isNotBlank();
    JsonNode second = get(S + "/events?" + range + "&size=2&page=1").json();
    assertThat(second.get("items").get(0).get("at").asText())
        .isLessThan(first.get("items").get(1).get("at").asText());
    JsonNode held = get(S + "/events?" + range + "&kinds=Held&size=500").json();
    assertThat(held.get("total").asLong()).isEqualTo(60 - applied);
    assertThat(get(S + "/events?kinds=Bogus").status()).isEqualTo(400);
    assertThat(get(S + "/events?from=yesterday").json().get("error").asText()).contains("from: expected an ISO-8601 instant");
    assertThat(get(S + "/events?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z").status()).isEqualTo(400);
  }

  @Test
  void timelineAndCostsCoverThePeriod() throws Exception {
    JsonNode t = get(S + "/timeline?from=" + ReplayFixture.START + "&maxPoints=20").json();
    assertThat(t.get("points").size()).isBetween(20, 40); // thinned, every action kept
    assertThat(t.get("metricNames")).extracting(JsonNode::asText).contains("stream.IncomingBytes.average");
    assertThat(t.get("bounds").get("maxCapacity").asInt()).isEqualTo(8);
    // The stream's schedule window (all day: floor 1, cap 8) is drawn with every point.
    assertThat(t.get("points")).allSatisfy(p -> {
      assertThat(p.get("floor").asInt()).isEqualTo(1);
      assertThat(p.get("cap").asInt()).isEqualTo(8);
    });
    JsonNode c = get(S + "/cost?period=3h").json();
    assertThat(c.get("baselineCapacity").asInt()).isEqualTo(8); // no baseline_nodes: max_capacity
    assertThat(c.get("unitHours").asDouble()).isPositive().isLessThan(c.get("baselineCost").asDouble());
    assertThat(c.get("saved").asDouble()).isEqualTo(c.get("baselineCost").asDouble() - c.get("cost").asDouble());
    assertThat(get(S + "/cost?period=soon").json().get("error").asText())
        .isEqualTo("period: expected a duration from 1s to 366d such as 24h or 7d, was 'soon'");
    assertThat(get(S + "/cost?period=0s").status()).isEqualTo(400);
  }

  @Test
  void aValidKeyChangeAppliesLiveAndIsRecordedWithTheCaller() throws Exception {
    JsonNode cfg = get(S + "/config").json();
    assertThat(cfg.get("managedByConfiguration").asBoolean()).isTrue();
    assertThat(cfg.get("values").get("max_capacity").asText()).isEqualTo("8");
    assertThat(cfg.get("keys")).extracting(k -> k.get("name").asText()).contains("max_capacity", "stream_upscale_expr");

    Reply r = put(S + "/config", "{\"set\": {\"max_capacity\": 1, \"scale_down_cooldown\": null}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("change").get("actor").asText()).isEqualTo("token:operator");
    assertThat(r.json().get("change").get("entries").toString()).contains("kinesis.clickstream.max_capacity");
    assertThat(fx.autoscaler.settings(ReplayFixture.STREAM).orElseThrow().maxCapacity()).isEqualTo(1);
    assertThat(get("/api/v1/config/changes").json().get("changes").get(0).get("actor").asText())
        .isEqualTo("token:operator");
    assertThat(get("/api/v1/config").json().get("resources").get("kinesis").get("clickstream").get("max_capacity")
        .asText()).isEqualTo("1");
  }

  @Test
  void anInvalidChangeNamesEachKeyAndChangesNothing() throws Exception {
    String before = get("/api/v1/config").raw().body();
    Reply r = put(S + "/config", "{\"set\": {\"scale_down_cooldown\": \"soon\", \"stream_upscale_expr\": \"shards.cont + 1\","
        + " \"max_shardz\": 3}}");
    assertThat(r.status()).isEqualTo(422);
    Map<String, String> byKey = new LinkedHashMap<>();
    r.json().get("problems").forEach(p -> byKey.put(p.get("key").asText(), p.get("expected").asText()));
    assertThat(byKey).containsKeys("scale_down_cooldown", "stream_upscale_expr", "max_shardz");
    assertThat(byKey.get("max_shardz")).contains("did you mean");
    assertThat(get("/api/v1/config").raw().body()).isEqualTo(before);
    assertThat(get("/api/v1/config/changes").json().get("changes")).isEmpty();
  }

  @Test
  void malformedBodiesAreRefused() throws Exception {
    assertThat(put(S + "/config", "{\"set\": ").json().get("error").asText()).startsWith("body: malformed JSON");
    assertThat(put(S + "/config", "[1]").status()).isEqualTo(400);
    assertThat(put(S + "/config", "{\"keys\": {}}").status()).isEqualTo(400);
    assertThat(put(S + "/config", "{\"set\": {\"max_capacity\": [1]}}").json().get("error").asText())
        .startsWith("set.max_capacity: expected a string, number, boolean or null");
    assertThat(put(S + "/pause", "{\"up\": \"yes\"}").status()).isEqualTo(400);
    assertThat(put(S + "/pause", "{}").status()).isEqualTo(400);
    assertThat(put(S + "/dry-run", "{\"on\": true}").status()).isEqualTo(400);
    assertThat(put("/api/v1/config", "{\"resources\": {\"kinesis\": {\"clickstream\": {\"max_shards\": 0, \"min_shards\":"
        + " 2}}}}").status()).isEqualTo(422);
    assertThat(send(console, "DELETE", S + "/config", null, "Authorization", "Bearer " + TOKEN, "Content-Type",
        "application/json").status()).isEqualTo(405);
    assertThat(put(S, "{}").status()).isEqualTo(405);
  }

  @Test
  void pauseDryRunAndWholeDocumentsApplyLive() throws Exception {
    assertThat(put(S + "/pause", "{\"up\": true, \"down\": true}").status()).isEqualTo(200);
    assertThat(fx.autoscaler.settings(ReplayFixture.STREAM).orElseThrow().pauseScaleUp()).isTrue();
    assertThat(get(S).json().get("settings").get("pauseScaleDown").asBoolean()).isTrue();
    assertThat(put(S + "/pause", "{\"up\": false}").status()).isEqualTo(200);
    assertThat(fx.autoscaler.settings(ReplayFixture.STREAM).orElseThrow().pauseScaleUp()).isFalse();
    assertThat(put(S + "/dry-run", "{\"enabled\": true}").status()).isEqualTo(200);
    // the next ticks only say what they would do
    assertThat(fx.ticks(40).stream().flatMap(t -> t.outcome(ReplayFixture.STREAM).stream()))
        .noneMatch(o -> o instanceof ResourceOutcome.Applied);
    String doc = get("/api/v1/config").raw().body().replace("\"max_shards\":\"8\"", "\"max_shards\":\"6\"");
    Reply whole = put("/api/v1/config", doc.replace("\"max_capacity\":\"8\"", "\"max_capacity\":\"6\""));
    assertThat(whole.status()).isEqualTo(200);
    assertThat(fx.autoscaler.settings(ReplayFixture.STREAM).orElseThrow().maxCapacity()).isEqualTo(6);
    assertThat(get("/api/v1/config/changes").json().get("changes")).hasSize(4);
    assertThat(put("/api/v1/resources/fixed/batch/config", "{\"set\": {\"max_capacity\": 3}}").status())
        .isEqualTo(409);
  }

  @Test
  void mutationsNeedAHeaderCredentialAndJson() throws Exception {
    String body = "{\"set\": {\"max_capacity\": 2}}";
    Reply none = send(console, "PUT", S + "/config", body, "Content-Type", "application/json");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"themis\"");
    assertThat(send(console, "PUT", S + "/config", body, "Content-Type", "application/json", "Authorization",
        "Bearer wrong-token-wrong-token").status()).isEqualTo(401);
    // A cookie is what a cross-site form would carry: it is not a credential here.
    assertThat(send(console, "PUT", S + "/config", body, "Content-Type", "application/json", "Cookie",
        "token=" + TOKEN).status()).isEqualTo(401);
    // A cross-site form can only send form or text bodies.
    assertThat(send(console, "PUT", S + "/config", body, "Content-Type", "application/x-www-form-urlencoded",
        "Authorization", "Bearer " + TOKEN).status()).isEqualTo(415);
    assertThat(send(console, "POST", S + "/config", body, "Content-Type", "text/plain", "Authorization",
        "Bearer " + TOKEN).status()).isEqualTo(415);
    assertThat(send(console, "PUT", S + "/config", body, "Content-Type", "application/json", "Authorization",
        "Bearer " + TOKEN, "Origin", "http://evil.example").status()).isEqualTo(403);
    assertThat(fx.autoscaler.configChanges()).isEmpty();
    // reads need nothing
    assertThat(get(S + "/config").status()).isEqualTo(200);
  }

  @Test
  void readOnlyAndCredentialFreeConsolesRefuseEveryChange() throws Exception {
    ThemisConsole ro = ThemisConsole.start(fx.autoscaler, ConsoleOptions.builder().token(TOKEN).readOnly(true).build());
    others.put("ro", ro);
    ThemisConsole open = ThemisConsole.start(fx.autoscaler, ConsoleOptions.defaults());
    others.put("open", open);
    String body = "{\"up\": true}";
    Reply r1 = send(ro, "PUT", S + "/pause", body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
    assertThat(r1.status()).isEqualTo(403);
    assertThat(r1.json().get("error").asText()).contains("read-only");
    Reply r2 = send(open, "PUT", S + "/pause", body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
    assertThat(r2.status()).isEqualTo(401);
    assertThat(r2.json().get("error").asText()).contains("no credential is accepted");
    assertThat(send(ro, "GET", "/api/v1/status", null).json().get("readOnly").asBoolean()).isTrue();
    assertThat(send(open, "GET", "/api/v1/status", null).json().get("mutationsAllowed").asBoolean()).isFalse();
    assertThat(fx.autoscaler.configChanges()).isEmpty();
  }

  @Test
  void requestsOverTheSizeLimitAreRefused() throws Exception {
    String big = "{\"set\": {\"stream_upscale_expr\": \"" + "1 + ".repeat(2000) + "1\"}}";
    Reply r = put(S + "/config", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).isEqualTo("request body: at most 4096 bytes, was " + big.length());
    // chunked, without a Content-Length
    HttpRequest chunked = HttpRequest.newBuilder(console.address().resolve(S + "/config"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            big.getBytes(StandardCharsets.UTF_8)))).build();
    assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    assertThat(fx.autoscaler.configChanges()).isEmpty();
  }

  @Test
  void aForeignHostHeaderIsRefused() throws Exception {
    // java.net.http will not send another Host header: speak HTTP/1.1 on a socket.
    int port = console.address().getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /api/v1/resources HTTP/1.1\r\nHost: attacker.example:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(reply).startsWith("HTTP/1.1 421").contains("Host header 'attacker.example:" + port + "'");
    }
  }

  @Test
  void mountsInTheHostsOwnServerUnderAPath() throws Exception {
    // given a host's own JDK server with the console's handler at /themis/
    com.sun.net.httpserver.HttpServer own = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    ConsoleOptions options = ConsoleOptions.builder().token(TOKEN).build();
    own.createContext("/themis/", ThemisConsole.httpHandler(ThemisConsole.handler(fx.autoscaler, options), 1024));
    own.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + own.getAddress().getPort() + "/themis/");
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("src=\"app.js\""); // relative: resolves to /themis/app.js
      HttpResponse<String> list = http.send(HttpRequest.newBuilder(base.resolve("api/v1/resources")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(list.body()).contains("\"kinesis:clickstream\"");
      HttpResponse<String> change = http.send(HttpRequest.newBuilder(base.resolve(
              "api/v1/resources/kinesis/clickstream/dry-run")).header("Authorization", "Bearer " + TOKEN)
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": true}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(change.statusCode()).isEqualTo(200);
      assertThat(fx.autoscaler.settings(ReplayFixture.STREAM).orElseThrow().dryRun()).isTrue();
    } finally {
      own.stop(0);
    }
  }

  @Test
  void servesAPrometheusScrapeOfTheMeterBinder() throws Exception {
    Reply r = get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().body())
        .contains("themis_capacity{resource=\"kinesis:clickstream\",type=\"kinesis\"}")
        .contains("themis_actions_total{direction=\"up\",resource=\"kinesis:clickstream\",type=\"kinesis\"}")
        .contains("themis_tick_seconds_count 60")
        .contains("themis_stage_seconds_count{resource=\"kinesis:clickstream\",stage=\"observe\",type=\"kinesis\"} 60")
        .contains("stage=\"decide\"").contains("stage=\"apply\"");
    ThemisConsole none = ThemisConsole.start(fx.autoscaler, ConsoleOptions.defaults());
    others.put("none", none);
    assertThat(send(none, "GET", "/metrics", null).status()).isEqualTo(404);
  }
}
