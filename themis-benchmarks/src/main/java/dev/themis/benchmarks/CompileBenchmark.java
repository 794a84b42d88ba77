package dev.themis.benchmarks;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.IntExpression;
import dev.themis.expr.OriginalDefaults;
import dev.themis.expr.StringListExpression;
import dev.themis.expr.Variables;
import dev.themis.expr.vars.StandardVariables;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Compiling expressions, as configuration load and reload do. {@code themisLoad}: a fresh compiler (no cache)
 * compiles the original default {@code upscale_expr} (parse, translate, type-check, Janino, bytecode verification,
 * class definition). {@code themisLoadAllDefaults}: the same for all five original defaults (EMR upscale, downscale
 * and market preference; Kinesis upscale and downscale). {@code themisReload}: an unchanged expression on a
 * compiler that has seen it (the cache hit a reload takes). For comparison, SpEL parsing and CEL compiling (parse
 * and type-check) of the same expression.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompileBenchmark {
  private Variables emr;
  private Variables kinesis;
  private ExpressionCompiler cached;
  private SpelExpressionParser spel;
  private Cel cel;

  @Setup
  public void setUp() {
    emr = StandardVariables.emr();
    kinesis = StandardVariables.kinesis();
    cached = ExpressionCompiler.create();
    cached.compileInt("emr.bench.upscale_expr", OriginalDefaults.UPSCALE_EXPR, emr);
    spel = new SpelExpressionParser();
    cel = CelFactory.standardCelBuilder()
        .addVar("tasknodes", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("time_based", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("now", SimpleType.INT)
        .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("minimum_nodes",
            CelOverloadDecl.newGlobalOverload("minimum_nodes_int", SimpleType.INT, SimpleType.INT)))
        .build();
  }

  @Benchmark
  public IntExpression themisLoad() {
    return ExpressionCompiler.builder().cacheSize(0).build()
        .compileInt("emr.bench.upscale_expr", OriginalDefaults.UPSCALE_EXPR, emr);
  }

  @Benchmark
  public Object themisLoadAllDefaults() {
    ExpressionCompiler c = ExpressionCompiler.builder().cacheSize(0).build();
    IntExpression up = c.compileInt("emr.bench.upscale_expr", OriginalDefaults.UPSCALE_EXPR, emr);
    IntExpression down = c.compileInt("emr.bench.downscale_expr", OriginalDefaults.DOWNSCALE_EXPR, emr);
    StringListExpression market = c.compileStringList("emr.bench.group_or_preferred_market",
        OriginalDefaults.GROUP_OR_PREFERRED_MARKET, emr);
    IntExpression sUp = c.compileInt("kinesis.bench.stream_upscale_expr", OriginalDefaults.STREAM_UPSCALE_EXPR,
        kinesis);
    IntExpression sDown = c.compileInt("kinesis.bench.stream_downscale_expr", OriginalDefaults.STREAM_DOWNSCALE_EXPR,
        kinesis);
    return new Object[] {up, down, market, sUp, sDown};
  }

  @Benchmark
  public IntExpression themisReload() {
    return cached.compileInt("emr.bench.upscale_expr", OriginalDefaults.UPSCALE_EXPR, emr);
  }

  @Benchmark
  public Expression spelParse() {
    return spel.parseExpression(UpscaleInputs.SPEL);
  }

  @Benchmark
  public CelAbstractSyntaxTree celCompile() throws Exception {
    return cel.compile(UpscaleInputs.CEL).getAst();
  }
}
