package dev.themis.testkit.kinesis;

import dev.themis.testkit.aws.AwsErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** The simulated account, and the Kinesis errors the simulation throws, as the service reports them. */
final class KinesisErrors {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";
  static final AwsErrors ERRORS = AwsErrors.of("Kinesis");

  private KinesisErrors() {}

  static InvalidArgumentException invalidArgument(String msg) {
    return ERRORS.error(InvalidArgumentException.builder(), InvalidArgumentException.class,
        "InvalidArgumentException", 400, msg);
  }

  static LimitExceededException limitExceeded(String msg) {
    return ERRORS.error(LimitExceededException.builder(), LimitExceededException.class, "LimitExceededException",
        400, msg);
  }

  static ResourceNotFoundException notFound(String msg, String detailMessage) {
    return ERRORS.error(ResourceNotFoundException.builder(), ResourceNotFoundException.class,
        "ResourceNotFoundException", 400, msg, detailMessage);
  }

  /** Throttling as Kinesis reports it: {@code LimitExceededException} with AWS's rate message. */
  static KinesisException throttling() {
    return limitExceeded("Rate exceeded for stream under account " + ACCOUNT + ".");
  }

  static AwsServiceException serviceError(String code, int status) {
    return ERRORS.error(KinesisException.builder(), KinesisException.class, code, status, code);
  }
}
