package dev.themis.expr;

import dev.themis.expr.vars.*;
import dev.themis.schedule.Schedule;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smoke() {
    ExpressionCompiler c = ExpressionCompiler.create();
    Variables v = StandardVariables.emr();
    IntExpression up = c.compileInt("k.up", OriginalDefaults.UPSCALE_EXPR, v);
    IntExpression down = c.compileInt("k.down", OriginalDefaults.DOWNSCALE_EXPR, v);
    StringListExpression m = c.compileStringList("k.m", OriginalDefaults.GROUP_OR_PREFERRED_MARKET, v);
    NodeGroupVars g = NodeGroupVars.of(List.of(NodeSample.of(0.9, 0.5, 1), NodeSample.of(0.9, 0.5, 1)));
    Bindings b = v.bindings().put("tasknodes", g).put("now", NowVar.of(ZonedDateTime.now(ZoneOffset.UTC)))
        .put("time_based", TimeBasedVars.of(Schedule.none())).build();
    System.out.println(up.evaluate(b) + " " + down.evaluate(b) + " " + m.evaluate(b));
    Variables k = StandardVariables.kinesis();
    c.compileInt("k.s", OriginalDefaults.STREAM_UPSCALE_EXPR, k);
    c.compileInt("k.s", OriginalDefaults.STREAM_DOWNSCALE_EXPR, k);
    for (String bad : List.of("tasknode.count.nodes", "new Object(){int f(){System.exit(7);return 0;}}.f()",
        "tasknodes.getClass()", "1.5", "tasknodes.averge.cpu > 1")) {
      try {
        c.compileInt("k.bad", bad, v);
        System.out.println("ACCEPTED " + bad);
      } catch (ExpressionException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
