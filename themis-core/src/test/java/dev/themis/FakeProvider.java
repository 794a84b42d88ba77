package dev.themis;

import dev.themis.config.ConfigKey;
import dev.themis.spi.ProviderContext;
import dev.themis.spi.ResourceBinding;
import dev.themis.spi.ResourceProvider;
import java.util.List;
import java.util.Map;

/** A provider of {@link FakeResource}s, registered in the test resources' META-INF/services. */
public class FakeProvider implements ResourceProvider {
  static final ConfigKey<String> UPSCALE = ConfigKey.expression("upscale_expr", "0", "nodes to add");

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(UPSCALE);
  }

  @Override
  public Map<String, String> aliases() {
    return Map.of("min_nodes", "min_capacity", "max_nodes", "max_capacity");
  }

  @Override
  public ResourceBinding create(ResourceSpec spec, ProviderContext context) {
    FakeResource r = new FakeResource(spec.id().name(), 1, 1);
    return new ResourceBinding(r, r, ctx -> ScalingDecision.hold(ctx.capacity(), "hold", "default"));
  }
}
