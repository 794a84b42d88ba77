package dev.themis.kinesis.internal;

import dev.themis.spi.ProviderContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS clients of the streams of one provider: the host's ({@code component(KinesisClient.class, ...)},
 * likewise {@link CloudWatchClient} and {@link StsClient}), else default ones built once, on first use, from the
 * default region and credentials chains and the HTTP client the SDK finds on the class path.
 *
 * <p>With {@code role_to_assume} no client is built: the host's (or the default) client is used as it is, with its
 * region, endpoint, HTTP client, retry policy and interceptors, and every request it sends for the stream carries
 * the role's credentials (a request-level override). All streams and both services under one role share one
 * STS AssumeRole credentials provider, created on first use and refreshed by the SDK before the session expires.
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

  private final Map<String, Object> shared = new ConcurrentHashMap<>();

  Supplier<KinesisClient> kinesis(ProviderContext context, String role) {
    Supplier<KinesisClient> base = context.component(KinesisClient.class).<Supplier<KinesisClient>>map(c -> () -> c)
        .orElseGet(() -> () -> (KinesisClient) shared.computeIfAbsent("kinesis",
            k -> KinesisClient.builder().overrideConfiguration(TIMEOUTS).build()));
    return role.isBlank() ? base : withRole(KinesisClient.class, base, credentials(context, role.trim()));
  }

  Supplier<CloudWatchClient> cloudWatch(ProviderContext context, String role) {
    Supplier<CloudWatchClient> base = context.component(CloudWatchClient.class)
        .<Supplier<CloudWatchClient>>map(c -> () -> c)
        .orElseGet(() -> () -> (CloudWatchClient) shared.computeIfAbsent("cloudwatch",
            k -> CloudWatchClient.builder().overrideConfiguration(TIMEOUTS).build()));
    return role.isBlank() ? base : withRole(CloudWatchClient.class, base, credentials(context, role.trim()));
  }

  /** The role's credentials provider: one per role, shared, built (with its STS client) on first use. */
  private AwsCredentialsProvider credentials(ProviderContext context, String role) {
    return (AwsCredentialsProvider) shared.computeIfAbsent("role/" + role, k -> new AwsCredentialsProvider() {
      private volatile AwsCredentialsProvider delegate;

      @Override
      public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider d = delegate;
        if (d == null) {
          synchronized (this) {
            if (delegate == null) {
              StsClient sts = context.component(StsClient.class)
                  .orElseGet(() -> (StsClient) shared.computeIfAbsent("sts",
                      s -> StsClient.builder().overrideConfiguration(TIMEOUTS).build()));
              delegate = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                  .refreshRequest(r -> r.roleArn(role).roleSessionName("themis-kinesis")).build();
            }
            d = delegate;
          }
        }
        return d.resolveCredentials();
      }
    });
  }

  /**
   * A view of {@code client} whose every request carries {@code credentials}. Methods taking a request get it with
   * the override merged into the request's own; the SDK's consumer-builder forms run on the view, so they end up in
   * the former; everything else (the client's configuration, close) goes to the client itself.
   */
  static <T> Supplier<T> withRole(Class<T> type, Supplier<T> client, AwsCredentialsProvider credentials) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, method, args);
      }
      if (args != null && args.length == 1 && args[0] instanceof AwsRequest request) {
        AwsRequestOverrideConfiguration override = request.overrideConfiguration()
            .map(o -> o.toBuilder().credentialsProvider(credentials).build())
            .orElseGet(() -> AwsRequestOverrideConfiguration.builder().credentialsProvider(credentials).build());
        return invoke(method, client.get(), request.toBuilder().overrideConfiguration(override).build());
      }
      if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
        return InvocationHandler.invokeDefault(proxy, method, args); // builds the request and comes back here
      }
      return invoke(method, client.get(), args);
    };
    T view = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    return () -> view;
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "role-scoped " + proxy.getClass().getInterfaces()[0].getSimpleName();
    };
  }

  private static Object invoke(Method method, Object target, Object... args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
