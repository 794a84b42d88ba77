package dev.themis.kinesis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code role_to_assume}: calls about the stream use STS AssumeRole credentials (STS in WireMock). The emulator
 * keeps one namespace per account, chosen by a 12-digit access key id, so the stream is only visible through the
 * assumed role's credentials.
 */
@ExtendWith(KinesisEmulatorExtension.class)
class RoleToAssumeTest {
  static final String ACCOUNT = "111122223333";

  @Test
  void callsAboutTheStreamUseTheAssumedRolesCredentials(KinesisEmulator e, TestInfo info) {
    String s = KinesisEmulatorTest.name(info);
    try (KinesisClient otherAccount = KinesisClient.builder().endpointOverride(e.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        KinesisClient host = e.client();
        CloudWatchStub cloudWatch = new CloudWatchStub();
        CloudWatchClient cw = cloudWatch.client()) {
      KinesisEmulator.createStream(otherAccount, s, 2);
      WireMockServer sts = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
      sts.start();
      try (StsClient stsClient = StsClient.builder().endpointOverride(URI.create(sts.baseUrl()))
          .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAHOST", "secret")))
          .build()) {
        stubAssumeRole(sts);
        String role = "arn:aws:iam::" + ACCOUNT + ":role/themis";
        ManualClock clock = ManualClock.atEpoch2020();
        Autoscaler a = Autoscaler.builder().clock(clock).component(KinesisClient.class, host)
            .component(CloudWatchClient.class, cw).component(StsClient.class, stsClient)
            .resource(ResourceSpec.of("kinesis", s, Map.of("role_to_assume", role)))
            .build();
        TickReport r = a.tick();
        // The idle stream is observed and scaled down (the original's default downscale) through the role.
        ResourceOutcome o = r.outcome(ResourceId.of("kinesis", s)).orElseThrow();
        ResourceOutcome.Applied applied = assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
        assertEquals(2, applied.state().capacity());
        KinesisEmulator.awaitActive(otherAccount, s);
        assertEquals(1, KinesisEmulator.openShards(otherAccount, s).size());
        sts.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A"
            + ACCOUNT + "%3Arole%2Fthemis")));

        TickReport without = Autoscaler.builder().clock(clock).component(KinesisClient.class, host)
            .component(CloudWatchClient.class, cw).resource(ResourceSpec.of("kinesis", s, Map.of())).build().tick();
        assertInstanceOf(ResourceOutcome.Failed.class, without.outcome(ResourceId.of("kinesis", s)).orElseThrow(),
            "the host's own account has no such stream");
      } finally {
        sts.stop();
      }
    }
  }

  /**
   * Two streams under one role: one STS session for both (and for CloudWatch), and the role's calls go through
   * the host's own client, so its configuration (here an interceptor) applies to them.
   */
  @Test
  void streamsUnderOneRoleShareOneSessionAndTheHostsClientConfiguration(KinesisEmulator e, TestInfo info) {
    String a = KinesisEmulatorTest.name(info) + "-a";
    String b = KinesisEmulatorTest.name(info) + "-b";
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor =
        new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
          @Override
          public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
              software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            seen.add(context.request().getClass().getSimpleName());
          }
        };
    WireMockServer sts = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    sts.start();
    try (KinesisClient otherAccount = KinesisClient.builder().endpointOverride(e.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        KinesisClient host = KinesisClient.builder().endpointOverride(e.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAHOST", "secret")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
        CloudWatchStub cloudWatch = new CloudWatchStub();
        CloudWatchClient cw = cloudWatch.client();
        StsClient stsClient = StsClient.builder().endpointOverride(URI.create(sts.baseUrl()))
            .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAHOST", "secret")))
            .build()) {
      KinesisEmulator.createStream(otherAccount, a, 1);
      KinesisEmulator.createStream(otherAccount, b, 1);
      stubAssumeRole(sts);
      String role = "arn:aws:iam::" + ACCOUNT + ":role/themis";
      Autoscaler autoscaler = Autoscaler.builder().clock(ManualClock.atEpoch2020())
          .component(KinesisClient.class, host).component(CloudWatchClient.class, cw)
          .component(StsClient.class, stsClient)
          .resource(ResourceSpec.of("kinesis", a, Map.of("role_to_assume", role)))
          .resource(ResourceSpec.of("kinesis", b, Map.of("role_to_assume", role)))
          .build();
      TickReport first = autoscaler.tick();
      TickReport second = autoscaler.tick();
      for (TickReport r : java.util.List.of(first, second)) {
        for (String s : java.util.List.of(a, b)) {
          assertInstanceOf(ResourceOutcome.Held.class, r.outcome(ResourceId.of("kinesis", s)).orElseThrow(),
              "observed through the role, one shard is the least");
        }
      }
      sts.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
      assertEquals(4, seen.stream().filter("DescribeStreamSummaryRequest"::equals).count(), seen::toString);
    } finally {
      sts.stop();
    }
  }

  /** Streams discovered under a role (the original's roles_to_assume) are found in, and managed in, its account. */
  @Test
  void streamsDiscoveredUnderARoleAreManagedWithThatRole(KinesisEmulator e, TestInfo info) {
    String s = KinesisEmulatorTest.name(info);
    WireMockServer sts = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    sts.start();
    try (KinesisClient otherAccount = KinesisClient.builder().endpointOverride(e.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        KinesisClient host = e.client();
        CloudWatchStub cloudWatch = new CloudWatchStub();
        CloudWatchClient cw = cloudWatch.client();
        StsClient stsClient = StsClient.builder().endpointOverride(URI.create(sts.baseUrl()))
            .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAHOST", "secret")))
            .build()) {
      KinesisEmulator.createStream(otherAccount, s, 1);
      stubAssumeRole(sts);
      String role = "arn:aws:iam::" + ACCOUNT + ":role/themis";
      dev.themis.config.ThemisConfig config = dev.themis.config.ThemisConfig.parse(
          "{\"general\": {\"roles_to_assume\": \"" + role + "\", \"kinesis_stream_prefix\": \"" + s + "\"}}");
      Autoscaler a = Autoscaler.builder().clock(ManualClock.atEpoch2020()).configuration(config)
          .component(KinesisClient.class, host).component(CloudWatchClient.class, cw)
          .component(StsClient.class, stsClient).build();
      TickReport r = a.tick();
      assertEquals(java.util.List.of(ResourceId.of("kinesis", s)), a.resources(), "found in the role's account");
      assertInstanceOf(ResourceOutcome.Held.class, r.outcome(ResourceId.of("kinesis", s)).orElseThrow(),
          () -> r.outcome(ResourceId.of("kinesis", s)).toString());
    } finally {
      sts.stop();
    }
  }

  static void stubAssumeRole(WireMockServer sts) {
    sts.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>" + ACCOUNT + "</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
                + "<SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
                + "</Credentials><AssumedRoleUser><Arn>arn:aws:sts::" + ACCOUNT + ":assumed-role/themis/x</Arn>"
                + "<AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>")));
  }
}
