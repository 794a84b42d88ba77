package dev.themis.kinesis;

import dev.themis.Autoscaler;
import dev.themis.clock.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The emulator (one per JVM) and a CloudWatch stub per test class, with an autoscaler builder using both. */
@ExtendWith(KinesisEmulatorExtension.class)
abstract class EmulatorAndCloudWatchTestBase {
  static CloudWatchStub cloudWatch;
  static CloudWatchClient cw;

  @BeforeAll
  static void startCloudWatch() {
    cloudWatch = new CloudWatchStub();
    cw = cloudWatch.client();
  }

  @AfterAll
  static void stopCloudWatch() {
    cw.close();
    cloudWatch.close();
  }

  static Autoscaler.Builder autoscaler(ManualClock clock, KinesisClient k) {
    return Autoscaler.builder().clock(clock).component(KinesisClient.class, k).component(CloudWatchClient.class, cw);
  }
}
