package dev.themis.emr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The original's optional Ganglia source, for the one load metric YARN does not report: a node's 1-minute load
 * average ({@code a0} of {@code load_report}), averaged over the window ({@code graph.php?...&json=1}, times as
 * {@code %m/%d/%Y %H:%M} UTC). NaN points are dropped; no valid point gives NaN.
 */
final class GangliaLoadSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm").withZone(ZoneOffset.UTC);

  private final HttpClient http;
  private final String urlTemplate;
  private final String clusterId;

  GangliaLoadSource(HttpClient http, String urlTemplate, String clusterId) {
    this.http = http;
    this.urlTemplate = urlTemplate.endsWith("/") ? urlTemplate.substring(0, urlTemplate.length() - 1) : urlTemplate;
    this.clusterId = clusterId;
  }

  /** The node's mean 1-minute load over {@code (now - window, now]}; throws if Ganglia cannot be read. */
  double sysload(String masterHost, String host, Instant now, Duration window) {
    String url = urlTemplate.replace("{master}", masterHost) + "/graph.php?h=" + enc(host) + "&cs="
        + enc(TIME.format(now.minus(window))) + "&ce=" + enc(TIME.format(now)) + "&c=" + enc(clusterId)
        + "&g=load_report&json=1";
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode());
      }
      double sum = 0;
      int n = 0;
      for (JsonNode series : JSON.readTree(r.body())) {
        if (!"a0".equals(series.path("ds_name").asText())) {
          continue;
        }
        for (JsonNode point : series.path("datapoints")) {
          JsonNode v = point.path(0);
          double d = v.isNumber() ? v.asDouble() : parse(v.asText());
          if (Double.isFinite(d)) {
            sum += d;
            n++;
          }
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    } catch (IOException e) {
      throw new UncheckedIOException("Ganglia GET " + url + " failed: " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("Ganglia GET " + url + " interrupted", e));
    }
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
