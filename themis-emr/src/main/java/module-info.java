/**
 * The {@code emr} resource type: an EMR cluster monitor (EMR API, YARN ResourceManager REST, CloudWatch) and the
 * instance-group and instance-fleet executors. Exports the API package {@code dev.themis.emr} only; the provider and
 * everything behind it stay in {@code dev.themis.emr.internal}, reached through {@link java.util.ServiceLoader}.
 *
 * @provides dev.themis.spi.ResourceProvider the {@code emr} resource type
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // the AWS SDK ships no module descriptors
module dev.themis.emr {
  requires transitive dev.themis.core;
  // The clients a host registers with Autoscaler.Builder.component(...) (EmrClient, CloudWatchClient, StsClient).
  requires transitive software.amazon.awssdk.services.emr;
  requires transitive software.amazon.awssdk.services.cloudwatch;
  requires transitive software.amazon.awssdk.services.sts;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.regions;
  requires transitive java.net.http; // HttpYarnClient takes a java.net.http.HttpClient
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.themis.emr;

  provides dev.themis.spi.ResourceProvider with dev.themis.emr.internal.EmrResourceProvider;
}
