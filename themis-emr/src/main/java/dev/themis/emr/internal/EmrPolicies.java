package dev.themis.emr.internal;

import dev.themis.ResourceSpec;
import dev.themis.ScalingDecision;
import dev.themis.config.ConfigKey;
import dev.themis.emr.EmrKeys;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ScalingPolicy;
import java.util.List;
import java.util.regex.Pattern;

/** The default policy and the {@code group_or_preferred_market} evaluation of a cluster. */
final class EmrPolicies {
  private static final Pattern LITERAL_LIST = Pattern.compile("\\s*([\\w:.-]+(\\s*,\\s*[\\w:.-]+)*)?\\s*");

  private EmrPolicies() {}

  static ScalingPolicy defaultPolicy(ResourceSpec spec, EmrClusterConfig config, ProviderContext context) {
    return ctx -> ScalingDecision.hold(ctx.capacity(), "expression policy not wired yet", "emr-expressions");
  }

  static PreferenceSource preferences(ResourceSpec spec, EmrClusterConfig config) {
    String text = config.preference();
    if (LITERAL_LIST.matcher(text).matches()) {
      List<String> list = ConfigKey.parseList(text);
      return state -> list;
    }
    if (text.equals(EmrKeys.DEFAULT_GROUP_OR_PREFERRED_MARKET)) {
      return state -> List.of(state.metric("tasknodes.count.nodes").orElse(0.0) < 15 ? "ON_DEMAND" : "SPOT");
    }
    throw new IllegalArgumentException("group_or_preferred_market expressions need the expression compiler");
  }
}
