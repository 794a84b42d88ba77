package dev.themis.emr.internal;

import dev.themis.ResourceSpec;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.emr.EmrKeys;
import dev.themis.emr.HttpYarnClient;
import dev.themis.emr.YarnClient;
import dev.themis.expr.StringListExpression;
import dev.themis.policy.ExpressionPolicy;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceBinding;
import dev.themis.spi.ResourceDiscovery;
import dev.themis.spi.ResourceProvider;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The {@code emr} resource type, registered with {@link java.util.ServiceLoader}. AWS clients come from the host
 * ({@code component(EmrClient.class, ...)}, likewise {@link CloudWatchClient}, {@link StsClient}, {@link YarnClient}
 * and {@link HttpClient}); otherwise they are built on first use from the default credentials chain and the
 * cluster's {@code region} (or the default region chain) with the HTTP client the SDK finds on the class path, and
 * shared by the clusters of one autoscaler. A {@code role_to_assume} never builds a client: its credentials are
 * a request-level override on the shared clients, so the host's client configuration applies to every role.
 */
public final class EmrResourceProvider implements ResourceProvider {
  private final Map<String, Object> defaults = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return "emr";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return EmrKeys.CLUSTER_KEYS;
  }

  @Override
  public List<ConfigKey<?>> globalKeys() {
    return EmrKeys.GLOBAL_KEYS;
  }

  @Override
  public Map<String, String> aliases() {
    return EmrKeys.ALIASES;
  }

  @Override
  public ResourceBinding create(ResourceSpec spec, ProviderContext context) {
    List<ConfigProblem> problems = new ArrayList<>();
    EmrClusterConfig config = null;
    ExpressionPolicy policy = null;
    StringListExpression preference = null;
    try {
      config = EmrClusterConfig.from(spec);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    try {
      policy = EmrPolicies.defaultPolicy(spec, context);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    try {
      preference = EmrPolicies.compilePreferences(spec, context);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    final EmrClusterConfig cfg = config;
    String preferenceText = spec.settings().get(EmrKeys.GROUP_OR_PREFERRED_MARKET);
    PreferenceSource preferences = EmrPolicies.preferences(preference, context, policy,
        spec.settings().pathOf(EmrKeys.GROUP_OR_PREFERRED_MARKET.name()), preferenceText == null ? "" : preferenceText);
    AwsAccess aws = new AwsAccess(emr(context, config.region()), cloudWatch(context, config.region()),
        credentials(context, config));
    EmrApi api = new EmrApi(aws);
    YarnClient yarn = context.component(YarnClient.class).orElseGet(() -> {
      HttpYarnClient.Builder b = HttpYarnClient.builder().url(cfg.yarnUrl());
      context.component(HttpClient.class).ifPresent(b::httpClient);
      return b.build();
    });
    Quarantine quarantine = new Quarantine(config.quarantine());
    EmrClusterMonitor monitor = new EmrClusterMonitor(spec.id(), config, api, yarn,
        config.cloudWatch() ? new CloudWatchSource(aws, config.clusterId()) : null,
        config.gangliaUrl() == null ? null : new GangliaLoadSource(context.component(HttpClient.class).orElseGet(
            () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(
                java.time.Duration.ofSeconds(3)).build()), config.gangliaUrl(), config.clusterId()),
        quarantine, config.region());
    EmrScalingExecutor executor = new EmrScalingExecutor(config, api, preferences, quarantine, context.clock());
    return new ResourceBinding(monitor, executor, policy);
  }

  @Override
  public Optional<ResourceDiscovery> discovery(ProviderContext context) {
    if (!context.global().get(EmrKeys.EMR_DISCOVERY)) {
      return Optional.empty();
    }
    String region = EmrClusterConfig.blankToNull(context.global().get(EmrKeys.EMR_DISCOVERY_REGION));
    List<String> roles = new ArrayList<>(context.global().get(EmrKeys.EMR_DISCOVERY_ROLES));
    if (roles.isEmpty()) {
      roles.add("");
    }
    Map<String, EmrApi> apis = new java.util.LinkedHashMap<>();
    for (String role : roles) {
      apis.put(role, new EmrApi(new AwsAccess(emr(context, region), cloudWatch(context, region),
          credentials(context, role, region))));
    }
    return Optional.of(new EmrDiscovery(apis, context.global().get(EmrKeys.EMR_CLUSTER_TAGS)));
  }

  /**
   * Timeouts of the AWS clients Themis builds itself (the host's own clients keep theirs): no call, retries
   * included, outlasts {@link #API_CALL_TIMEOUT}, so a hanging endpoint cannot stall a tick.
   */
  static final java.time.Duration API_CALL_TIMEOUT = java.time.Duration.ofSeconds(30);
  static final java.time.Duration API_CALL_ATTEMPT_TIMEOUT = java.time.Duration.ofSeconds(10);
  static final software.amazon.awssdk.core.client.config.ClientOverrideConfiguration TIMEOUTS =
      software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
          .apiCallTimeout(API_CALL_TIMEOUT).apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT).build();

  Supplier<EmrClient> emr(ProviderContext context, String region) {
    Optional<EmrClient> injected = context.component(EmrClient.class);
    if (injected.isPresent()) {
      EmrClient c = injected.get();
      return () -> c;
    }
    return () -> (EmrClient) defaults.computeIfAbsent("emr/" + region, k -> {
      var b = EmrClient.builder().overrideConfiguration(TIMEOUTS);
      if (region != null) {
        b.region(Region.of(region));
      }
      return b.build();
    });
  }

  Supplier<CloudWatchClient> cloudWatch(ProviderContext context, String region) {
    Optional<CloudWatchClient> injected = context.component(CloudWatchClient.class);
    if (injected.isPresent()) {
      CloudWatchClient c = injected.get();
      return () -> c;
    }
    return () -> (CloudWatchClient) defaults.computeIfAbsent("cloudwatch/" + region, k -> {
      var b = CloudWatchClient.builder().overrideConfiguration(TIMEOUTS);
      if (region != null) {
        b.region(Region.of(region));
      }
      return b.build();
    });
  }

  StsClient sts(ProviderContext context, String region) {
    return context.component(StsClient.class).orElseGet(() -> (StsClient) defaults.computeIfAbsent("sts/" + region,
        k -> {
          var b = StsClient.builder().overrideConfiguration(TIMEOUTS);
          if (region != null) {
            b.region(Region.of(region));
          }
          return b.build();
        }));
  }

  /**
   * The per-request credentials of a cluster with {@code role_to_assume}: STS AssumeRole, refreshed by the SDK
   * before the session expires (prefetch 5 min, stale 1 min before expiry), created lazily. One provider (one STS
   * session) per role and region, shared by every cluster and by discovery under that role.
   */
  private AwsRequestOverrideConfiguration credentials(ProviderContext context, EmrClusterConfig config) {
    return credentials(context, config.roleToAssume(), config.region());
  }

  private AwsRequestOverrideConfiguration credentials(ProviderContext context, String role, String region) {
    if (role == null || role.isBlank()) {
      return null;
    }
    String arn = role.trim();
    return (AwsRequestOverrideConfiguration) defaults.computeIfAbsent("role/" + region + "/" + arn, k ->
        AwsRequestOverrideConfiguration.builder().credentialsProvider(new LazyCredentials(() ->
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts(context, region))
                .refreshRequest(r -> r.roleArn(arn).roleSessionName("themis-emr"))
                .build())).build());
  }
}
