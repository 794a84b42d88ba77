/**
 * A simulated EMR ({@link dev.themis.testkit.emr.SimulatedEmr}, an {@code EmrClient}) with YARN ResourceManagers
 * ({@link dev.themis.testkit.emr.SimulatedYarn}, a {@code dev.themis.emr.YarnClient}) and CloudWatch metrics, in
 * virtual time.
 */
package dev.themis.testkit.emr;
