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

  /**
   * Regression: AWS's spot-limit reason (what SimulatedEmr.capacityLimit sets on a SPOT group) was not recognised, so
   * a SPOT group stuck on it kept the cluster in flight for ever instead of being quarantined.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "The requested number of spot instances exceeds your limit.",
      "We currently do not have sufficient m5.xlarge capacity in the Availability Zone you requested (us-east-1a)."
          + " (Service: AmazonEC2; Status Code: 500; Error Code: InsufficientInstanceCapacity)",
      "Insufficient capacity.",
      "Instance type m5.24xlarge is not supported in the Availability Zone us-east-1e.",
      "The instance type 'r6g.16xlarge' is not supported in your requested Availability Zone.",
      "Your requested instance type (m5.xlarge) is not supported in your requested Availability Zone (us-east-1e)."
          + " (Service: AmazonEC2; Status Code: 400; Error Code: Unsupported)",
      "The requested configuration is currently not supported. Please check the documentation for supported"
          + " configurations.",
      "Spot request status: price-too-low",
      "Spot request status: capacity-not-available",
      "capacity-oversubscribed",
      "Your Spot request price of 0.05 is lower than the minimum required Spot request fulfillment price"
          + " (SpotMaxPriceTooLow)",
      "You have requested more vCPU capacity than your current vCPU limit of 64 allows for the instance bucket"
          + " (VcpuLimitExceeded)",
      "You have requested more instances (25) than your current instance limit of 20 allows"})
  void spotLimitAndOtherAwsCapacityWordings(String reason) {
    assertTrue(EmrClusterMonitor.CAPACITY_ERROR.matcher(reason).matches(), reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Expanding instance group", "Shrinking instance group", "Resizing instance group",
      "Instance group is running",
      "The instance group was terminated by user request", "Bootstrap action 1 failed"})
  void otherReasons(String reason) {
    assertFalse(EmrClusterMonitor.CAPACITY_ERROR.matcher(reason).matches(), reason);
  }
}
