package dev.themis.kinesis.internal;

import dev.themis.spi.ProviderContext;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS clients of one stream: the host's ({@code component(KinesisClient.class, ...)}), else default ones built
 * on first use (default region and credentials chains, URL-connection HTTP client); with {@code role_to_assume},
 * clients whose credentials come from STS AssumeRole (refreshed before they expire), in the region and at the
 * endpoint of the host's clients when it registered some. STS is the host's {@code StsClient} component or a
 * default one.
 */
final class Clients {
  /**
   * Timeouts of the clients built here (the host's own clients keep theirs): no call, retries included, outlasts
   * {@link #API_CALL_TIMEOUT}, so a hanging endpoint cannot stall a tick.
   */
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
      .apiCallTimeout(API_CALL_TIMEOUT).apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT).build();

  private Clients() {}

  static Supplier<KinesisClient> kinesis(ProviderContext context, String role) {
    if (role.isEmpty()) {
      return context.component(KinesisClient.class).<Supplier<KinesisClient>>map(c -> () -> c)
          .orElseGet(() -> memoize(() -> KinesisClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(TIMEOUTS).build()));
    }
    return memoize(() -> {
      var b = KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
          .overrideConfiguration(TIMEOUTS)
          .credentialsProvider(assumed(context, role));
      // Same region and endpoint as the host's client, if it registered one.
      context.component(KinesisClient.class).ifPresent(host -> {
        var c = host.serviceClientConfiguration();
        if (c.region() != null) {
          b.region(c.region());
        }
        c.endpointOverride().ifPresent(b::endpointOverride);
      });
      return b.build();
    });
  }

  static Supplier<CloudWatchClient> cloudWatch(ProviderContext context, String role) {
    if (role.isEmpty()) {
      return context.component(CloudWatchClient.class).<Supplier<CloudWatchClient>>map(c -> () -> c)
          .orElseGet(() -> memoize(() -> CloudWatchClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(TIMEOUTS).build()));
    }
    return memoize(() -> {
      var b = CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
          .overrideConfiguration(TIMEOUTS)
          .credentialsProvider(assumed(context, role));
      context.component(CloudWatchClient.class).ifPresent(host -> {
        var c = host.serviceClientConfiguration();
        if (c.region() != null) {
          b.region(c.region());
        }
        c.endpointOverride().ifPresent(b::endpointOverride);
      });
      return b.build();
    });
  }

  private static AwsCredentialsProvider assumed(ProviderContext context, String role) {
    StsClient sts = context.component(StsClient.class)
        .orElseGet(() -> StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(TIMEOUTS).build());
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(role).roleSessionName("themis-kinesis"))
        .build();
  }

  static <T> Supplier<T> memoize(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }
}
