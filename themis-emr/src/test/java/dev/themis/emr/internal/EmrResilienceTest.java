package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.TickReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Throttling, server errors and isolation between clusters, through the real SDK retry logic. */
class EmrResilienceTest extends EmrWireMockTestBase {

  @Test
  void throttlingThenSuccessIsRetriedTransparently() {
    FakeEmr c = FakeEmr.original("j-THROTTLE");
    Autoscaler a = autoscaler(c, delta(1), "group_or_preferred_market", "SPOT");
    wm.stubFor(FakeEmr.emr("ListInstances").atPriority(1).inScenario("throttle")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(FakeEmr.amzError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("ok"));
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertEquals(2, emrRequests("ListInstances").size(), "one throttled attempt, one retry");
    assertEquals(1, emrRequests("ModifyInstanceGroups").size());
  }

  @Test
  void persistentThrottlingFailsThatClusterOnly() {
    FakeEmr bad = FakeEmr.original("j-BAD");
    FakeEmr good = FakeEmr.original("j-GOOD");
    bad.install(wm);
    good.install(wm);
    wm.stubFor(FakeEmr.emr("ListInstanceGroups").atPriority(1)
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.ClusterId",
            com.github.tomakehurst.wiremock.client.WireMock.equalTo("j-BAD")))
        .willReturn(FakeEmr.amzError(400, "ThrottlingException", "Rate exceeded")));
    Autoscaler a = builder()
        .resource(ResourceSpec.of("emr", "j-BAD", settings(bad, "group_or_preferred_market", "SPOT")), delta(1))
        .resource(ResourceSpec.of("emr", "j-GOOD", settings(good, "group_or_preferred_market", "SPOT")), delta(1))
        .build();
    TickReport report = a.tick();
    ResourceOutcome badOutcome = outcome(report, "j-BAD");
    assertInstanceOf(ResourceOutcome.Failed.class, badOutcome, badOutcome::toString);
    assertEquals(ResourceOutcome.Stage.OBSERVE, ((ResourceOutcome.Failed) badOutcome).stage());
    assertTrue(badOutcome.reasons().toString().contains("Rate exceeded"), badOutcome.reasons()::toString);
    assertInstanceOf(ResourceOutcome.Applied.class, outcome(report, "j-GOOD"));
    assertEquals(1, emrRequests("ModifyInstanceGroups").size());
    assertEquals("j-GOOD", emrRequests("ModifyInstanceGroups").get(0).get("ClusterId").asText());
  }

  @Test
  void serverErrorsFailTheTickForThatClusterAfterRetries() {
    FakeEmr c = FakeEmr.original("j-5XX");
    Autoscaler a = autoscaler(c, delta(1));
    wm.stubFor(FakeEmr.emr("DescribeCluster").atPriority(1)
        .willReturn(FakeEmr.amzError(500, "InternalServerError", "boom")));
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Failed.class, o, o::toString);
    assertEquals(3, emrRequests("DescribeCluster").size(), "retried: 3 attempts");
  }

  @Test
  void aFailingModifyIsAFailedApplyNotAnException() {
    FakeEmr c = FakeEmr.original("j-MODFAIL");
    Autoscaler a = autoscaler(c, delta(1), "group_or_preferred_market", "SPOT");
    wm.stubFor(FakeEmr.emr("ModifyInstanceGroups").atPriority(1)
        .willReturn(FakeEmr.amzError(400, "InvalidRequestException", "Instance group is in state RESIZING")));
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Failed.class, o, o::toString);
    assertEquals(ResourceOutcome.Stage.APPLY, ((ResourceOutcome.Failed) o).stage());
    assertEquals(1, emrRequests("ModifyInstanceGroups").size(), "client errors are not retried");
  }

  @Test
  void cloudWatchThrottledIsMissingDataNotFailure() {
    FakeEmr c = FakeEmr.original("j-CWT").load(null, 0.05, 0.05);
    Autoscaler a = autoscaler(c, delta(-1));
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
            "/service/GraniteServiceVersion20100801/operation/GetMetricData")).atPriority(1)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
            .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
            .withBody(cborError())));
    ResourceOutcome o = only(a.tick());
    assertInstanceOf(ResourceOutcome.Held.class, o, o::toString);
    assertTrue(o.state().missingMetrics().contains("cloudwatch.IsIdle"));
    assertTrue(emrRequests("ModifyInstanceGroups").isEmpty(), "no scale-down on missing data");
  }

  private static byte[] cborError() {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.cbor.CBORFactory())
          .writeValueAsBytes(Map.of("__type", "ThrottlingException", "message", "Rate exceeded"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ResourceOutcome outcome(TickReport report, String cluster) {
    return report.outcomes().stream().filter(o -> o.resource().equals(ResourceId.of("emr", cluster))).findFirst()
        .orElseThrow();
  }
}
