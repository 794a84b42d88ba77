package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.config.Settings;
import dev.themis.config.ThemisConfig;
import dev.themis.emr.YarnClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 12: a terminated cluster failed at DECIDE on every later tick with "variable 'tasknodes' has no
 * value". It is reported gone at the observe stage, and a discovered one is dropped at the next discovery.
 */
class TerminatedClusterIsGoneNotAPolicyFailureTest extends EmrWireMockTestBase {

  @Test
  void aDiscoveredClusterThatTerminatesIsReportedGoneThenDropped() {
    FakeEmr a = FakeEmr.original("j-DOOMED");
    a.tags.add(Map.entry("themis:autoscale", "true"));
    a.install(wm);
    wm.stubFor(FakeEmr.emr("ListClusters").atPriority(1).willReturn(FakeEmr.amz(
        "{\"Clusters\":[{\"Id\":\"j-DOOMED\",\"Status\":{\"State\":\"WAITING\"}}]}")));
    ThemisConfig config = new ThemisConfig(Settings.of("settings", Map.of("emr_discovery", "true",
        "discovery_period", "10m")), List.of(), List.of());
    Autoscaler autoscaler = Autoscaler.builder().clock(clock).configuration(config)
        .component(software.amazon.awssdk.services.emr.EmrClient.class, emr)
        .component(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.class, cloudWatch)
        .component(YarnClient.class, EmrDiscoveryAndStsTest.QUIET_YARN).build();
    ResourceId id = ResourceId.of("emr", "j-DOOMED");
    assertTrue(autoscaler.tick().outcome(id).isPresent());

    a.state = "TERMINATED";
    a.install(wm);
    wm.stubFor(FakeEmr.emr("ListClusters").atPriority(1).willReturn(FakeEmr.amz("{\"Clusters\":[]}")));
    clock.advance(Duration.ofMinutes(3));
    ResourceOutcome o = autoscaler.tick().outcome(id).orElseThrow();
    ResourceOutcome.Failed gone = assertInstanceOf(ResourceOutcome.Failed.class, o, o::toString);
    assertEquals(ResourceOutcome.Stage.OBSERVE, gone.stage(), "not a policy failure: " + gone.reasons());
    assertTrue(gone.reasons().get(0).contains("emr:j-DOOMED is gone (cluster j-DOOMED is TERMINATED)"),
        gone.reasons()::toString);

    clock.advance(Duration.ofMinutes(10));
    assertTrue(autoscaler.tick().outcome(id).isEmpty(), "dropped at the next discovery");
    assertEquals(List.of(), autoscaler.resources());
  }
}
