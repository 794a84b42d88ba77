package dev.themis.kinesis.internal;

import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingOutcome;
import dev.themis.history.ResourceMemory;
import dev.themis.kinesis.KinesisKeys.OnDemand;
import dev.themis.kinesis.KinesisKeys.Strategy;
import dev.themis.kinesis.OpenShard;
import dev.themis.kinesis.ReshardPlan;
import dev.themis.kinesis.ReshardStep;
import dev.themis.kinesis.StreamSnapshot;
import dev.themis.spi.ScalingExecutor;
import dev.themis.spi.StatefulComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * Moves a stream towards the decided shard count, one resharding call per tick: plans with
 * {@link ReshardPlanner}, makes the plan's first step, and reports it started (the stream is then UPDATING and the
 * autoscaler waits). UpdateShardCount calls are counted per rolling 24 hours against {@code scaling_budget_per_day};
 * the log, the capacity-mode switches and the back-off are the stream's memory ({@link StatefulComponent}), kept by
 * the history store and restored by a new autoscaler: a call whose result was never recorded counts as made.
 * LimitExceededException and ResourceInUseException make this stream back off (declined, not failed, and no budget
 * spent); other streams are unaffected. A call whose result is unknown (client timeout, broken connection, 5xx after
 * retries) is reported started and counted against the budget: it may have been applied.
 */
final class StreamExecutor implements ScalingExecutor, StatefulComponent {
  private static final Logger LOG = LoggerFactory.getLogger(StreamExecutor.class);
  static final Duration DAY = Duration.ofHours(24);
  /** AWS allows two capacity-mode switches per stream per rolling 24 hours. */
  static final int MODE_SWITCHES_PER_DAY = 2;

  private final ResourceId id;
  private final StreamConfig config;
  private final Supplier<KinesisClient> kinesis;
  private final InstantSource clock;
  private final RollingLog updateCalls = new RollingLog(DAY);
  private final RollingLog modeSwitches = new RollingLog(DAY);
  private final Backoff backoff;

  StreamExecutor(ResourceId id, StreamConfig config, Supplier<KinesisClient> kinesis, InstantSource clock) {
    this.id = id;
    this.config = config;
    this.kinesis = kinesis;
    this.clock = clock;
    this.backoff = new Backoff(config.throttleBackoff());
  }

  /** UpdateShardCount calls within the last 24 hours, as this executor knows them. */
  int updateCallsInLastDay() {
    return updateCalls.count(clock.instant());
  }

  @Override
  public ScalingOutcome apply(ResourceState state, ScalingDecision decision) {
    Instant now = clock.instant();
    StreamSnapshot snap = state.detail(StreamSnapshot.class);
    int current = state.capacity();
    int target = decision.targetCapacity();
    String waiting = backoff.active(now);
    if (waiting != null) {
      return ScalingOutcome.declined(current, waiting);
    }
    if (!snap.active()) {
      return ScalingOutcome.declined(current, "stream is " + snap.status() + ": waiting for ACTIVE");
    }
    KinesisClient k = kinesis.get();
    try {
      if (snap.onDemand()) {
        return onDemand(k, current, target, now);
      }
      return reshard(k, snap, current, target, now);
    } catch (LimitExceededException | ResourceInUseException e) {
      String what = e.getClass().getSimpleName();
      Instant until = backoff.failed(now, what);
      LOG.warn("{}: {} ({}); backing off until {}", id, what, e.awsErrorDetails() == null ? e.getMessage()
          : e.awsErrorDetails().errorMessage(), until);
      // A throttle is a back-off, not a spent budget: the refused call did not happen, so it is not counted, and
      // the exponential back-off (up to 32 x throttle_backoff) keeps a stream at its real limit from retrying hot.
      return ScalingOutcome.declined(current, what + " from Kinesis: backing off until " + until);
    }
  }

  private ScalingOutcome reshard(KinesisClient k, StreamSnapshot snap, int current, int target, Instant now) {
    boolean up = target > current;
    int used = updateCalls.count(now);
    int left = up ? config.budgetPerDay() - used : config.budgetPerDay() - config.scaleUpReserve() - used;
    ReshardPlanner.Allowance allowance = new ReshardPlanner.Allowance(config.strategy(), Math.max(0, left));
    ReshardPlan plan = ReshardPlanner.plan(layout(snap), target, allowance);
    if (plan.empty()) {
      List<String> why = new ArrayList<>(plan.notes());
      if (why.isEmpty()) {
        why.add("nothing to do");
      }
      updateCalls.nextRelease(now).ifPresent(t -> why.add("next UpdateShardCount call frees up at " + t));
      return ScalingOutcome.declined(current, String.join("; ", why));
    }
    ReshardStep step = plan.steps().get(0);
    String unknown = null;
    try {
      make(k, step);
      backoff.succeeded();
    } catch (SdkException e) {
      unknown = unknownResult(e);
      if (unknown == null) {
        throw e;
      }
      LOG.warn("{}: {}: {}", id, step, unknown);
    }
    if (step instanceof ReshardStep.UpdateShardCount) {
      updateCalls.record(now);
    }
    List<String> actions = new ArrayList<>();
    actions.add(unknown == null ? step.toString() : step + ": " + unknown);
    if (plan.steps().size() > 1) {
      actions.add("plan " + current + " -> " + plan.reaches() + " in " + plan.steps().size() + " steps; next: "
          + plan.steps().get(1));
    }
    actions.addAll(plan.notes());
    if (!(config.strategy() == Strategy.SPLIT_MERGE)) {
      actions.add("UpdateShardCount calls in the last 24 h: " + updateCalls.count(now) + " of "
          + config.budgetPerDay());
    }
    LOG.debug("{}: {}", id, step); // the autoscaler logs the action at INFO
    return ScalingOutcome.started(current, step.to(), actions);
  }

