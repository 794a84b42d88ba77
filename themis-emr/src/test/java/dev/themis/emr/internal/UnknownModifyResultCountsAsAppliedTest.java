package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 2: ModifyInstanceGroups succeeded at AWS while the client saw an error, the resize counted as
 * failed, and the 60-minute cooldown shrank to 6 minutes. A modify call whose result is unknown is reported
 * started ("result unknown ... counted as applied"), so the cooldown starts.
 */
class UnknownModifyResultCountsAsAppliedTest extends EmrWireMockTestBase {

  @Test
  void aServerErrorAfterRetriesStartsTheCooldown() {
    FakeEmr c = FakeEmr.original("j-UNKNOWN5XX");
    Autoscaler a = autoscaler(c, delta(1), "group_or_preferred_market", "SPOT", "scale_up_cooldown", "60m");
    wm.stubFor(FakeEmr.emr("ModifyInstanceGroups").atPriority(1)
        .willReturn(FakeEmr.amzError(500, "InternalServerError", "We encountered an internal error")));
    ResourceOutcome o = only(a.tick());
    ResourceOutcome.Applied started = assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertTrue(started.result().actions().contains(
        "ModifyInstanceGroups result unknown (HTTP 500): counted as applied"), started.result().actions()::toString);
    int calls = emrRequests("ModifyInstanceGroups").size();

    clock.advance(Duration.ofMinutes(6));
    ResourceOutcome later = only(a.tick());
    assertInstanceOf(ResourceOutcome.Held.class, later, later::toString);
    assertTrue(later.reasons().toString().contains("cooldown"), later.reasons()::toString);
    assertEquals(calls, emrRequests("ModifyInstanceGroups").size(), "no second resize inside the cooldown");
  }

  @Test
  void aBrokenConnectionIsStartedNotFailed() {
    FakeEmr c = FakeEmr.original("j-UNKNOWNRESET");
    Autoscaler a = autoscaler(c, delta(1), "group_or_preferred_market", "SPOT");
    wm.stubFor(FakeEmr.emr("ModifyInstanceGroups").atPriority(1)
        .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    ResourceOutcome o = only(a.tick());
    ResourceOutcome.Applied started = assertInstanceOf(ResourceOutcome.Applied.class, o, o::toString);
    assertTrue(started.result().actions().contains(
        "ModifyInstanceGroups result unknown (SdkClientException): counted as applied"),
        started.result().actions()::toString);
  }
}
