package dev.themis.kinesis.internal;

import dev.themis.ResourceSpec;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.history.ResourceMemory;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceBinding;
import dev.themis.spi.ResourceDiscovery;
import dev.themis.spi.ResourceProvider;
import dev.themis.spi.ScalingExecutor;
import dev.themis.spi.ScalingPolicy;
import dev.themis.spi.StatefulComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final Clients clients = new Clients();

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
    Supplier<KinesisClient> kinesis = clients.kinesis(context, config.roleToAssume());
    Supplier<CloudWatchClient> cloudWatch = clients.cloudWatch(context, config.roleToAssume());
    StreamMonitor monitor = new StreamMonitor(spec.id(), config, kinesis, cloudWatch, new ExprVariables());
    StreamExecutor executor = new StreamExecutor(spec.id(), config, kinesis, context.clock());
    return new ResourceBinding(monitor, new ListingAfter(executor, monitor), policy);
  }

  @Override
  public Optional<ResourceDiscovery> discovery(ProviderContext context) {
    Settings g = context.global();
    String prefix = g.get(KinesisKeys.STREAM_PREFIX);
    Map<String, String> tags = g.get(KinesisKeys.STREAM_TAGS);
    if ((prefix == null || prefix.isEmpty()) && (tags == null || tags.isEmpty())) {
      return Optional.empty();
    }
    List<String> roles = g.get(KinesisKeys.DISCOVERY_ROLES);
    List<StreamDiscovery> perRole = new ArrayList<>();
    for (String role : roles.isEmpty() ? List.of("") : roles) {
      perRole.add(new StreamDiscovery(clients.kinesis(context, role), prefix, tags, role));
    }
    // A stream found under several roles is managed under the first.
    return Optional.of(now -> {
      Map<String, ResourceSpec> found = new LinkedHashMap<>();
      perRole.forEach(d -> d.discover(now).forEach(spec -> found.putIfAbsent(spec.id().name(), spec)));
      return new ArrayList<>(found.values());
    });
  }

  /**
   * Whatever the executor did or tried, the shards are listed again on the next observation. Keeps the executor's
   * memory (it is the stateful component the core saves and restores).
   */
  private record ListingAfter(StreamExecutor executor, StreamMonitor monitor)
      implements ScalingExecutor, StatefulComponent {
    @Override
    public ScalingOutcome apply(ResourceState state, ScalingDecision decision) {
      try {
        return executor.apply(state, decision);
      } finally {
        monitor.shardsMayHaveChanged();
      }
    }

    @Override
    public Map<String, String> snapshot() {
      return executor.snapshot();
    }

    @Override
    public void restore(Map<String, String> snapshot, Optional<ResourceMemory.Action> unresolved) {
      executor.restore(snapshot, unresolved);
    }
  }
}
