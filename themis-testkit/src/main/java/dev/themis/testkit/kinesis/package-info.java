/**
 * A simulated Kinesis Data Streams ({@link dev.themis.testkit.kinesis.SimulatedKinesis}, a {@code KinesisClient})
 * whose CloudWatch metrics come from a demand trace, in virtual time.
 */
package dev.themis.testkit.kinesis;
