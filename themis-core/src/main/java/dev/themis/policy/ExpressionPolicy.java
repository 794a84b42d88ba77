package dev.themis.policy;

import dev.themis.PolicyContext;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.expr.Bindings;
import dev.themis.expr.EvaluationException;
import dev.themis.expr.Explainer;
import dev.themis.expr.Explanation;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.ExpressionException;
import dev.themis.expr.IntExpression;
import dev.themis.expr.OriginalDefaults;
import dev.themis.expr.Variables;
import dev.themis.expr.vars.NowVar;
import dev.themis.expr.vars.TimeBasedVars;
import dev.themis.schedule.Schedule;
import dev.themis.spi.ScalingPolicy;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The original Themis's reactive rule: evaluate the downscale expression first; if it yields n &gt; 0, the target
 * is capacity − n (not below 0) and the upscale expression is not evaluated; else evaluate the upscale expression;
 * if it yields n &gt; 0 the target is capacity + n; else hold. Zero and negative results mean "nothing". The
 * reason names the expression, its value and, for an action, what decided it (see {@link Explainer}), e.g.
 * {@code upscale_expr = 3: tasknodes.running and tasknodes.active and tasknodes.count.nodes = 4 < 25 and
 * tasknodes.average.cpu = 0.82 > 0.7}; a hold says {@code downscale_expr = 0, upscale_expr = 0} and costs no
 * explanation.
 *
 * <p>Expressions see every entry of {@link ResourceState#variables()} that the schema declares, plus {@code now}
 * ({@link NowVar} of {@link PolicyContext#zonedNow()}), {@code time_based} (from this policy's schedule) and the
 * resource name under a configurable variable ({@code cluster_id} for EMR). Pure and thread-safe.
 *
 * <p>{@link #decide} throws {@link EvaluationException} if an expression fails at run time (division by zero, an
 * index out of range, an unbound variable).
 */
public final class ExpressionPolicy implements ScalingPolicy {
  /** EMR {@code upscale_expr}, default {@link OriginalDefaults#UPSCALE_EXPR}. */
  public static final ConfigKey<String> UPSCALE_EXPR = ConfigKey.expression(
      "upscale_expr", OriginalDefaults.UPSCALE_EXPR, "Expression: number of nodes to add (evaluated after downscale_expr).");
  /** EMR {@code downscale_expr}, default {@link OriginalDefaults#DOWNSCALE_EXPR}. */
  public static final ConfigKey<String> DOWNSCALE_EXPR = ConfigKey.expression(
      "downscale_expr", OriginalDefaults.DOWNSCALE_EXPR, "Expression: number of nodes to remove (evaluated first).");
  /** Kinesis {@code stream_upscale_expr}. */
  public static final ConfigKey<String> STREAM_UPSCALE_EXPR = ConfigKey.expression(
      "stream_upscale_expr", OriginalDefaults.STREAM_UPSCALE_EXPR, "Expression: number of shards to add.");
  /** Kinesis {@code stream_downscale_expr}. */
  public static final ConfigKey<String> STREAM_DOWNSCALE_EXPR = ConfigKey.expression(
      "stream_downscale_expr", OriginalDefaults.STREAM_DOWNSCALE_EXPR, "Expression: number of shards to remove.");
  /** EMR {@code group_or_preferred_market} (compile with {@link ExpressionCompiler#compileStringList}). */
  public static final ConfigKey<String> GROUP_OR_PREFERRED_MARKET = ConfigKey.expression(
      "group_or_preferred_market", OriginalDefaults.GROUP_OR_PREFERRED_MARKET,
      "Expression or comma-separated list: instance-group ids and/or SPOT / ON_DEMAND in order of preference.");
  /** The original's {@code time_based_scaling}: JSON object regex → minimum nodes. */
  public static final ConfigKey<String> TIME_BASED_SCALING = ConfigKey.string(
      "time_based_scaling", "{}",
      "JSON object: regex on the date ('%a %Y-%m-%d %H:%M:%S', e.g. 'Tue 2016-05-31 01:00:00') -> minimum nodes.");
  /** Cron windows with floors and caps (see {@link Schedule#parseWindows}). */
  public static final ConfigKey<String> SCHEDULE = ConfigKey.string(
      "schedule", "", "JSON array of windows (cron or days/from/to, zone, min, max, exclude).");
  /** The zone of {@code time_based_scaling} dates and of windows without a zone; default: the autoscaler's zone. */
  public static final ConfigKey<ZoneId> SCHEDULE_ZONE = ConfigKey.zone(
      "schedule_zone", null, "Time zone for time_based_scaling and windows without a zone (default: UTC).");

  private final String name;
  private final Variables variables;
  private final String upscaleLabel;
  private final String upscaleSource;
  private final IntExpression upscale;
  private final Explainer upscaleExplainer;
  private final String downscaleLabel;
  private final String downscaleSource;
  private final IntExpression downscale;
  private final Explainer downscaleExplainer;
  /** The reason of a hold where both expressions give 0: built once, as it is the reason of every steady tick. */
  private final String steady;
  private final Schedule schedule;
  private final TimeBasedVars timeBased;
  private final String resourceNameVariable;

  private ExpressionPolicy(Builder b) {
    this.name = b.name;
    this.variables = b.variables;
    this.upscaleLabel = b.upscaleLabel;
    this.upscaleSource = b.upscaleSource;
    this.upscale = Objects.requireNonNull(b.upscale, "upscale");
    this.downscaleLabel = b.downscaleLabel;
    this.downscaleSource = b.downscaleSource;
    this.downscale = Objects.requireNonNull(b.downscale, "downscale");
    this.upscaleExplainer = explainer(b.compiler, b.upscaleLabel, b.upscaleSource, b.variables);
    this.downscaleExplainer = explainer(b.compiler, b.downscaleLabel, b.downscaleSource, b.variables);
    this.steady = downscaleLabel + " = 0, " + upscaleLabel + " = 0";
    this.schedule = b.schedule;
    this.timeBased = TimeBasedVars.of(b.schedule);
    this.resourceNameVariable = b.resourceNameVariable;
  }

  public static Builder builder(Variables variables) {
    return new Builder(variables);
  }

  /** Which keys an {@link ExpressionPolicy} reads, and under which variable the resource name is bound. */
  public record Keys(
      ConfigKey<String> upscale, ConfigKey<String> downscale, ConfigKey<String> timeBasedScaling,
      ConfigKey<String> schedule, ConfigKey<ZoneId> scheduleZone, String resourceNameVariable) {
    public Keys {
      Objects.requireNonNull(upscale, "upscale");
      Objects.requireNonNull(downscale, "downscale");
    }

    /** {@code upscale_expr}, {@code downscale_expr}, {@code time_based_scaling}, {@code schedule}, {@code cluster_id}. */
    public static Keys emr() {
      return new Keys(UPSCALE_EXPR, DOWNSCALE_EXPR, TIME_BASED_SCALING, SCHEDULE, SCHEDULE_ZONE, "cluster_id");
    }

    /** {@code stream_upscale_expr}, {@code stream_downscale_expr}, {@code schedule}, {@code stream_name}. */
    public static Keys kinesis() {
      return new Keys(STREAM_UPSCALE_EXPR, STREAM_DOWNSCALE_EXPR, TIME_BASED_SCALING, SCHEDULE, SCHEDULE_ZONE,
          "stream_name");
    }

    /** The keys, for a provider's {@code configKeys()}. */
    public List<ConfigKey<?>> all() {
      List<ConfigKey<?>> out = new ArrayList<>(List.of(upscale, downscale));
      if (timeBasedScaling != null) {
        out.add(timeBasedScaling);
      }
      if (schedule != null) {
        out.add(schedule);
      }
      if (scheduleZone != null) {
        out.add(scheduleZone);
      }
      return out;
    }
  }

  /**
   * Builds the policy from a resource's settings: compiles both expressions (defaults from the keys) and parses
   * {@code time_based_scaling} and {@code schedule} into one schedule (regex entries first).
   *
   * @param defaultZone the zone for schedules when {@code schedule_zone} is not set (the original: UTC)
   * @throws ConfigurationException with every problem found (expression errors, invalid JSON, regexes, cron...)
   */
  public static ExpressionPolicy fromSettings(
      Settings settings, Keys keys, Variables variables, ExpressionCompiler compiler, ZoneId defaultZone) {
    List<ConfigProblem> problems = new ArrayList<>();
    ZoneId zone = defaultZone;
    if (keys.scheduleZone() != null) {
      try {
        ZoneId z = settings.get(keys.scheduleZone());
        zone = z != null ? z : defaultZone;
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
    }
    IntExpression up = compile(settings, keys.upscale(), variables, compiler, problems);
    IntExpression down = compile(settings, keys.downscale(), variables, compiler, problems);
    Schedule schedule = Schedule.none();
    if (keys.timeBasedScaling() != null) {
      try {
        schedule = Schedule.parseTimeBasedScaling(settings.pathOf(keys.timeBasedScaling().name()),
            settings.get(keys.timeBasedScaling()), zone);
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
    }
    if (keys.schedule() != null) {
      try {
        schedule = schedule.and(Schedule.parseWindows(settings.pathOf(keys.schedule().name()),
            settings.get(keys.schedule()), zone));
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return builder(variables)
        .upscale(keys.upscale().name(), settingOrDefault(settings, keys.upscale()), up)
        .downscale(keys.downscale().name(), settingOrDefault(settings, keys.downscale()), down)
        .schedule(schedule)
        .resourceNameVariable(keys.resourceNameVariable())
        .compiler(compiler)
        .build();
  }

  private static String settingOrDefault(Settings s, ConfigKey<String> key) {
    String v = s.get(key);
    return v == null ? "" : v;
  }

  private static IntExpression compile(
      Settings settings, ConfigKey<String> key, Variables variables, ExpressionCompiler compiler,
      List<ConfigProblem> problems) {
    String source = settings.get(key);
    if (source == null || source.isBlank()) {
      return b -> 0;
    }
    try {
      return compiler.compileInt(settings.pathOf(key.name()), source, variables);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  @Override
  public ScalingDecision decide(PolicyContext context) {
    int capacity = context.capacity();
    Bindings b = bindings(context);
    long down = eval(downscale, b, downscaleLabel, downscaleSource);
    if (down > 0) {
      int target = (int) Math.max(0, capacity - Math.min(down, Integer.MAX_VALUE));
      return new ScalingDecision(target, because(downscaleLabel, down, downscaleExplainer, b), name);
    }
    long up = eval(upscale, b, upscaleLabel, upscaleSource);
    if (up > 0) {
      int target = (int) Math.min(Integer.MAX_VALUE, (long) capacity + up);
      return new ScalingDecision(target, because(upscaleLabel, up, upscaleExplainer, b), name);
    }
    return ScalingDecision.hold(capacity,
        down == 0 && up == 0 ? steady : downscaleLabel + " = " + down + ", " + upscaleLabel + " = " + up, name);
  }

  /**
   * {@code label = value: why}. Without an explainer (an expression given as code), or should its interpretation
   * not give the compiled value, just {@code label = value}: an explanation never contradicts the decision.
   */
  private static String because(String label, long value, Explainer explainer, Bindings b) {
    String head = label + " = " + value;
    if (explainer == null) {
      return head;
    }
    Explanation e;
    try {
      e = explainer.explain(b);
    } catch (RuntimeException | StackOverflowError ex) {
      return head; // the decision stands; only its explanation is lost
    }
    return e.value() != value || e.text().isEmpty() ? head : head + ": " + e.text();
  }

  private static Explainer explainer(ExpressionCompiler compiler, String label, String source, Variables variables) {
    if (source == null || source.isBlank()) {
      return null;
    }
    try {
      return compiler != null ? compiler.explainer(label, source, variables) : Explainer.parse(label, source,
          variables);
    } catch (ExpressionException e) {
      return null; // a source the expression was not compiled from: decisions say only label = value
    }
  }

  /**
   * The bindings the expressions see in {@code context}; providers use it to evaluate further expressions (such as
   * {@code group_or_preferred_market}) with the same variables.
   */
  public Bindings bindings(PolicyContext context) {
    Bindings.Builder b = variables.bindings().putAll(context.state().variables());
    b.put("now", NowVar.of(context.zonedNow()));
    b.put("time_based", timeBased);
    if (resourceNameVariable != null) {
      b.put(resourceNameVariable, context.state().id().name());
    }
    return b.build();
  }

  private static long eval(IntExpression e, Bindings b, String label, String source) {
    try {
      return e.evaluate(b);
    } catch (RuntimeException ex) {
      throw new EvaluationException(label, source, ex);
    }
  }

  public Schedule schedule() {
    return schedule;
  }

  /** Configuration warnings (overlapping schedule entries). */
  public List<String> warnings() {
    return schedule.warnings();
  }

  @Override
  public String name() {
    return name;
  }

  /** Builds an {@link ExpressionPolicy}. */
  public static final class Builder {
    private final Variables variables;
    private String name = "expression";
    private String upscaleLabel = "upscale_expr";
    private String upscaleSource = "";
    private IntExpression upscale = b -> 0;
    private String downscaleLabel = "downscale_expr";
    private String downscaleSource = "";
    private IntExpression downscale = b -> 0;
    private Schedule schedule = Schedule.none();
    private String resourceNameVariable = "cluster_id";
    private ExpressionCompiler compiler;

    private Builder(Variables variables) {
      this.variables = Objects.requireNonNull(variables, "variables");
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The upscale expression; {@code label} (e.g. the key name) appears in reasons and errors. */
    public Builder upscale(String label, String source, IntExpression expression) {
      this.upscaleLabel = label;
      this.upscaleSource = source;
      this.upscale = expression;
      return this;
    }

    public Builder downscale(String label, String source, IntExpression expression) {
      this.downscaleLabel = label;
      this.downscaleSource = source;
      this.downscale = expression;
      return this;
    }

    /** The schedule behind {@code time_based} (default none: {@code enabled} false, minimum 1). */
    public Builder schedule(Schedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /** The variable that holds the resource name ({@code cluster_id} by default); null binds none. */
    public Builder resourceNameVariable(String variable) {
      this.resourceNameVariable = variable;
      return this;
    }

    /**
     * The compiler the expressions came from, so that decisions are explained with its helper functions in view;
     * without one, sources that call helper functions are not explained (their reasons say {@code label = value}).
     */
    public Builder compiler(ExpressionCompiler compiler) {
      this.compiler = Objects.requireNonNull(compiler, "compiler");
      return this;
    }

    public ExpressionPolicy build() {
      return new ExpressionPolicy(this);
    }
  }
}
