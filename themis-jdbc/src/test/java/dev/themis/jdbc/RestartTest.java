package dev.themis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.clock.ManualClock;
import dev.themis.history.InMemoryHistoryStore;
import dev.themis.jdbc.Scenarios.Action;
import dev.themis.jdbc.Scenarios.Cloud;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A redeploy (a new autoscaler from the same configuration, on the same cloud and store, 7 hours in) gives exactly
 * the actions of a run without one: same minutes, same capacities, same AWS calls. And without the memory the
 * scenarios do act differently, so the comparison is a real one.
 */
class RestartTest {
  private static final int MINUTES = 16 * 60;
  private static final int RESTART = 7 * 60;

  private static List<Action> withoutRestart(Function<ManualClock, Cloud> scenario) {
    ManualClock clock = ManualClock.at(Scenarios.START);
    return Scenarios.replay(clock, scenario.apply(clock), MINUTES, InMemoryHistoryStore::withDefaults);
  }

  private static List<Action> withRestart(Function<ManualClock, Cloud> scenario, String engine) {
    ManualClock clock = ManualClock.at(Scenarios.START);
    try (Stores stores = new Stores(engine)) {
      return Scenarios.replay(clock, scenario.apply(clock), MINUTES, stores, RESTART);
    }
  }

  private static List<Action> withRestartAndNoMemory(Function<ManualClock, Cloud> scenario) {
    ManualClock clock = ManualClock.at(Scenarios.START);
    return Scenarios.replay(clock, scenario.apply(clock), MINUTES, InMemoryHistoryStore::withDefaults, RESTART);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2", "memory"})
  void aKinesisStreamActsTheSameAcrossARestart(String engine) {
    List<Action> expected = withoutRestart(Scenarios::kinesis);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
    assertThat(expected.stream().filter(a -> a.calls().get(0).startsWith("UpdateShardCount")).count())
        .isLessThanOrEqualTo(4);

    assertThat(withRestart(Scenarios::kinesis, engine)).containsExactlyElementsOf(expected);
    assertThat(withRestartAndNoMemory(Scenarios::kinesis)).isNotEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2", "memory"})
  void anEmrClusterGivesBackItsFallbackUnitsAfterARestart(String engine) {
    List<Action> expected = withoutRestart(Scenarios::emr);
    assertThat(expected).anySatisfy(a -> assertThat(a.calls()).anySatisfy(c -> assertThat(c).contains("ON_DEMAND")));
    assertThat(expected.stream().filter(a -> a.minute() >= RESTART && a.to() < a.from())).isNotEmpty();

    assertThat(withRestart(Scenarios::emr, engine)).containsExactlyElementsOf(expected);
    assertThat(withRestartAndNoMemory(Scenarios::emr)).isNotEqualTo(expected);
  }
}
