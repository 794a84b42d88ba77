package dev.themis.kinesis;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts AWS API calls (not HTTP attempts) per service and operation, through an SDK interceptor. */
public final class CallCounter implements ExecutionInterceptor {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String op = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
  }

  public Map<String, Integer> snapshot() {
    Map<String, Integer> m = new TreeMap<>();
    calls.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  public int total() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public void reset() {
    calls.clear();
  }
}
