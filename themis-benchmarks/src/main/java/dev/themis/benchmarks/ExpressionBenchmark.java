package dev.themis.benchmarks;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * Evaluating the original default {@code upscale_expr} once, on the same state ({@link UpscaleInputs}), with each
 * engine: a hand-written Java lambda (the limit), the Themis compiled expression, Spring SpEL interpreted and
 * compiled, and Google CEL. Each engine reads the state through its own natural binding (objects for Java and
 * SpEL, maps for CEL, typed variables for Themis); every setup checks that the result is 3.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExpressionBenchmark {

  /** The hand-written lambda over plain objects. */
  @State(Scope.Benchmark)
  public static class Lambda {
    SpelVars objects;
    ToLongFunction<SpelVars> lambda;

    @Setup
    public void setUp() {
      objects = UpscaleInputs.spelVars();
      lambda = UpscaleInputs::lambda;
      check("lambda", lambda.applyAsLong(objects));
    }
  }

  /** Spring SpEL, interpreted and compiled to bytecode, with a standard evaluation context. */
  @State(Scope.Benchmark)
  public static class Spel {
    SpelVars objects;
    SpelExpression interpreted;
    SpelExpression compiled;
    EvaluationContext context;

    @Setup
    public void setUp() {
      objects = UpscaleInputs.spelVars();
      context = new StandardEvaluationContext();
      SpelExpressionParser parser =
          new SpelExpressionParser(new SpelParserConfiguration(SpelCompilerMode.OFF, getClass().getClassLoader()));
      interpreted = (SpelExpression) parser.parseExpression(UpscaleInputs.SPEL);
      check("SpEL interpreted", value(interpreted));
      compiled = (SpelExpression) parser.parseExpression(UpscaleInputs.SPEL);
      for (SpelVars training : UpscaleInputs.spelTraining()) {
        compiled.getValue(context, training); // SpEL compiles only what it has evaluated once
      }
      if (!compiled.compileExpression()) {
        throw new IllegalStateException("SpEL could not compile the expression");
      }
      check("SpEL compiled", value(compiled));
    }

    long value(SpelExpression e) {
      return ((Number) e.getValue(context, objects)).longValue();
    }
  }

  /** Google CEL ({@code dev.cel:cel}), the standard runtime, variables as maps. */
  @State(Scope.Benchmark)
  public static class CelState {
    CelRuntime.Program program;
    Map<String, Object> vars;

    @Setup
    public void setUp() throws Exception {
      program = celProgram();
      vars = UpscaleInputs.celVars();
      check("CEL", value());
    }

    long value() throws CelEvaluationException {
      return ((Number) program.eval(vars)).longValue();
    }
  }

  /** The Themis expression compiler. */
  @State(Scope.Benchmark)
  public static class Themis {
    ThemisUpscale expression;

    @Setup
    public void setUp() {
      expression = ThemisUpscale.create();
      check("Themis", expression.evaluate());
    }
  }

  static CelRuntime.Program celProgram() throws Exception {
    Cel cel = CelFactory.standardCelBuilder()
        .addVar("tasknodes", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("time_based", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("now", SimpleType.INT)
        .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("minimum_nodes",
            CelOverloadDecl.newGlobalOverload("minimum_nodes_int", SimpleType.INT, SimpleType.INT)))
        .addFunctionBindings(CelFunctionBinding.from("minimum_nodes_int", Long.class,
            now -> (long) UpscaleInputs.TIME_BASED_MINIMUM))
        .build();
    CelAbstractSyntaxTree ast = cel.compile(UpscaleInputs.CEL).getAst();
    return cel.createProgram(ast);
  }

  static void check(String engine, long value) {
    if (value != UpscaleInputs.EXPECTED) {
      throw new IllegalStateException(engine + " evaluated upscale_expr to " + value + ", expected "
          + UpscaleInputs.EXPECTED);
    }
  }

  @Benchmark
  public long javaLambda(Lambda s) {
    return s.lambda.applyAsLong(s.objects);
  }

  @Benchmark
  public long themisCompiled(Themis s) {
    return s.expression.evaluate();
  }

  @Benchmark
  public long spelInterpreted(Spel s) {
    return s.value(s.interpreted);
  }

  @Benchmark
  public long spelCompiled(Spel s) {
    return s.value(s.compiled);
  }

  @Benchmark
  public long cel(CelState s) throws CelEvaluationException {
    return s.value();
  }
}
