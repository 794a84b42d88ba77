package dev.themis.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link YarnClient} over the YARN ResourceManager REST API, with {@link java.net.http.HttpClient}. Reads
 * {@code /ws/v1/cluster/metrics}, {@code /ws/v1/cluster/nodes} and, to count application masters per node,
 * {@code /ws/v1/cluster/apps?states=RUNNING}. Thread-safe; makes no request until asked.
 *
 * <p>{@code resourceUtilization.nodeCPUUsage} is read as a fraction when it is at most 1, otherwise as a number of
 * busy vcores and divided by the node's vcores (Hadoop versions differ). Memory utilisation is
 * {@code nodePhysicalMemoryMB} over the node's YARN memory ({@code usedMemoryMB + availMemoryMB}), capped at 1.
 *
 * <p>Failures (connection refused, timeout, a status other than 200, unparsable JSON, a metrics answer without a
 * field the monitor reads) throw {@link UncheckedIOException}, naming the URL. A node entry without
 * {@code numContainers} or {@code state} is left out, so that node's load is missing rather than idle.
 */
public final class HttpYarnClient implements YarnClient {
  /** The default base URL: the ResourceManager's web port on the master. */
  public static final String DEFAULT_URL = "http://{master}:8088";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String urlTemplate;
  private final Duration timeout;

  private HttpYarnClient(HttpClient http, String urlTemplate, Duration timeout) {
    this.http = http;
    this.urlTemplate = urlTemplate;
    this.timeout = timeout;
  }

  /** A client with a default {@link HttpClient}, base URL {@value #DEFAULT_URL} and a 5 s timeout. */
  public static HttpYarnClient create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public YarnClusterMetrics clusterMetrics(String masterHost) {
    JsonNode m = get(masterHost, "/ws/v1/cluster/metrics").path("clusterMetrics");
    if (m.isMissingNode()) {
      throw new UncheckedIOException(new IOException(url(masterHost, "/ws/v1/cluster/metrics")
          + ": no 'clusterMetrics' object in the response"));
    }
    // A partial answer is not zero load: every field the monitor reads must be there, as a number.
    String url = url(masterHost, "/ws/v1/cluster/metrics");
    return new YarnClusterMetrics((int) required(m, "appsPending", url), (int) required(m, "appsRunning", url),
        (int) required(m, "containersPending", url), (int) required(m, "containersAllocated", url),
        required(m, "availableMB", url), required(m, "allocatedMB", url), required(m, "totalMB", url),
        m.path("pendingMB").asLong(0), (int) required(m, "activeNodes", url),
        m.path("decommissioningNodes").asInt(0));
  }

  private static long required(JsonNode object, String field, String url) {
    JsonNode v = object.get(field);
    if (v == null || !v.isNumber() || v.asLong() < 0) {
      throw new UncheckedIOException(new IOException(url + ": clusterMetrics." + field
          + " must be a number >= 0, was " + (v == null ? "absent" : v.toString())));
    }
    return v.asLong();
  }

  @Override
  public List<YarnNode> nodes(String masterHost) {
    JsonNode list = get(masterHost, "/ws/v1/cluster/nodes").path("nodes").path("node");
    Map<String, Integer> masters = new HashMap<>();
    JsonNode apps = get(masterHost, "/ws/v1/cluster/apps?states=RUNNING").path("apps").path("app");
    for (JsonNode app : apps) {
      String am = app.path("amHostHttpAddress").asText("");
      if (!am.isEmpty()) {
        masters.merge(hostOf(am), 1, Integer::sum);
      }
    }
    List<YarnNode> out = new ArrayList<>();
    for (JsonNode n : list) {
      if (!n.path("numContainers").isNumber() || !n.path("state").isTextual()) {
        // A node entry without its container count or state says nothing about its load: left out, so the node's
        // load is missing (never read as idle).
        continue;
      }
      String host = n.path("nodeHostName").asText(hostOf(n.path("id").asText("")));
      long used = n.path("usedMemoryMB").asLong();
      long avail = n.path("availMemoryMB").asLong();
      int usedCores = n.path("usedVirtualCores").asInt();
      int availCores = n.path("availableVirtualCores").asInt();
      JsonNode u = n.path("resourceUtilization");
      double cpu = Double.NaN;
      double mem = Double.NaN;
      if (u.has("nodeCPUUsage")) {
        cpu = u.path("nodeCPUUsage").asDouble();
        int cores = usedCores + availCores;
        if (cpu > 1 && cores > 0) {
          cpu = cpu / cores;
        }
        cpu = Math.max(0, Math.min(1, cpu));
      }
      if (u.has("nodePhysicalMemoryMB") && used + avail > 0) {
        mem = Math.max(0, Math.min(1, u.path("nodePhysicalMemoryMB").asDouble() / (used + avail)));
      }
      out.add(new YarnNode(n.path("id").asText(host), host, n.path("state").asText(""),
          n.path("numContainers").asInt(), used, avail, usedCores, availCores, cpu, mem,
          masters.getOrDefault(host, 0)));
    }
    return List.copyOf(out);
  }

  /** What went wrong, in words: JDK network exceptions often carry no message ("failed: null"). */
  static String why(IOException e) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused or unreachable" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String hostOf(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private String url(String masterHost, String path) {
    return urlTemplate.replace("{master}", masterHost == null ? "" : masterHost) + path;
  }

  private JsonNode get(String masterHost, String path) {
    String url = url(masterHost, path);
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
          .header("Accept", "application/json").GET().build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + url + ": HTTP " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("YARN ResourceManager GET " + url + " failed: " + why(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("GET " + url + " interrupted", e));
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException("invalid YARN URL '" + url + "'", e));
    }
  }

  /** Builds an {@link HttpYarnClient}. Not thread-safe. */
  public static final class Builder {
    private HttpClient http;
    private String urlTemplate = DEFAULT_URL;
    private Duration timeout = Duration.ofSeconds(5);

    private Builder() {}

    /** The HTTP client to use. Default: an HTTP/1.1 client with the timeout as connect timeout. */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** Base URL; {@code {master}} is replaced by the master host. Default {@value HttpYarnClient#DEFAULT_URL}. */
    public Builder url(String urlTemplate) {
      Objects.requireNonNull(urlTemplate, "urlTemplate");
      if (!urlTemplate.startsWith("http://") && !urlTemplate.startsWith("https://")) {
        throw new IllegalArgumentException("yarn url: expected http:// or https://, was '" + urlTemplate + "'");
      }
      this.urlTemplate = urlTemplate.endsWith("/") ? urlTemplate.substring(0, urlTemplate.length() - 1) : urlTemplate;
      return this;
    }

    /** Timeout of each request. Default 5 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout: must be > 0, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public HttpYarnClient build() {
      HttpClient h = http != null ? http
          : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
      return new HttpYarnClient(h, urlTemplate, timeout);
    }
  }
}
