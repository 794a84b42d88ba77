package dev.themis.emr;

import dev.themis.config.ConfigKey;
import dev.themis.expr.OriginalDefaults;
import dev.themis.policy.ExpressionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration keys of the {@code emr} resource type. The original's per-cluster keys keep their names and
 * defaults; the new ones are typed. Core guard keys ({@code min_capacity}, {@code max_capacity}, cooldowns...) apply
 * too; {@code min_nodes} and {@code max_nodes} are accepted as aliases of {@code min_capacity} and
 * {@code max_capacity}.
 *
 * <p>Capacity of an EMR cluster is the sum of the requested instance counts of its <em>scalable</em> groups: task
 * groups, and core groups only with {@code scale_core_groups: true}; never the master group. For instance fleets it
 * is the sum of the target on-demand and spot capacities of the scalable fleets.
 */
public final class EmrKeys {
  private EmrKeys() {}

  /** The original's default {@code upscale_expr}, verbatim. */
  public static final String DEFAULT_UPSCALE_EXPR = OriginalDefaults.UPSCALE_EXPR;

  /** The original's default {@code downscale_expr}, verbatim. */
  public static final String DEFAULT_DOWNSCALE_EXPR = OriginalDefaults.DOWNSCALE_EXPR;

  /** The original's default {@code group_or_preferred_market}, verbatim. */
  public static final String DEFAULT_GROUP_OR_PREFERRED_MARKET = OriginalDefaults.GROUP_OR_PREFERRED_MARKET;

  /** Number of nodes to add; evaluated only when {@code downscale_expr} gives 0 (the original's order). */
  public static final ConfigKey<String> UPSCALE_EXPR = ExpressionPolicy.UPSCALE_EXPR;
  /** Number of nodes to remove; evaluated first. */
  public static final ConfigKey<String> DOWNSCALE_EXPR = ExpressionPolicy.DOWNSCALE_EXPR;
  /** The original's regex schedule: JSON object regex → minimum task nodes. */
  public static final ConfigKey<String> TIME_BASED_SCALING = ExpressionPolicy.TIME_BASED_SCALING;
  /** Cron windows with floors and caps. */
  public static final ConfigKey<String> SCHEDULE = ExpressionPolicy.SCHEDULE;
  /** Zone of the schedules. */
  public static final ConfigKey<java.time.ZoneId> SCHEDULE_ZONE = ExpressionPolicy.SCHEDULE_ZONE;
  /**
   * Expression or comma-separated list of instance group / fleet ids and markets (SPOT, ON_DEMAND) in preference
   * order, e.g. {@code ig-123,SPOT,ON_DEMAND}; empty means SPOT,ON_DEMAND; a single scalable group is used
   * regardless.
   */
  public static final ConfigKey<String> GROUP_OR_PREFERRED_MARKET = ExpressionPolicy.GROUP_OR_PREFERRED_MARKET;
  public static final ConfigKey<Integer> BASELINE_NODES = ConfigKey.integer("baseline_nodes", 20, 0,
      "Node count of the hypothetical static cluster that savings are computed against.");
  public static final ConfigKey<String> CUSTOM_DOMAIN_NAME = ConfigKey.string("custom_domain_name", "",
      "If set, node host names are taken as ip-a-b-c-d.<domain> (from the private IP) to match YARN node names.");
  public static final ConfigKey<Boolean> SEND_SHUTDOWN_SIGNAL = ConfigKey.bool("send_shutdown_signal", true,
      "Accepted for compatibility with the original; Presto graceful shutdown over SSH is NOT supported. Nodes"
          + " are always removed through EMR's graceful YARN decommissioning (see decommission_timeout).");
  public static final ConfigKey<String> ROLE_TO_ASSUME = ConfigKey.string("role_to_assume", "",
      "IAM role ARN assumed (STS AssumeRole, refreshed before expiry) for every AWS call for this cluster;"
          + " empty = the host's credentials.");
  public static final ConfigKey<Boolean> SCALE_CORE_GROUPS = ConfigKey.bool("scale_core_groups", false,
      "Whether CORE instance groups/fleets may be scaled. TASK groups always may; the MASTER group never.");
  public static final ConfigKey<Duration> CAPACITY_ERROR_QUARANTINE = ConfigKey.duration(
      "capacity_error_quarantine", Duration.ofMinutes(30),
      "How long a group that could not be fulfilled (e.g. no spot capacity) is skipped in favour of the next"
          + " preference.");
  public static final ConfigKey<Duration> DECOMMISSION_TIMEOUT = ConfigKey.duration("decommission_timeout",
      Duration.ofHours(1),
      "How long YARN may drain a node being removed (ShrinkPolicy DecommissionTimeout and"
          + " InstanceTerminationTimeout).");
  public static final ConfigKey<Boolean> HARD_TERMINATE = ConfigKey.bool("hard_terminate", false,
      "Remove nodes at once with EC2InstanceIdsToTerminate, as the original did, instead of graceful"
          + " decommissioning.");
  public static final ConfigKey<String> YARN_URL = ConfigKey.string("yarn_url", "http://{master}:8088",
      "Base URL of the YARN ResourceManager REST API; {master} is replaced by the master's private DNS name.");
  public static final ConfigKey<Boolean> CLOUDWATCH_METRICS = ConfigKey.bool("cloudwatch_metrics", true,
      "Also read the cluster's CloudWatch metrics (YARNMemoryAvailablePercentage, ContainerPendingRatio,"
          + " AppsPending, IsIdle) with one GetMetricData call per tick.");
  public static final ConfigKey<String> GANGLIA_URL = ConfigKey.string("ganglia_url", "",
      "Optional: base URL of Ganglia on the master (e.g. 'http://{master}/ganglia'); if set, each worker's 1-minute"
          + " load average (sysload) is read from graph.php (one request per node and tick), as the original did."
          + " Empty: sysload is not read.");
  public static final ConfigKey<String> REGION = ConfigKey.string("region", null,
      "AWS region of the cluster; default: the host's default region chain.");
  public static final ConfigKey<String> INSTANCE_PRICES = ConfigKey.string("instance_prices", "",
      "Overrides of on-demand prices in USD per instance-hour including the EMR uplift, e.g."
          + " 'm5.xlarge=0.24,r5.2xlarge=0.63'.");

