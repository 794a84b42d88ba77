/**
 * What the simulated clients share: call counting and failure injection ({@link
 * dev.themis.testkit.aws.SimulatedClient}) and AWS-shaped service exceptions ({@link
 * dev.themis.testkit.aws.AwsErrors}).
 */
package dev.themis.testkit.aws;
