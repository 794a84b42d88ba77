package dev.themis.kinesis;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** A KinesisClient that delegates to a real one, except where a test injects a fault. */
public final class Faults {
  private Faults() {}

  /** Decides per call: return non-null to answer (or throw) instead of the real client. */
  @FunctionalInterface
  public interface Fault {
    Object intercept(String operation, Object request, KinesisClient real) throws Exception;
  }

  public static KinesisClient wrap(KinesisClient real, Fault fault) {
    InvocationHandler h = (proxy, method, args) -> {
      if (args != null && args.length == 1 && args[0] instanceof software.amazon.awssdk.core.SdkRequest) {
        Object answer = fault.intercept(method.getName(), args[0], real);
        if (answer != null) {
          return answer;
        }
        return invoke(real, method, args);
      }
      if (method.isDefault()) {
        // Consumer<Builder> variants build the request and come back through the proxy.
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      return invoke(real, method, args);
    };
    return (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
        new Class<?>[] {KinesisClient.class}, h);
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
