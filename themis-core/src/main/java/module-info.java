/**
 * Themis core: the {@link dev.themis.Autoscaler}, its SPI ({@link dev.themis.spi}), guards, policies, sandboxed
 * expressions, schedules, configuration, history and cost accounting. No AWS.
 *
 * <p>Every package of the core is API or SPI, so every one is exported; implementation classes stay package-private.
 * Expressions are compiled by Janino into classes of an unnamed module; they reach only
 * {@link dev.themis.expr} (their interfaces, {@code Bindings}, {@code Functions}) and the variable types in
 * {@code dev.themis.expr.vars}, both exported, and the bytecode allow-list decides what they may call.
 *
 * @uses dev.themis.spi.ResourceProvider resource types ({@code emr}, {@code kinesis}, your own)
 * @uses dev.themis.spi.PolicyProvider named policies
 * @uses dev.themis.spi.CoordinationProvider coordination engines ({@code jdbc})
 * @provides dev.themis.spi.PolicyProvider {@code target-tracking} and {@code predictive}
 */
@SuppressWarnings("requires-automatic") // Janino ships no module descriptor (it names its modules)
module dev.themis.core {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.github.benmanes.caffeine;
  requires org.codehaus.janino;
  requires org.codehaus.commons.compiler;
  // Not required here: RE2/J (com.google.re2j:re2j) has no module name but its jar's file name; ScheduleEntry adds
  // the read edge to whichever module holds it. The build compiles with --add-reads dev.themis.core=ALL-UNNAMED.
  requires org.slf4j;

  exports dev.themis;
  exports dev.themis.clock;
  exports dev.themis.config;
  exports dev.themis.cost;
  exports dev.themis.expr;
  exports dev.themis.expr.vars;
  exports dev.themis.history;
  exports dev.themis.policy;
  exports dev.themis.schedule;
  exports dev.themis.series;
  exports dev.themis.spi;

  uses dev.themis.spi.ResourceProvider;
  uses dev.themis.spi.PolicyProvider;
  uses dev.themis.spi.CoordinationProvider;

  provides dev.themis.spi.PolicyProvider with
      dev.themis.policy.TargetTrackingPolicyProvider,
      dev.themis.policy.PredictivePolicyProvider;
}