  private void make(KinesisClient k, ReshardStep step) {
    String name = config.streamName();
    if (step instanceof ReshardStep.UpdateShardCount u) {
      k.updateShardCount(r -> r.streamName(name).targetShardCount(u.to()).scalingType(ScalingType.UNIFORM_SCALING));
    } else if (step instanceof ReshardStep.Split s) {
      k.splitShard(r -> r.streamName(name).shardToSplit(s.shardId())
          .newStartingHashKey(s.newStartingHashKey().toString()));
    } else if (step instanceof ReshardStep.Merge m) {
      k.mergeShards(r -> r.streamName(name).shardToMerge(m.lower()).adjacentShardToMerge(m.upper()));
    }
  }

  private ScalingOutcome onDemand(KinesisClient k, int current, int target, Instant now) {
    if (config.onDemand() == OnDemand.PROVISIONED) {
      return switchMode(k, current, StreamMode.PROVISIONED, now,
          "on_demand: provisioned; the policy wants " + current + " -> " + target);
    }
    return ScalingOutcome.declined(current,
        "ON_DEMAND stream: left alone (on_demand: ignore); wanted " + current + " -> " + target);
  }

  private ScalingOutcome switchMode(KinesisClient k, int current, StreamMode mode, Instant now, String why) {
    if (modeSwitches.count(now) >= MODE_SWITCHES_PER_DAY) {
      return ScalingOutcome.declined(current, "capacity mode already switched " + MODE_SWITCHES_PER_DAY
          + " times in 24 h; next switch possible at " + modeSwitches.nextRelease(now).orElse(now));
    }
    String arn = k.describeStreamSummary(r -> r.streamName(config.streamName())).streamDescriptionSummary().streamARN();
    String unknown = null;
    try {
      k.updateStreamMode(r -> r.streamARN(arn).streamModeDetails(d -> d.streamMode(mode)));
      backoff.succeeded();
    } catch (SdkException e) {
      unknown = unknownResult(e);
      if (unknown == null) {
        throw e;
      }
      LOG.warn("{}: UpdateStreamMode {}: {}", id, mode, unknown);
    }
    modeSwitches.record(now);
    return ScalingOutcome.started(current, current, List.of("UpdateStreamMode " + mode + " (" + why + ")"
        + (unknown == null ? "" : ": " + unknown)));
  }

  /**
   * Non-null if a mutating call failed in a way that leaves its result unknown (the client gave up, the connection
   * broke, or Kinesis answered 5xx after the SDK's retries): the call may have been applied, so it is counted as
   * applied (budget, cooldown) and the next observation shows what the stream did. Null if Kinesis refused it.
   */
  static String unknownResult(SdkException e) {
    if (e instanceof LimitExceededException || e instanceof ResourceInUseException) {
      return null;
    }
    if (e instanceof SdkClientException) {
      String why = e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException ? "timeout"
          : e.getClass().getSimpleName();
      return "result unknown (" + why + "): counted as applied";
    }
    if (e instanceof AwsServiceException a && a.statusCode() >= 500) {
      return "result unknown (HTTP " + a.statusCode() + "): counted as applied";
    }
    return null;
  }

  private static List<ReshardPlanner.Shard> layout(StreamSnapshot snap) {
    List<ReshardPlanner.Shard> out = new ArrayList<>(snap.openShards().size());
    for (OpenShard s : snap.openShards()) {
      out.add(new ReshardPlanner.Shard(s.shardId(), s.range(), Limits.shardLoad(s, snap.period(), false)));
    }
    return out;
  }

  @Override
  public Map<String, String> snapshot() {
    Map<String, String> m = new HashMap<>();
    m.put("updateShardCount", updateCalls.snapshot());
    m.put("updateStreamMode", modeSwitches.snapshot());
    backoff.snapshot(m);
    return m;
  }

  @Override
  public void restore(Map<String, String> snapshot, Optional<ResourceMemory.Action> unresolved) {
    updateCalls.restore(snapshot.get("updateShardCount"));
    modeSwitches.restore(snapshot.get("updateStreamMode"));
    backoff.restore(snapshot);
    // An intended reshard whose result was never recorded may have been an UpdateShardCount: count it.
    unresolved.ifPresent(a -> {
      if (config.strategy() != Strategy.SPLIT_MERGE && !updateCalls.hasSince(a.appliedAt())) {
        updateCalls.record(a.appliedAt());
      }
    });
  }
}
