/**
 * Testing and trying Themis without an AWS account: traces, replay, property-test generators and policy
 * invariants. Use it in test scope.
 *
 * <ul>
 *   <li>Time: the manual clock is {@link dev.themis.clock.ManualClock} from themis-core ({@code advance(Duration)},
 *       {@code set(Instant)}); build the autoscaler and every simulated cloud on the same instance. Nothing in the
 *       testkit reads the wall clock or sleeps.
 *   <li>Demand: {@link dev.themis.testkit.TraceLoader} reads any {@code timestamp_seconds,value} CSV into a
 *       {@link dev.themis.testkit.Trace} (zero-order hold); {@link dev.themis.testkit.Trace#toUnits} converts it to
 *       units as BENCHMARK.md does; {@link dev.themis.testkit.Trace#anchoredAt} makes it a
 *       {@link dev.themis.testkit.Demand} in time.
 *   <li>Clouds: {@code dev.themis.testkit.emr.SimulatedEmr} (with its {@code SimulatedYarn}),
 *       {@code dev.themis.testkit.kinesis.SimulatedKinesis} and {@code dev.themis.testkit.cloudwatch.SimulatedCloudWatch}
 *       implement the real SDK client interfaces, so the real providers run against them unchanged.
 *   <li>Replay: {@link dev.themis.testkit.Replay} ticks an autoscaler minute by minute and records demand, supply,
 *       billed units and actions ({@link dev.themis.testkit.ReplayResult}).
 *   <li>Policies: {@link dev.themis.testkit.StateGenerators} (seeded, framework-neutral, on
 *       {@link java.util.random.RandomGenerator}) and {@link dev.themis.testkit.PolicyInvariants} (bounds,
 *       determinism, no flapping, monotone in load); QuickTheories adapters in
 *       {@code dev.themis.testkit.quicktheories}.
 * </ul>
 */
package dev.themis.testkit;
