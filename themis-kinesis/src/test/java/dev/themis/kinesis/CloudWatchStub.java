package dev.themis.kinesis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * CloudWatch behind WireMock, speaking Smithy RPC v2 CBOR as the SDK does: answers GetMetricData with one datapoint
 * per period for every query, from a value function of (metric name, shard id or null) per stream. Can throttle.
 */
public final class CloudWatchStub implements AutoCloseable {
  static final String PATH = "/service/GraniteServiceVersion20100801/operation/GetMetricData";
  private static final CBORMapper CBOR = new CBORMapper();

  private final WireMockServer server;
  /** Per-period value by stream name; unknown streams answer 0. */
  private final ConcurrentHashMap<String, BiFunction<String, String, Double>> values = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> statuses = new ConcurrentHashMap<>();

  public CloudWatchStub() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Transformer()));
    server.start();
    reset();
  }

  /** Every result for {@code stream} carries this StatusCode (Complete, PartialData, InternalError...). */
  public void status(String stream, String statusCode) {
    statuses.put(stream, statusCode);
  }

  /** Back to plain answers: no throttling; values kept. */
  public void reset() {
    server.resetAll();
    server.stubFor(post(urlEqualTo(PATH)).atPriority(5)
        .willReturn(aResponse().withStatus(200).withTransformers(Transformer.NAME)));
  }

  /** Sets the per-period value of a stream's metrics; {@code shard} is null for stream-level metrics. */
  public void values(String stream, BiFunction<String, String, Double> value) {
    values.put(stream, value);
  }

  /** Every GetMetricData call fails with a 400 ThrottlingException (retried by the SDK, then thrown). */
  public void throttle() {
    server.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
        .withBody(error("ThrottlingException", "Rate exceeded"))));
  }

  public int getMetricDataCalls() {
    return server.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount();
  }

  public CloudWatchClient client(ExecutionInterceptor... interceptors) {
    return CloudWatchClient.builder()
        .endpointOverride(URI.create(server.baseUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEMULATOR", "secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(b -> {
          b.retryStrategy(StandardRetryStrategy.builder().maxAttempts(3)
              .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
              .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
              .circuitBreakerEnabled(false).build());
          for (ExecutionInterceptor i : interceptors) {
            b.addExecutionInterceptor(i);
          }
        })
        .build();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static byte[] error(String type, String message) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("__type", type);
        g.writeStringField("message", message);
        g.writeEndObject();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    static final String NAME = "cloudwatch-get-metric-data";

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      try {
        JsonNode req = CBOR.readTree(event.getRequest().getBody());
        long start = req.get("StartTime").asLong();
        long end = req.get("EndTime").asLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
          g.writeStartObject();
          g.writeFieldName("MetricDataResults");
          g.writeStartArray();
          for (JsonNode q : req.get("MetricDataQueries")) {
            JsonNode stat = q.get("MetricStat");
            JsonNode metric = stat.get("Metric");
            long period = stat.get("Period").asLong();
            String stream = null;
            String shard = null;
            for (JsonNode d : metric.get("Dimensions")) {
              if (d.get("Name").asText().equals("StreamName")) {
                stream = d.get("Value").asText();
              } else if (d.get("Name").asText().equals("ShardId")) {
                shard = d.get("Value").asText();
              }
            }
            BiFunction<String, String, Double> f = stream == null ? null : values.get(stream);
            Double v = f == null ? Double.valueOf(0) : f.apply(metric.get("MetricName").asText(), shard);
            List<Long> ts = new ArrayList<>();
            if (v != null) {
              for (long t = start; t < end; t += period) {
                ts.add(t);
              }
            }
            g.writeStartObject();
            g.writeStringField("Id", q.get("Id").asText());
            g.writeStringField("Label", metric.get("MetricName").asText());
            g.writeFieldName("Timestamps");
            g.writeStartArray();
            for (long t : ts) {
              g.writeTag(1);
              g.writeNumber(t);
            }
            g.writeEndArray();
            g.writeFieldName("Values");
            g.writeStartArray();
            for (int i = 0; i < ts.size(); i++) {
              g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeStringField("StatusCode", stream == null ? "Complete" : statuses.getOrDefault(stream, "Complete"));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeFieldName("Messages");
          g.writeStartArray();
          g.writeEndArray();
          g.writeEndObject();
        }
        return ResponseDefinitionBuilder.like(event.getResponseDefinition())
            .withHeader("Content-Type", "application/cbor")
            .withHeader("smithy-protocol", "rpc-v2-cbor")
            .withBody(out.toByteArray())
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