  /** Every per-cluster key of the provider. */
  public static final List<ConfigKey<?>> CLUSTER_KEYS = List.of(UPSCALE_EXPR, DOWNSCALE_EXPR, TIME_BASED_SCALING,
      SCHEDULE, SCHEDULE_ZONE, GROUP_OR_PREFERRED_MARKET, BASELINE_NODES, CUSTOM_DOMAIN_NAME, SEND_SHUTDOWN_SIGNAL, ROLE_TO_ASSUME,
      SCALE_CORE_GROUPS, CAPACITY_ERROR_QUARANTINE, DECOMMISSION_TIMEOUT, HARD_TERMINATE, YARN_URL,
      CLOUDWATCH_METRICS, GANGLIA_URL, REGION, INSTANCE_PRICES);

  /** Global: whether to manage every active cluster that carries {@link #EMR_CLUSTER_TAGS}. */
  public static final ConfigKey<Boolean> EMR_DISCOVERY = ConfigKey.bool("emr_discovery", false,
      "Manage every active EMR cluster carrying emr_cluster_tags, re-discovered every discovery_period (the"
          + " original discovered once). Clusters listed explicitly keep their own settings.");
  /** Global: tags a discovered cluster must carry, {@code key=value} or {@code key} (any value). */
  public static final ConfigKey<List<String>> EMR_CLUSTER_TAGS = ConfigKey.list("emr_cluster_tags",
      "themis:autoscale=true", "Tags a cluster must carry to be discovered: 'key=value' or 'key' (any value).");
  /** Global: region of discovery. */
  public static final ConfigKey<String> EMR_DISCOVERY_REGION = ConfigKey.string("emr_discovery_region", null,
      "Region in which clusters are discovered; default: the host's default region chain.");

  /** Global: roles to discover clusters under (the original's {@code roles_to_assume}). */
  public static final ConfigKey<List<String>> EMR_DISCOVERY_ROLES = ConfigKey.list("emr_discovery_roles", "",
      "IAM role ARNs to discover clusters under with emr_discovery (default: the original's roles_to_assume); a"
          + " cluster found under a role is managed with that role_to_assume. Empty: the host's credentials.");

  public static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(EMR_DISCOVERY, EMR_CLUSTER_TAGS, EMR_DISCOVERY_REGION,
      EMR_DISCOVERY_ROLES);

  /** Provider aliases of core keys. */
  public static final Map<String, String> ALIASES = Map.of("min_nodes", "min_capacity", "max_nodes", "max_capacity");
}
