package dev.themis.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.themis.expr.vars.StandardVariables;
import dev.themis.schedule.Schedule;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Prints rough compile and evaluation costs; asserts results only, never timings. Not a benchmark (no JMH): the
 * figures are for orientation.
 */
class ExpressionCostTest {
  @Test
  void printsCompileAndEvaluationCost() {
    Variables vars = StandardVariables.emr();
    Schedule schedule = Schedule.parseTimeBasedScaling("k", Fixtures.TIME_BASED, ZoneOffset.UTC);
    Bindings b = Fixtures.emrBindings(Fixtures.tasknodes(7, 0.9, 0.5), schedule, Fixtures.TUESDAY_1AM.withHour(3));

    long t0 = System.nanoTime();
    IntExpression first = ExpressionCompiler.create().compileInt("k", OriginalDefaults.UPSCALE_EXPR, vars);
    long firstCompile = System.nanoTime() - t0;

    int n = 50;
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      // a fresh compiler each time, so nothing is cached
      ExpressionCompiler.create().compileInt("k", OriginalDefaults.UPSCALE_EXPR + " + " + i, vars);
    }
    long warmCompile = (System.nanoTime() - t0) / n;

    ExpressionCompiler cached = ExpressionCompiler.create();
    cached.compileInt("k", OriginalDefaults.DOWNSCALE_EXPR, vars);
    t0 = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      cached.compileInt("k", OriginalDefaults.DOWNSCALE_EXPR, vars);
    }
    long cacheHit = (System.nanoTime() - t0) / 10_000;

    IntExpression simple = cached.compileInt("k", "3 if tasknodes.average.cpu > 0.7 else 0", vars);
    long sum = 0;
    int evals = 2_000_000;
    int slowEvals = 100_000;
    for (int i = 0; i < evals; i++) { // warm-up
      sum += simple.evaluate(b);
    }
    for (int i = 0; i < slowEvals; i++) {
      sum += first.evaluate(b);
    }
    t0 = System.nanoTime();
    for (int i = 0; i < evals; i++) {
      sum += simple.evaluate(b);
    }
    long simpleEval = System.nanoTime() - t0;
    t0 = System.nanoTime();
    for (int i = 0; i < slowEvals; i++) {
      sum += first.evaluate(b);
    }
    long defaultEval = System.nanoTime() - t0;
    assertEquals(3L * 2 * (evals + slowEvals), sum);

    System.out.printf("expression cost (Java %s): first compile in this JVM %.1f ms; warm compile %.2f ms;"
            + " cache hit %.2f us; evaluate simple rule %.1f ns; evaluate default upscale_expr (regex schedule)"
            + " %.1f ns%n",
        Runtime.version().feature(), firstCompile / 1e6, warmCompile / 1e6, cacheHit / 1e3,
        (double) simpleEval / evals, (double) defaultEval / slowEvals);
  }
}
