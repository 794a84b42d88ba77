package dev.themis.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.themis.expr.vars.StandardVariables;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 13: "Themis starts no threads", but the expression cache (Caffeine) ran its maintenance on a
 * ForkJoinPool.commonPool worker, which it started. Maintenance now runs on the calling thread.
 */
class ExpressionCacheStartsNoThreadTest {

  private static Set<String> commonPoolThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("ForkJoinPool.commonPool")).collect(Collectors.toSet());
  }

  @Test
  void evictingCompiledExpressionsStartsNoCommonPoolWorker() {
    Set<String> before = commonPoolThreads();
    int poolSize = ForkJoinPool.commonPool().getPoolSize();
    ExpressionCompiler compiler = ExpressionCompiler.builder().cacheSize(2).build();
    for (int i = 0; i < 40; i++) {
      compiler.compileInt("emr.j-1.upscale_expr", i + " if tasknodes.count.nodes > " + i + " else 0",
          StandardVariables.emr());
    }
    // Evicted on the caller, at once: nothing left for a background thread to do.
    assertTrue(compiler.cachedCount() <= 2, "cached " + compiler.cachedCount());
    assertEquals(before, commonPoolThreads(), "no common-pool worker appeared");
    assertEquals(poolSize, ForkJoinPool.commonPool().getPoolSize());
  }
}
