package dev.themis.expr.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.themis.schedule.Schedule;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 7: 130 calls of {@code time_based.minimum.nodes(now)} in one expression looked the schedule up
 * 130 times (0.5 s per tick). The helper is memoised per instant: one lookup per tick, however often it is called.
 */
class TimeBasedMinimumIsMemoisedTest {

  @Test
  void manyCallsInOneTickLookTheScheduleUpOnce() {
    TimeBasedVars tb = TimeBasedVars.of(Schedule.parseTimeBasedScaling("emr.j-1.time_based_scaling",
        "{\"Mon .*\": 3, \"Tue .* 01:.*\": 14}", ZoneOffset.UTC));
    NowVar now = NowVar.of(ZonedDateTime.parse("2016-05-31T01:00:00Z"));
    int sum = 0;
    for (int i = 0; i < 130; i++) {
      sum += tb.minimum.nodes(now);
    }
    assertEquals(130 * 14, sum);
    assertEquals(1, tb.minimum.lookups());

    NowVar nextTick = NowVar.of(ZonedDateTime.parse("2016-05-31T02:00:00Z"));
    assertEquals(1, tb.minimum.nodes(nextTick), "a new instant is looked up again");
    assertEquals(14, tb.minimum.nodes(NowVar.of(ZonedDateTime.parse("2016-05-31T01:30:00Z"))));
    assertEquals(3, tb.minimum.lookups());
  }
}
