package dev.themis.kinesis;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link KinesisEmulator} per test run (kept in the root store, so every test class shares it) and
 * stops it when the run ends. Inject it as a test or lifecycle method parameter.
 */
public final class KinesisEmulatorExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KinesisEmulatorExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == KinesisEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    return c.getRoot().getStore(NS).getOrComputeIfAbsent("emulator", k -> new Holder(KinesisEmulator.start()),
        Holder.class).emulator;
  }

  /** Closed by JUnit when the root context closes, i.e. at the end of the test run. */
  private record Holder(KinesisEmulator emulator)
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      emulator.close();
    }
  }
}
