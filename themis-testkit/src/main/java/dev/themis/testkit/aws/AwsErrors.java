package dev.themis.testkit.aws;

import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AWS service exceptions as the SDK reports them from one service: the modelled exception type, the HTTP status, and
 * the error details (code, message, service name) that the providers read. The simulated clients build every error
 * they throw here; a test can build its own for {@link SimulatedClient#failNext}.
 *
 * <pre>{@code
 * AwsErrors emr = AwsErrors.of("EMR");
 * emr.error(EmrException.builder(), EmrException.class, "ThrottlingException", 400, "Rate exceeded");
 * }</pre>
 */
public final class AwsErrors {
  private final String service;

  private AwsErrors(String service) {
    this.service = service;
  }

  /** Errors of the service named {@code service} in their details (e.g. {@code EMR}, {@code Kinesis}). */
  public static AwsErrors of(String service) {
    return new AwsErrors(Objects.requireNonNull(service, "service"));
  }

  /**
   * An exception built by {@code builder} with {@code message} as both its message and its details' message.
   *
   * @param builder a fresh builder of the exception, e.g. {@code LimitExceededException.builder()}
   * @param type the class that {@code builder} builds
   * @param code the error code, e.g. {@code ThrottlingException}
   * @param status the HTTP status code, e.g. 400 or 500
   * @throws ClassCastException if {@code builder} does not build a {@code type}
   */
  public <T extends AwsServiceException> T error(AwsServiceException.Builder builder, Class<T> type, String code,
      int status, String message) {
    return error(builder, type, code, status, message, message);
  }

  /** As {@link #error(AwsServiceException.Builder, Class, String, int, String)}, with a details message of its own. */
  public <T extends AwsServiceException> T error(AwsServiceException.Builder builder, Class<T> type, String code,
      int status, String message, String detailMessage) {
    builder.message(message);
    builder.statusCode(status);
    builder.awsErrorDetails(details(code, detailMessage));
    return type.cast(builder.build());
  }

  /** The error details of {@code code} and {@code message} from this service. */
  public AwsErrorDetails details(String code, String message) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(service).build();
  }
}
