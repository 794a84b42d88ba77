package dev.themis.emr.internal;

import dev.themis.PolicyContext;
import dev.themis.ResourceSpec;
import dev.themis.ScalingSettings;
import dev.themis.emr.EmrKeys;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.StringListExpression;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.policy.ExpressionPolicy;
import dev.themis.spi.ProviderContext;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;

/**
 * The default policy of an EMR cluster (the original's expressions, {@link ExpressionPolicy}) and the evaluation of
 * {@code group_or_preferred_market} with the same variables. Both are compiled once, when the autoscaler is built.
 */
final class EmrPolicies {
  static final ExpressionCompiler SHARED = ExpressionCompiler.create();

  private EmrPolicies() {}

  static ExpressionCompiler compiler(ProviderContext context) {
    return context.component(ExpressionCompiler.class).orElse(SHARED);
  }

  /** @throws dev.themis.config.ConfigurationException with every expression and schedule problem */
  static ExpressionPolicy defaultPolicy(ResourceSpec spec, ProviderContext context) {
    return ExpressionPolicy.fromSettings(spec.settings(), ExpressionPolicy.Keys.emr(), StandardVariables.emr(),
        compiler(context), context.zone());
  }

  /** @throws dev.themis.config.ConfigurationException if the value is neither a list nor a valid expression */
  static StringListExpression compilePreferences(ResourceSpec spec, ProviderContext context) {
    String text = spec.settings().get(EmrKeys.GROUP_OR_PREFERRED_MARKET);
    return compiler(context).compileStringList(
        spec.settings().pathOf(EmrKeys.GROUP_OR_PREFERRED_MARKET.name()), text == null ? "" : text,
        StandardVariables.emr());
  }

  /**
   * Evaluates the compiled preference with the variables the policy's expressions see; a failure names the key and
   * the expression ({@link dev.themis.expr.EvaluationException}), not the JVM's exception.
   */
  static PreferenceSource preferences(StringListExpression e, ProviderContext context, ExpressionPolicy policy,
      String key, String source) {
    InstantSource clock = context.clock();
    ZoneId zone = context.zone();
    return state -> {
      PolicyContext ctx = new PolicyContext(state, List.of(), ScalingSettings.defaults(), clock.instant(), zone);
      try {
        return e.evaluate(policy.bindings(ctx));
      } catch (RuntimeException ex) {
        throw new dev.themis.expr.EvaluationException(key, source, ex);
      }
    };
  }
}
