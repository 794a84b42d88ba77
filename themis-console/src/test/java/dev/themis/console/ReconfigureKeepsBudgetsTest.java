package dev.themis.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.config.Settings;
import dev.themis.config.ThemisConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A live change of a stream's provider keys rebinds its executor; the Kinesis UpdateShardCount budget it spent in
 * the last 24 hours is not forgotten (the new executor recovers it from the history store).
 */
class ReconfigureKeepsBudgetsTest {
  @Test
  void theDailyUpdateShardCountBudgetSurvivesARebind() {
    // given a stream that has scaled up several times with UpdateShardCount
    ReplayFixture fx = new ReplayFixture();
    long spent = fx.ticks(60).stream().flatMap(t -> t.outcome(ReplayFixture.STREAM).stream())
        .filter(o -> o instanceof ResourceOutcome.Applied a && a.result().actions().get(0).startsWith("UpdateShardCount"))
        .count();
    assertThat(spent).isGreaterThanOrEqualTo(2);

    // when provider keys change (a new executor and policy are bound)
    ThemisConfig current = fx.autoscaler.configuration();
    List<ResourceSpec> specs = new ArrayList<>();
    for (ResourceSpec s : current.resources()) {
      Map<String, String> values = new LinkedHashMap<>(s.settings().values());
      values.put("scaling_budget_per_day", "20");
      values.put("stream_downscale_expr", "1 if shards.count > 2 else 0"); // so that it acts again soon
      specs.add(new ResourceSpec(s.id(), Settings.of(s.settings().path(), values)));
    }
    fx.autoscaler.reconfigure(new ThemisConfig(current.global(), current.defaults(), specs, List.of()), "test");

    // then its next action counts the calls made before the change
    ResourceOutcome.Applied next = null;
    for (int i = 0; i < 200 && next == null; i++) {
      ResourceOutcome o = fx.tick().outcome(ReplayFixture.STREAM).orElseThrow();
      if (o instanceof ResourceOutcome.Applied a && a.result().actions().get(0).startsWith("UpdateShardCount")) {
        next = a;
      }
    }
    assertThat(next).as("a later UpdateShardCount action").isNotNull();
    assertThat(next.result().actions()).contains("UpdateShardCount calls in the last 24 h: " + (spent + 1) + " of 20");
  }
}
