/**
 * The {@code kinesis} resource type: a stream monitor (summary, shards, one batched CloudWatch GetMetricData) and an
 * executor (UpdateShardCount, split and merge). Exports the API package {@code dev.themis.kinesis} only; the provider
 * and everything behind it stay in {@code dev.themis.kinesis.internal}, reached through
 * {@link java.util.ServiceLoader}.
 *
 * @provides dev.themis.spi.ResourceProvider the {@code kinesis} resource type
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // the AWS SDK ships no module descriptors
module dev.themis.kinesis {
  requires transitive dev.themis.core;
  // The clients a host registers with Autoscaler.Builder.component(...) (KinesisClient, CloudWatchClient, StsClient).
  requires transitive software.amazon.awssdk.services.kinesis;
  requires transitive software.amazon.awssdk.services.cloudwatch;
  requires transitive software.amazon.awssdk.services.sts;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires org.slf4j;

  exports dev.themis.kinesis;

  provides dev.themis.spi.ResourceProvider with dev.themis.kinesis.internal.KinesisProvider;
}
