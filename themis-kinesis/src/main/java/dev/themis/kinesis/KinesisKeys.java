package dev.themis.kinesis;

import dev.themis.config.ConfigKey;
import dev.themis.expr.OriginalDefaults;
import dev.themis.policy.ExpressionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration keys of Kinesis streams ({@code kinesis.<stream-name>.<key>}) and of Kinesis discovery
 * (global). Besides these, every stream takes the core keys ({@code min_capacity}, {@code max_capacity} (aliases
 * {@code min_shards}, {@code max_shards}), cooldowns, {@code dry_run}, ...).
 */
public final class KinesisKeys {
  private KinesisKeys() {}

  /** The resource type. */
  public static final String TYPE = "kinesis";

  /** The original's default {@code stream_upscale_expr}, verbatim. */
  public static final String DEFAULT_UPSCALE_EXPR = OriginalDefaults.STREAM_UPSCALE_EXPR;
  /** The original's default {@code stream_downscale_expr}, verbatim. */
  public static final String DEFAULT_DOWNSCALE_EXPR = OriginalDefaults.STREAM_DOWNSCALE_EXPR;

  /** The shard-level metrics Kinesis offers (enhanced monitoring). */
  public static final List<String> SHARD_METRICS = List.of(
      "IncomingBytes", "IncomingRecords", "IteratorAgeMilliseconds", "OutgoingBytes", "OutgoingRecords",
      "ReadProvisionedThroughputExceeded", "WriteProvisionedThroughputExceeded");

  /** What to do with streams in ON_DEMAND capacity mode. */
  public enum OnDemand {
    /** Report them and leave them alone (default). */
    IGNORE,
    /**
     * Switch them to PROVISIONED (UpdateStreamMode) when the policy wants to scale, then manage their shards; at
     * most twice per stream per rolling 24 hours, as AWS allows.
     */
    PROVISIONED
  }

  /** How shard counts are changed. */
  public enum Strategy {
    /**
     * UpdateShardCount while the daily budget lasts (keeping {@code scale_up_reserve} calls for scale-ups), else
     * split the hottest / merge the coldest adjacent shards (default).
     */
    AUTO,
    /** Only UpdateShardCount; hold when the budget is spent. */
    UPDATE_SHARD_COUNT,
    /** Only SplitShard / MergeShards (hot-shard split, cold-pair merge); the daily budget does not apply. */
    SPLIT_MERGE
  }

  public static final ConfigKey<String> STREAM_UPSCALE_EXPR = ConfigKey.expression(
      "stream_upscale_expr", DEFAULT_UPSCALE_EXPR,
      "Expression: number of shards to add (an integer > 0 scales up; anything else does nothing). Variables: "
          + "stream.<Metric>.average|max|min|sum|last (alias total), shards.count, shards.<Metric>.*, "
          + "shards_list[i], load.max|peak|write_bytes|write_records|read_bytes|hottest_shard|iterator_age_max_ms, "
          + "now, time_based, stream_name.");
  public static final ConfigKey<String> STREAM_DOWNSCALE_EXPR = ConfigKey.expression(
      "stream_downscale_expr", DEFAULT_DOWNSCALE_EXPR,
      "Expression: number of shards to remove (an integer > 0 scales down and wins over upscale).");
  public static final ConfigKey<Boolean> ENABLE_ENHANCED_MONITORING = ConfigKey.bool(
      "enable_enhanced_monitoring", false,
      "'true' enables shard-level metrics on the stream (EnableEnhancedMonitoring) and reads them; an explicit "
          + "'false' disables them (DisableEnhancedMonitoring); when not set, shard-level metrics someone else "
          + "enabled are read and left alone.");
  public static final ConfigKey<String> ROLE_TO_ASSUME = ConfigKey.string(
      "role_to_assume", "", "IAM role ARN assumed (STS) for every call about this stream; empty = the host's client.");
  public static final ConfigKey<Double> TARGET_UTILISATION = ConfigKey.decimal(
      "target_utilisation", null, 0.01, 1.0,
      "When set, the default policy tracks utilisation.max (the highest of incoming bytes, incoming records and "
          + "outgoing bytes per shard against the limits of 1 MiB/s, 1,000 records/s and 2 MiB/s, averaged over "
          + "metrics_window) at this fraction instead of evaluating the expressions.");
  public static final ConfigKey<Integer> SCALING_BUDGET_PER_DAY = ConfigKey.integer(
      "scaling_budget_per_day", 10, 0,
      "UpdateShardCount calls allowed per stream per rolling 24 hours (AWS allows 10).");
  public static final ConfigKey<Integer> SCALE_UP_RESERVE = ConfigKey.integer(
      "scale_up_reserve", 2, 0,
      "UpdateShardCount calls of the daily budget that scale-downs never use, kept for scale-ups.");
  public static final ConfigKey<Duration> METRICS_WINDOW = ConfigKey.duration(
      "metrics_window", Duration.ofMinutes(20), "How far back CloudWatch metrics are read (original: 20 min).");
  public static final ConfigKey<Duration> METRICS_PERIOD = new ConfigKey<>(
      "metrics_period", "duration, a multiple of 60 s", "60s",
      "CloudWatch period of each datapoint (original: 60 s).", text -> {
        Duration d = ConfigKey.parseDuration(text);
        if (d.isZero() || d.getSeconds() % 60 != 0 || d.getNano() != 0) {
          throw new IllegalArgumentException("expected a positive multiple of 60 s such as '60s' or '5m'");
        }
        return d;
      });
  public static final ConfigKey<Set<String>> SHARD_METRICS_READ = new ConfigKey<>(
      "shard_metrics", "comma-separated shard-level metric names, or ALL", "IncomingBytes,IncomingRecords",
      "Shard-level metrics read when enhanced monitoring is on (ALL = the original's seven). The default keeps a "
          + "stream of up to 247 shards in one GetMetricData call.",
      KinesisKeys::parseShardMetrics);
  public static final ConfigKey<OnDemand> ON_DEMAND = new ConfigKey<>(
      "on_demand", "ignore or provisioned", "ignore",
      "What to do with ON_DEMAND streams: leave them alone (reported), or switch them to PROVISIONED "
          + "(UpdateStreamMode, at most twice per 24 h) when the policy wants to change their shard count.",
      text -> parseEnum(OnDemand.class, text));
  public static final ConfigKey<Strategy> RESHARD_STRATEGY = new ConfigKey<>(
      "reshard_strategy", "auto, update_shard_count or split_merge", "auto",
      "How shard counts change: UpdateShardCount within the daily budget, else split/merge (auto); only one of them.",
      text -> parseEnum(Strategy.class, text));
  public static final ConfigKey<Duration> THROTTLE_BACKOFF = ConfigKey.duration(
      "throttle_backoff", Duration.ofMinutes(1),
      "First wait after LimitExceededException or ResourceInUseException; doubles on each repeat, up to 32 times.");

