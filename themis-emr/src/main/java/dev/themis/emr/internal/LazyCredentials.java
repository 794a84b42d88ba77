package dev.themis.emr.internal;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Creates its delegate (e.g. an STS client and provider) on first use, not when the autoscaler is built. */
final class LazyCredentials implements AwsCredentialsProvider {
  private final Supplier<? extends AwsCredentialsProvider> factory;
  private volatile AwsCredentialsProvider delegate;

  LazyCredentials(Supplier<? extends AwsCredentialsProvider> factory) {
    this.factory = factory;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    AwsCredentialsProvider d = delegate;
    if (d == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = factory.get();
        }
        d = delegate;
      }
    }
    return d.resolveCredentials();
  }
}
