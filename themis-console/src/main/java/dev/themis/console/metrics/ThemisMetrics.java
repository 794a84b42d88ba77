package dev.themis.console.metrics;

import dev.themis.AutoscalerListener;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ScalingDirection;
import dev.themis.TickReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Micrometer metrics of an autoscaler. Register it as a listener when building the autoscaler, and bind it to
 * one or more registries:
 *
 * <pre>{@code
 * ThemisMetrics metrics = new ThemisMetrics();
 * Autoscaler autoscaler = Autoscaler.builder()...listener(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>Meters, each tagged {@code resource} ({@code type:name}) and {@code type}:
 * <ul>
 *   <li>{@code themis.capacity} (gauge): the capacity last observed, in units; NaN before the first observation
 *   <li>{@code themis.desired} (gauge): the capacity the guarded decision wanted; NaN without a decision
 *   <li>{@code themis.in_flight} (gauge): 1 while an action is under way, else 0
 *   <li>{@code themis.actions} (counter, also tagged {@code direction} up/down): actions applied
 *   <li>{@code themis.failures} (counter, also tagged {@code stage}): failed outcomes by stage
 *   <li>{@code themis.outcomes} (counter, also tagged {@code kind}): every outcome by kind
 * </ul>
 * and {@code themis.tick} (timer, untagged): the duration of each tick by the autoscaler's clock; and
 * {@code themis.stage} (timer, tagged {@code resource}, {@code type} and {@code stage} observe/decide/apply): the
 * duration of each stage of each resource's step, by the JVM's monotonic clock.
 *
 * <p>Micrometer is an optional dependency of this module: add {@code io.micrometer:micrometer-core} to use this
 * class. Thread-safe.
 */
public final class ThemisMetrics implements MeterBinder, AutoscalerListener {
  private final Map<ResourceId, AtomicReference<ResourceOutcome>> last = new ConcurrentHashMap<>();
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  /** A binder with no registry yet: add it as the autoscaler's listener and bind it to one or more registries. */
  public ThemisMetrics() {}

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    registries.add(registry);
    last.keySet().forEach(id -> gauges(registry, id));
  }

  @Override
  public void onOutcome(ResourceOutcome outcome) {
    ResourceId id = outcome.resource();
    boolean fresh = !last.containsKey(id);
    last.computeIfAbsent(id, k -> new AtomicReference<>()).set(outcome);
    for (MeterRegistry r : registries) {
      if (fresh) {
        gauges(r, id);
      }
      Counter.builder("themis.outcomes").description("Outcomes of ticks, by kind")
          .tags(tags(id).and("kind", outcome.getClass().getSimpleName())).register(r).increment();
      if (outcome instanceof ResourceOutcome.Applied a) {
        ScalingDirection d = ScalingDirection.of(a.result().fromCapacity(), a.result().toCapacity());
        Counter.builder("themis.actions").description("Scaling actions applied")
            .tags(tags(id).and("direction", d.name().toLowerCase(java.util.Locale.ROOT))).register(r).increment();
      } else if (outcome instanceof ResourceOutcome.Failed f) {
        Counter.builder("themis.failures").description("Failed outcomes, by the stage that failed")
            .tags(tags(id).and("stage", f.stage().name().toLowerCase(java.util.Locale.ROOT))).register(r)
            .increment();
      }
    }
  }

  @Override
  public void onTick(TickReport report) {
    for (MeterRegistry r : registries) {
      Timer.builder("themis.tick").description("Duration of Autoscaler.tick(), by the autoscaler's clock")
          .register(r).record(report.elapsed());
    }
  }

  @Override
  public void onStage(ResourceId resource, ResourceOutcome.Stage stage, java.time.Duration elapsed) {
    for (MeterRegistry r : registries) {
      Timer.builder("themis.stage").description("Duration of one stage of a resource's step")
          .tags(tags(resource).and("stage", stage.name().toLowerCase(java.util.Locale.ROOT))).register(r)
          .record(elapsed);
    }
  }

  private void gauges(MeterRegistry registry, ResourceId id) {
    AtomicReference<ResourceOutcome> ref = last.get(id);
    Gauge.builder("themis.capacity", ref, x -> {
      ResourceOutcome o = x.get();
      return o == null || o.state() == null ? Double.NaN : o.capacityAfter();
    }).description("Capacity as last observed or requested, in units").tags(tags(id)).register(registry);
    Gauge.builder("themis.desired", ref, x -> {
      ResourceOutcome o = x.get();
      return o == null || o.decision() == null ? Double.NaN : o.decision().targetCapacity();
    }).description("Capacity the guarded decision wanted, in units").tags(tags(id)).register(registry);
    Gauge.builder("themis.in_flight", ref, x -> {
      ResourceOutcome o = x.get();
      boolean busy = o != null && (o.state() != null && o.state().inFlight()
          || o instanceof ResourceOutcome.Applied a && !a.result().completed());
      return busy ? 1 : 0;
    }).description("1 while a scaling action is under way").tags(tags(id)).register(registry);
  }

  private static Tags tags(ResourceId id) {
    return Tags.of("resource", id.toString(), "type", id.type());
  }
}