  /** Every per-stream key, in documentation order. */
  public static final List<ConfigKey<?>> KEYS = List.of(
      STREAM_UPSCALE_EXPR, STREAM_DOWNSCALE_EXPR, ENABLE_ENHANCED_MONITORING, ROLE_TO_ASSUME, TARGET_UTILISATION,
      SCALING_BUDGET_PER_DAY, SCALE_UP_RESERVE, METRICS_WINDOW, METRICS_PERIOD, SHARD_METRICS_READ, ON_DEMAND,
      RESHARD_STRATEGY, THROTTLE_BACKOFF, ExpressionPolicy.TIME_BASED_SCALING, ExpressionPolicy.SCHEDULE,
      ExpressionPolicy.SCHEDULE_ZONE);

  /** Key names of the original and of other providers that mean a core key. */
  public static final Map<String, String> ALIASES = Map.of("min_shards", "min_capacity", "max_shards", "max_capacity");

  public static final ConfigKey<String> STREAM_PREFIX = ConfigKey.string(
      "kinesis_stream_prefix", null,
      "Discover and manage every stream whose name starts with this prefix (refreshed every discovery_period).");
  public static final ConfigKey<Map<String, String>> STREAM_TAGS = new ConfigKey<>(
      "kinesis_stream_tags", "comma-separated key=value list", null,
      "Discover and manage every stream carrying all these tags (with kinesis_stream_prefix: both must match).",
      KinesisKeys::parseTags);

  /** Global: roles to discover streams under (the original's {@code roles_to_assume}). */
  public static final ConfigKey<List<String>> DISCOVERY_ROLES = ConfigKey.list("kinesis_discovery_roles", "",
      "IAM role ARNs to discover streams under with kinesis_stream_prefix or kinesis_stream_tags (default: the"
          + " original's roles_to_assume); a stream found under a role is managed with that role_to_assume. Empty:"
          + " the host's credentials.");

  /** The global (discovery) keys. */
  public static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(STREAM_PREFIX, STREAM_TAGS, DISCOVERY_ROLES);

  static Set<String> parseShardMetrics(String text) {
    if (text.trim().equalsIgnoreCase("all")) {
      return Set.copyOf(SHARD_METRICS);
    }
    List<String> names = ConfigKey.parseList(text);
    for (String n : names) {
      if (!SHARD_METRICS.contains(n)) {
        throw new IllegalArgumentException("expected ALL or names from " + SHARD_METRICS + "; '" + n + "' is none");
      }
    }
    return Set.copyOf(names);
  }

  static Map<String, String> parseTags(String text) {
    Map<String, String> tags = new java.util.LinkedHashMap<>();
    for (String pair : ConfigKey.parseList(text)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value pairs separated by commas, such as 'team=data'");
      }
      tags.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return Map.copyOf(tags);
  }

  static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder sb = new StringBuilder("expected one of ");
      for (E c : type.getEnumConstants()) {
        sb.append(c.name().toLowerCase(Locale.ROOT)).append(c.ordinal() < type.getEnumConstants().length - 1 ? ", " : "");
      }
      throw new IllegalArgumentException(sb.toString(), e);
    }
  }
}
