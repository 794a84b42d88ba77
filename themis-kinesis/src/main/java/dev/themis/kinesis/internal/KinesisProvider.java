package dev.themis.kinesis.internal;

import dev.themis.ResourceSpec;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceBinding;
import dev.themis.spi.ResourceDiscovery;
import dev.themis.spi.ResourceProvider;
import dev.themis.spi.ScalingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The {@code kinesis} resource type, found by {@link java.util.ServiceLoader}. Uses the host's {@link KinesisClient}
 * and {@link CloudWatchClient} components when registered, default clients otherwise (built on first use).
 */
public final class KinesisProvider implements ResourceProvider {
  @Override
  public String type() {
    return KinesisKeys.TYPE;
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return KinesisKeys.KEYS;
  }

  @Override
  public List<ConfigKey<?>> globalKeys() {
    return KinesisKeys.GLOBAL_KEYS;
  }

  @Override
  public Map<String, String> aliases() {
    return KinesisKeys.ALIASES;
  }

  @Override
  public ResourceBinding create(ResourceSpec spec, ProviderContext context) {
    Settings s = spec.settings();
    StreamConfig config = StreamConfig.from(spec.id().name(), s);
    List<ConfigProblem> problems = new ArrayList<>();
    ScalingPolicy policy = null;
    try {
      policy = KinesisPolicies.defaultPolicy(config, s, context);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    Supplier<KinesisClient> kinesis = Clients.kinesis(context, config.roleToAssume());
    Supplier<CloudWatchClient> cloudWatch = Clients.cloudWatch(context, config.roleToAssume());
    StreamMonitor monitor = new StreamMonitor(spec.id(), config, kinesis, cloudWatch, new ExprVariables());
    StreamExecutor executor = new StreamExecutor(spec.id(), config, kinesis, context.clock());
    return new ResourceBinding(monitor, executor, policy);
  }

  @Override
  public Optional<ResourceDiscovery> discovery(ProviderContext context) {
    Settings g = context.global();
    String prefix = g.get(KinesisKeys.STREAM_PREFIX);
    Map<String, String> tags = g.get(KinesisKeys.STREAM_TAGS);
    if ((prefix == null || prefix.isEmpty()) && (tags == null || tags.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new StreamDiscovery(Clients.kinesis(context, ""), prefix, tags));
  }
}
