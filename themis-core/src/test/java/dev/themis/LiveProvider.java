package dev.themis;

import dev.themis.config.ConfigKey;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.IntExpression;
import dev.themis.expr.Variables;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceBinding;
import dev.themis.spi.ResourceProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider of shared {@link FakeResource}s (one per name, kept across bindings, as a cloud keeps its resources)
 * whose policy is {@code capacity + upscale_expr}, the expression compiled when the resource is bound.
 */
final class LiveProvider implements ResourceProvider {
  static final ConfigKey<String> UPSCALE = ConfigKey.expression("upscale_expr", "0", "units to add");
  static final Variables VARS = Variables.builder().add("capacity", long.class).build();
  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();

  final Map<String, FakeResource> resources = new HashMap<>();
  int bindings;

  FakeResource resource(String name) {
    return resources.computeIfAbsent(name, n -> new FakeResource(n, 2, 1));
  }

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(UPSCALE);
  }

  @Override
  public ResourceBinding create(ResourceSpec spec, ProviderContext context) {
    String source = spec.settings().get(UPSCALE);
    // Throws an ExpressionException (a ConfigurationException) naming the key, line and column.
    IntExpression up = COMPILER.compileInt(spec.settings().pathOf(UPSCALE.name()), source, VARS);
    bindings++;
    FakeResource r = resource(spec.id().name());
    return new ResourceBinding(r, r, ctx -> {
      long add = up.evaluate(VARS.bindings().put("capacity", (long) ctx.capacity()).build());
      return new ScalingDecision((int) Math.max(0, ctx.capacity() + add), "upscale_expr = " + add, "live");
    });
  }
}
