package dev.themis.emr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.config.Settings;
import dev.themis.config.ThemisConfig;
import dev.themis.emr.YarnClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class EmrDiscoveryAndStsTest extends EmrWireMockTestBase {

  /** An in-memory ResourceManager: every node idle and quiet. */
  static final YarnClient QUIET_YARN = new YarnClient() {
    @Override
    public YarnClusterMetrics clusterMetrics(String masterHost) {
      return new YarnClusterMetrics(0, 0, 0, 0, 1000, 0, 1000, 0, 0, 0);
    }

    @Override
    public List<YarnNode> nodes(String masterHost) {
      return List.of();
    }
  };

  private void listClusters(String... ids) {
    StringBuilder b = new StringBuilder("{\"Clusters\":[");
    for (int i = 0; i < ids.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(ids[i]).append("\",\"Status\":{\"State\":\"WAITING\"}}");
    }
    wm.stubFor(FakeEmr.emr("ListClusters").atPriority(1).willReturn(FakeEmr.amz(b.append("]}").toString())));
  }

  @Test
  void discoversTaggedActiveClustersAndRefreshesEveryPeriod() {
    FakeEmr a = FakeEmr.original("j-A");
    a.tags.add(Map.entry("themis:autoscale", "true"));
    FakeEmr b = FakeEmr.original("j-B");
    b.tags.add(Map.entry("team", "x"));
    FakeEmr c = FakeEmr.original("j-C");
    c.tags.add(Map.entry("themis:autoscale", "true"));
    a.install(wm);
    b.install(wm);
    c.install(wm);
    listClusters("j-A", "j-B");
    ThemisConfig config = new ThemisConfig(Settings.of("settings", Map.of("emr_discovery", "true",
        "emr_cluster_tags", "themis:autoscale=true", "discovery_period", "10m")), List.of(), List.of());
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).configuration(config)
        .component(software.amazon.awssdk.services.emr.EmrClient.class, emr)
        .component(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.class, cloudWatch)
        .component(YarnClient.class, QUIET_YARN).build();

    autoscaler.tick();
    assertEquals(List.of(ResourceId.of("emr", "j-A")), autoscaler.resources());

    listClusters("j-C", "j-B"); // j-A terminated, j-C started
    clock.advance(Duration.ofMinutes(5));
    autoscaler.tick();
    assertEquals(List.of(ResourceId.of("emr", "j-A")), autoscaler.resources(), "not before the period");
    clock.advance(Duration.ofMinutes(5));
    autoscaler.tick();
    assertEquals(List.of(ResourceId.of("emr", "j-C")), autoscaler.resources());
  }

  private StsClient sts() {
    return StsClient.builder().endpointOverride(URI.create(wm.baseUrl())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  private void assumeRoleReturns(Instant expiration) {
    wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey>"
                + "<SessionToken>session-token</SessionToken><Expiration>" + expiration + "</Expiration>"
                + "</Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/themis/s</Arn>"
                + "<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>")));
  }

  private Autoscaler withRole(FakeEmr c) {
    c.install(wm);
    return builder().component(StsClient.class, sts())
        .resource(ResourceSpec.of("emr", c.clusterId, settings(c, "role_to_assume",
            "arn:aws:iam::123456789012:role/themis")), delta(0))
        .build();
  }

  private List<LoggedRequest> assumeRoleCalls() {
    return wm.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")));
  }

  @Test
  void roleToAssumeSignsEveryClusterCallWithAssumedCredentials() {
    // STS expiry is checked against the real clock by the SDK; far in the future means "cached".
    assumeRoleReturns(Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    Autoscaler a = withRole(FakeEmr.original("j-ROLE"));
    assertInstanceOf(ResourceOutcome.Held.class, only(a.tick()));
    assertInstanceOf(ResourceOutcome.Held.class, only(a.tick()));
    assertEquals(1, assumeRoleCalls().size(), "credentials cached while valid");
    assertTrue(assumeRoleCalls().get(0).getBodyAsString().contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012"));
    List<LoggedRequest> emrCalls = wm.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", containing("ElasticMapReduce.")));
    // DescribeCluster, ListInstanceGroups and ListInstances, then (groups unchanged) the first two again.
    assertEquals(5, emrCalls.size(), () -> emrCalls.stream().map(r -> r.getHeader("X-Amz-Target")).toList()
        .toString());
    for (LoggedRequest r : emrCalls) {
      assertTrue(r.getHeader("Authorization").contains("Credential=ASIAASSUMED/"), r.getHeader("Authorization"));
      assertEquals("session-token", r.getHeader("X-Amz-Security-Token"));
    }
    wm.verify(postRequestedFor(urlEqualTo("/service/GraniteServiceVersion20100801/operation/GetMetricData"))
        .withHeader("X-Amz-Security-Token", equalTo("session-token")));
  }

  @Test
  void assumedCredentialsAreRefreshedBeforeTheyExpire() {
    assumeRoleReturns(Instant.now().plus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
    Autoscaler a = withRole(FakeEmr.original("j-REFRESH"));
    a.tick();
    int afterFirst = assumeRoleCalls().size();
    a.tick();
    assertTrue(assumeRoleCalls().size() > afterFirst,
        "within 5 minutes of expiry the session is renewed: " + assumeRoleCalls().size());
  }

  @Test
  void clustersDiscoveredUnderARoleAreManagedWithThatRole() {
    assumeRoleReturns(Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    FakeEmr a = FakeEmr.original("j-XACCT");
    a.tags.add(Map.entry("themis:autoscale", "true"));
    a.install(wm);
    listClusters("j-XACCT");
    ThemisConfig config = new ThemisConfig(Settings.of("settings", Map.of("emr_discovery", "true",
        "emr_discovery_roles", "arn:aws:iam::210987654321:role/themis")), List.of(), List.of());
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).configuration(config)
        .component(software.amazon.awssdk.services.emr.EmrClient.class, emr)
        .component(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.class, cloudWatch)
        .component(StsClient.class, sts()).component(YarnClient.class, QUIET_YARN).build();
    autoscaler.tick();
    assertEquals(List.of(ResourceId.of("emr", "j-XACCT")), autoscaler.resources());
    List<LoggedRequest> listInstances = wm.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.ListInstances")));
    assertEquals(1, listInstances.size());
    assertTrue(listInstances.get(0).getHeader("Authorization").contains("Credential=ASIAASSUMED/"));
    assertTrue(assumeRoleCalls().stream().allMatch(r -> r.getBodyAsString().contains("210987654321")));
  }

  /**
   * The original's {@code general.roles_to_assume} with one role: both listed clusters are managed under it, with
   * one STS session between them, through the host's client (so its retry policy and endpoint apply).
   */
  @Test
  void theOriginalsRolesToAssumeManagesListedClustersUnderOneSharedSession() {
    assumeRoleReturns(Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    FakeEmr one = FakeEmr.original("j-ONE");
    FakeEmr two = FakeEmr.original("j-TWO");
    one.install(wm);
    two.install(wm);
    ThemisConfig config = ThemisConfig.parse("""
        {"general": {"roles_to_assume": "arn:aws:iam::210987654321:role/themis",
                     "autoscaling_clusters": "j-ONE,j-TWO"},
         "emr": {"j-ONE": {"yarn_url": "%s", "cloudwatch_metrics": "false"},
                 "j-TWO": {"yarn_url": "%s", "cloudwatch_metrics": "false"}}}
        """.formatted(one.yarnUrl(wm), two.yarnUrl(wm)));
    Autoscaler autoscaler = builder().configuration(config).component(StsClient.class, sts()).build();
    autoscaler.tick().outcomes().forEach(o -> assertInstanceOf(ResourceOutcome.Held.class, o, o::toString));
    assertEquals(1, assumeRoleCalls().size(), "one session for the role");
    assertTrue(assumeRoleCalls().get(0).getBodyAsString().contains("210987654321"));
    List<LoggedRequest> emrCalls = wm.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", containing("ElasticMapReduce.")));
    assertTrue(emrCalls.stream().anyMatch(r -> r.getBodyAsString().contains("j-ONE")));
    assertTrue(emrCalls.stream().anyMatch(r -> r.getBodyAsString().contains("j-TWO")));
    for (LoggedRequest r : emrCalls) {
      assertTrue(r.getHeader("Authorization").contains("Credential=ASIAASSUMED/"), r.getHeader("Authorization"));
    }
  }
}
