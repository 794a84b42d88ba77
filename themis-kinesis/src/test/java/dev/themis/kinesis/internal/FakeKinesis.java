package dev.themis.kinesis.internal;

import dev.themis.kinesis.HashRange;
import dev.themis.kinesis.OpenShard;
import java.math.BigInteger;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.MergeShardsRequest;
import software.amazon.awssdk.services.kinesis.model.MergeShardsResponse;
import software.amazon.awssdk.services.kinesis.model.SplitShardRequest;
import software.amazon.awssdk.services.kinesis.model.SplitShardResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/** An in-memory stream behind the KinesisClient interface, for executor tests that need virtual time. */
final class FakeKinesis implements KinesisClient {
  final List<OpenShard> shards = new ArrayList<>();
  final List<Instant> updateShardCountCalls = new ArrayList<>();
  final List<String> calls = new ArrayList<>();
  final InstantSource clock;
  Supplier<AwsServiceException> failNext;
  private int nextId;

  FakeKinesis(InstantSource clock, int shards) {
    this.clock = clock;
    uniform(shards);
  }

  private void uniform(int n) {
    shards.clear();
    for (int i = 0; i < n; i++) {
      shards.add(OpenShard.of("shardId-" + (nextId++), HashRange.uniform(i, n)));
    }
  }

  private void maybeFail() {
    if (failNext != null) {
      AwsServiceException e = failNext.get();
      failNext = null;
      throw e;
    }
  }

  @Override
  public UpdateShardCountResponse updateShardCount(UpdateShardCountRequest r) {
    calls.add("UpdateShardCount " + r.targetShardCount());
    maybeFail();
    int n = shards.size();
    if (r.targetShardCount() > 2 * n || 2 * r.targetShardCount() < n) {
      throw new IllegalArgumentException("beyond 2x/half: " + n + " -> " + r.targetShardCount());
    }
    updateShardCountCalls.add(clock.instant());
    uniform(r.targetShardCount());
    return UpdateShardCountResponse.builder().build();
  }

  @Override
  public SplitShardResponse splitShard(SplitShardRequest r) {
    calls.add("SplitShard " + r.shardToSplit());
    maybeFail();
    OpenShard s = shards.stream().filter(x -> x.shardId().equals(r.shardToSplit())).findFirst().orElseThrow();
    BigInteger key = new BigInteger(r.newStartingHashKey());
    shards.remove(s);
    shards.add(OpenShard.of("shardId-" + (nextId++), new HashRange(s.range().start(), key.subtract(BigInteger.ONE))));
    shards.add(OpenShard.of("shardId-" + (nextId++), new HashRange(key, s.range().end())));
    shards.sort(Comparator.comparing(OpenShard::range));
    return SplitShardResponse.builder().build();
  }

  @Override
  public MergeShardsResponse mergeShards(MergeShardsRequest r) {
    calls.add("MergeShards " + r.shardToMerge() + " " + r.adjacentShardToMerge());
    maybeFail();
    OpenShard a = shards.stream().filter(x -> x.shardId().equals(r.shardToMerge())).findFirst().orElseThrow();
    OpenShard b = shards.stream().filter(x -> x.shardId().equals(r.adjacentShardToMerge())).findFirst().orElseThrow();
    if (!a.range().precedes(b.range())) {
      throw new IllegalArgumentException("not adjacent");
    }
    shards.remove(a);
    shards.remove(b);
    shards.add(OpenShard.of("shardId-" + (nextId++), a.range().merge(b.range())));
    shards.sort(Comparator.comparing(OpenShard::range));
    return MergeShardsResponse.builder().build();
  }

  @Override
  public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest r) {
    return DescribeStreamSummaryResponse.builder()
        .streamDescriptionSummary(d -> d.streamName(r.streamName()).streamARN("arn:aws:kinesis:::stream/x"))
        .build();
  }

  @Override
  public String serviceName() {
    return "kinesis";
  }

  @Override
  public void close() {}
}
