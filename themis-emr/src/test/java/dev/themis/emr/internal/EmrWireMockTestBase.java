package dev.themis.emr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.ScalingDecision;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.spi.ScalingPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/** Starts WireMock on 127.0.0.1 and builds the real SDK clients against it, with fast retries. */
abstract class EmrWireMockTestBase {
  static final Instant T0 = Instant.parse("2016-05-31T01:00:00Z"); // a Tuesday, as in the original's tests

  WireMockServer wm;
  EmrClient emr;
  CloudWatchClient cloudWatch;
  ManualClock clock;

  @BeforeEach
  void startWireMock() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3)
        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1))).circuitBreakerEnabled(false)
        .build();
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    emr = EmrClient.builder().endpointOverride(URI.create(wm.baseUrl())).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(retries)).build();
    cloudWatch = CloudWatchClient.builder().endpointOverride(URI.create(wm.baseUrl())).region(Region.US_EAST_1)
        .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(retries)).build();
    clock = ManualClock.at(T0);
  }

  @AfterEach
  void stopWireMock() {
    emr.close();
    cloudWatch.close();
    wm.stop();
  }

  /** Settings that let a single decision through the core's guards at once. */
  Map<String, String> settings(FakeEmr cluster, String... keyValues) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("yarn_url", cluster.yarnUrl(wm));
    s.put("scale_down_stabilization", "0");
    s.put("scale_down_cooldown", "0");
    for (int i = 0; i < keyValues.length; i += 2) {
      s.put(keyValues[i], keyValues[i + 1]);
    }
    return s;
  }

  Autoscaler.Builder builder() {
    return Autoscaler.builder().clock(clock).discoverProviders(false).provider(new EmrResourceProvider())
        .component(EmrClient.class, emr).component(CloudWatchClient.class, cloudWatch);
  }

  Autoscaler autoscaler(FakeEmr cluster, ScalingPolicy policy, String... keyValues) {
    cluster.install(wm);
    ResourceSpec spec = ResourceSpec.of("emr", cluster.clusterId, settings(cluster, keyValues));
    return (policy == null ? builder().resource(spec) : builder().resource(spec, policy)).build();
  }

  /** A policy that always wants {@code delta} more (or fewer) units than the current capacity. */
  static ScalingPolicy delta(int delta) {
    return ctx -> new ScalingDecision(Math.max(0, ctx.capacity() + delta), "delta " + delta, "test");
  }

  static ResourceOutcome only(TickReport report) {
    if (report.outcomes().size() != 1) {
      throw new AssertionError("expected one outcome, got " + report.outcomes());
    }
    return report.outcomes().get(0);
  }

  /** Bodies of the EMR requests of one operation, in order. */
  List<JsonNode> emrRequests(String operation) {
    List<JsonNode> out = new ArrayList<>();
    for (LoggedRequest r : wm.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("ElasticMapReduce." + operation)))) {
      try {
        out.add(FakeEmr.JSON.readTree(r.getBodyAsString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  List<JsonNode> cloudWatchRequests() {
    ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    List<JsonNode> out = new ArrayList<>();
    for (LoggedRequest r : wm.findAll(postRequestedFor(
        urlEqualTo("/service/GraniteServiceVersion20100801/operation/GetMetricData")))) {
      try {
        out.add(cbor.readTree(r.getBody()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static JsonNode json(String text) {
    try {
      return FakeEmr.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
