package dev.themis.emr.internal;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * The AWS clients one cluster uses, and the credentials override every request carries when the cluster has a
 * {@code role_to_assume}. Clients are shared (injected by the host or built once); the assumed role is applied per
 * request, so an injected client serves clusters in several accounts.
 */
final class AwsAccess {
  private final Supplier<EmrClient> emr;
  private final Supplier<CloudWatchClient> cloudWatch;
  private final AwsRequestOverrideConfiguration override;

  AwsAccess(Supplier<EmrClient> emr, Supplier<CloudWatchClient> cloudWatch, AwsRequestOverrideConfiguration override) {
    this.emr = emr;
    this.cloudWatch = cloudWatch;
    this.override = override;
  }

  EmrClient emr() {
    return emr.get();
  }

  CloudWatchClient cloudWatch() {
    return cloudWatch.get();
  }

  /** Applies the credentials override, if any, to a request builder. */
  <B extends AwsRequest.Builder> B decorate(B builder) {
    if (override != null) {
      builder.overrideConfiguration(override);
    }
    return builder;
  }
}
