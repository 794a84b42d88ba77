package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which state-change reasons quarantine a group. */
class CapacityErrorTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "We currently do not have sufficient m5.xlarge capacity in the Availability Zone you requested (us-east-1a).",
      "Instance group ig-1 failed to provision instances due to insufficient capacity",
      "Unable to provision Spot instances: insufficient capacity in us-east-1a",
      "The requested Spot capacity could not be provisioned",
      "Max spot instance count exceeded (MaxSpotInstanceCountExceeded)",
      "Your quota allows for 0 more running instance(s). InstanceLimitExceeded",
      "Spot request price too low"})
  void capacityErrors(String reason) {
    assertTrue(EmrClusterMonitor.CAPACITY_ERROR.matcher(reason).matches(), reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Resizing instance group", "Instance group is running",
      "The instance group was terminated by user request", "Bootstrap action 1 failed"})
  void otherReasons(String reason) {
    assertFalse(EmrClusterMonitor.CAPACITY_ERROR.matcher(reason).matches(), reason);
  }
}
