package dev.themis.expr.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarsTest {
  @Test
  void averagesCountOnlyNodesWithMetrics() {
    // given two nodes with cpu and one without (the original divided by 3, diluting the average)
    NodeGroupVars g = NodeGroupVars.of(List.of(
        NodeSample.of(0.8, 0.4, 2), NodeSample.of(0.6, 0.6, 4), new NodeSample(true, true, Double.NaN, Double.NaN,
            Double.NaN)));
    // then
    assertEquals(3, g.count.nodes);
    assertEquals(0.7, g.average.cpu, 1e-12);
    assertEquals(1.4, g.total.cpu, 1e-12);
    assertEquals(0.6, g.min.cpu, 1e-12);
    assertEquals(0.8, g.max.cpu, 1e-12);
    assertEquals(3.0, g.average.sysload, 1e-12);
  }

  @Test
  void emptyGroupIsVacuouslyRunningAndActiveWithNanLoads() {
    NodeGroupVars g = NodeGroupVars.empty();
    assertTrue(g.running);
    assertTrue(g.active);
    assertEquals(0, g.count.nodes);
    assertTrue(Double.isNaN(g.average.cpu));
    assertTrue(Double.isNaN(g.min.mem));
  }

  @Test
  void oneNodeNotRunningMakesTheGroupNotRunning() {
    NodeGroupVars g = NodeGroupVars.of(List.of(NodeSample.of(0.1, 0.1, 0), new NodeSample(false, false, 0.1, 0.1,
        0)));
    assertFalse(g.running);
    assertFalse(g.active);
  }

  @Test
  void metricStatsIgnoreNan() {
    MetricStats s = MetricStats.of(new double[] {1, Double.NaN, 3, 2});
    assertEquals(2, s.average, 1e-12);
    assertEquals(3, s.max, 1e-12);
    assertEquals(1, s.min, 1e-12);
    assertEquals(6, s.sum, 1e-12);
    assertEquals(2, s.last, 1e-12);
    assertTrue(Double.isNaN(MetricStats.of(new double[0]).average));
  }

  @Test
  void crossShardAggregatesAreDoneCorrectly() {
    // given two shards with different IncomingBytes series
    ShardVars a = ShardVars.of("shardId-0", "0", "10", Map.of("IncomingBytes", MetricStats.of(new double[] {1, 3})));
    ShardVars b = ShardVars.of("shardId-1", "11", "20", Map.of("IncomingBytes", MetricStats.of(new double[] {10, 0})));
    // when
    ShardsVars s = ShardsVars.of(2, List.of(a, b));
    // then: avg of averages, min of mins, max of maxes, sum of sums, sum of lasts
    assertEquals(2, s.count);
    assertEquals((2.0 + 5.0) / 2, s.IncomingBytes.average, 1e-12);
    assertEquals(0, s.IncomingBytes.min, 1e-12);
    assertEquals(10, s.IncomingBytes.max, 1e-12);
    assertEquals(14, s.IncomingBytes.sum, 1e-12);
    assertEquals(3, s.IncomingBytes.last, 1e-12);
    // and every metric has its own aggregate (the original filled only one, with the wrong metric)
    assertTrue(Double.isNaN(s.WriteProvisionedThroughputExceeded.average));
  }

  @Test
  void unknownMetricNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> StreamVars.of(Map.of("Incoming", MetricStats.missing())));
    StreamVars v = StreamVars.of(Map.of("GetRecords.IteratorAgeMilliseconds", MetricStats.constant(5, 20)));
    assertEquals(5, v.GetRecords_IteratorAgeMilliseconds.max, 1e-12);
  }

  @Test
  void nowHasPythonWeekdays() {
    NowVar now = NowVar.of(java.time.ZonedDateTime.parse("2016-05-31T01:02:03Z"));
    assertEquals(1, now.weekday());
    assertEquals(2, now.isoweekday());
    assertEquals(1, now.hour);
    assertEquals(2, now.minute);
  }
}
