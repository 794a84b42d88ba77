package dev.themis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.PolicyContext;
import dev.themis.ResourceState;
import dev.themis.ScalingSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
  private static final int N = Integer.getInteger("themis.qt.examples", 1000);

  private final Generator<ResourceState> states = StateGenerators.states().capacity(0, 30)
      .metric("cpu", StateGenerators.utilisation()).metric("mem", StateGenerators.utilisation())
      .missing(0.1).inFlight(0.2).build();

  @Test
  void theSameSeedGivesTheSameValues() {
    assertEquals(states.sample(42, N), states.sample(42, N));
    assertNotEquals(states.sample(42, 50), states.sample(43, 50));
    Generator<PolicyContext> contexts = StateGenerators.contexts(states, StateGenerators.settings(30), 4,
        Duration.ofMinutes(3));
    assertEquals(contexts.sample(1, 200), contexts.sample(1, 200));
  }

  @Test
  void valuesStayInTheirRangesAndEdgeCasesComeUp() {
    List<ResourceState> s = states.sample(7, N);
    assertTrue(s.stream().allMatch(x -> x.capacity() >= 0 && x.capacity() <= 30));
    assertTrue(s.stream().anyMatch(x -> x.capacity() == 0));
    assertTrue(s.stream().anyMatch(x -> x.capacity() == 30));
    assertTrue(s.stream().anyMatch(x -> !x.complete()));
    assertTrue(s.stream().anyMatch(ResourceState::inFlight));
    assertTrue(s.stream().flatMap(x -> x.metrics().values().stream()).allMatch(v -> v >= 0 && v <= 1));
    assertTrue(s.stream().anyMatch(x -> x.metric("cpu").orElse(-1.0) == 0.7));
    for (ScalingSettings settings : StateGenerators.settings(20).sample(3, N)) {
      assertTrue(settings.minCapacity() <= settings.maxCapacity() && settings.maxCapacity() <= 20);
    }
  }

  @Test
  void contextWindowsAreOlderObservationsOfTheSameResource() {
    for (PolicyContext ctx : StateGenerators.contexts(states, StateGenerators.settings(30), 4, Duration.ofMinutes(3))
        .sample(9, N)) {
      assertTrue(ctx.window().size() <= 4);
      for (int i = 0; i < ctx.window().size(); i++) {
        ResourceState w = ctx.window().get(i);
        assertEquals(ctx.state().id(), w.id());
        assertEquals(ctx.now().minus(Duration.ofMinutes(3L * (ctx.window().size() - i))), w.observedAt());
      }
    }
  }
}
