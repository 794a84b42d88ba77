package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A tick called from within a resource's step, on the same thread, finds the resource busy and changes nothing. */
class ReentrantTickTest {
  @Test
  void aListenerTickingDuringAStepFindsTheResourceBusyAndTheStepKeepsItsReasons() {
    ManualClock clock = ManualClock.atEpoch2020();
    ResourceId id = ResourceId.of("emr", "j-1");
    AtomicReference<Autoscaler> self = new AtomicReference<>();
    List<TickReport> nested = new ArrayList<>();
    List<Integer> applied = new ArrayList<>();
    Autoscaler a = Autoscaler.builder().clock(clock).discoverProviders(false)
        .resource(id, ScalingSettings.builder().minCapacity(1).maxCapacity(6).maxStep(2).build(),
            (now, window) -> ResourceState.of(id, now, 2, Map.of()),
            ctx -> new ScalingDecision(9, "wants 9", "fixed"),
            (state, d) -> {
              applied.add(d.targetCapacity());
              return ScalingOutcome.completed(state.capacity(), d.targetCapacity(), List.of("resize"));
            })
        .listener(new AutoscalerListener() {
          @Override
          public void onStage(ResourceId resource, ResourceOutcome.Stage stage, Duration elapsed) {
            if (stage == ResourceOutcome.Stage.DECIDE && nested.isEmpty()) {
              nested.add(self.get().tick()); // after the guards wrote their reasons, before the action
            }
          }
        })
        .build();
    self.set(a);

    ResourceOutcome outer = a.tick().outcomes().get(0);

    assertThat(nested).hasSize(1);
    assertThat(nested.get(0).outcomes().get(0).reasons()).containsExactly("another tick is acting on this resource");
    assertThat(outer).isInstanceOf(ResourceOutcome.Applied.class);
    assertThat(outer.reasons()).anySatisfy(r -> assertThat(r).isEqualTo("bounds: target 9 capped at max 6"))
        .anySatisfy(r -> assertThat(r).startsWith("max step: +4 limited to +2"));
    assertThat(applied).containsExactly(4); // once
  }
}
