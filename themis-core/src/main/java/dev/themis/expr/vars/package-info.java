/**
 * The typed variables expressions see, with the original Themis's names: immutable classes with public final
 * fields and pure methods, built by providers' monitors through static factories ({@link
 * dev.themis.expr.vars.NodeGroupVars#of(java.util.List)}, {@link dev.themis.expr.vars.MetricStats#of(double[])},
 * {@link dev.themis.expr.vars.ShardsVars#of(int, java.util.List)}...). Every class in this package that is reachable
 * from a declared variable is on the sandbox's allow-list, so only immutable, side-effect-free types belong here.
 *
 * <p>Missing values are NaN; every comparison with NaN is false, so rules do not fire on missing data (and the
 * autoscaler never scales down while metrics are missing).
 */
package dev.themis.expr.vars;
