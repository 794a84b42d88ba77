package dev.themis.benchmarks;

import java.util.Map;

/**
 * The realistic state every engine evaluates the original default {@code upscale_expr} on: 12 running, active task
 * nodes at 82 % CPU and 61 % memory, no time-based schedule (minimum 1). The expression yields 3.
 */
public final class UpscaleInputs {
  private UpscaleInputs() {}

  public static final int NODES = 12;
  public static final double CPU = 0.82;
  public static final double MEM = 0.61;
  public static final boolean RUNNING = true;
  public static final boolean ACTIVE = true;
  public static final boolean TIME_BASED_ENABLED = false;
  public static final int TIME_BASED_MINIMUM = 1;
  public static final long NOW = 1_464_656_400L; // 2016-05-31T01:00:00Z
  public static final long EXPECTED = 3;

  /** The original expression, in Spring SpEL syntax (same structure, same names). */
  public static final String SPEL =
      "(time_based.enabled and time_based.minimum.nodes(now) > tasknodes.count.nodes)"
          + " ? (time_based.minimum.nodes(now) - tasknodes.count.nodes)"
          + " : ((tasknodes.running and tasknodes.active and tasknodes.count.nodes < 25"
          + " and (tasknodes.average.cpu > 0.7 or tasknodes.average.mem > 0.95)) ? 3 : 0)";

  /**
   * The original expression, in CEL syntax. CEL has no methods on map values, so
   * {@code time_based.minimum.nodes(now)} is the global function {@code minimum_nodes(now)}.
   */
  public static final String CEL =
      "(time_based.enabled && minimum_nodes(now) > tasknodes.count.nodes)"
          + " ? (minimum_nodes(now) - tasknodes.count.nodes)"
          + " : ((tasknodes.running && tasknodes.active && tasknodes.count.nodes < 25"
          + " && (tasknodes.average.cpu > 0.7 || tasknodes.average.mem > 0.95)) ? 3 : 0)";

  static SpelVars spelVars() {
    return new SpelVars(
        new SpelVars.Group(RUNNING, ACTIVE, new SpelVars.Count(NODES), new SpelVars.Load(CPU, MEM)),
        new SpelVars.TimeBased(TIME_BASED_ENABLED, new SpelVars.Minimum(TIME_BASED_MINIMUM)), NOW);
  }

  /**
   * States that between them take every branch of the expression: SpEL compiles only what it has evaluated once
   * (short-circuited operands have no known type until then).
   */
  static java.util.List<SpelVars> spelTraining() {
    return java.util.List.of(
        new SpelVars(new SpelVars.Group(true, true, new SpelVars.Count(NODES), new SpelVars.Load(CPU, MEM)),
            new SpelVars.TimeBased(true, new SpelVars.Minimum(20)), NOW),
        new SpelVars(new SpelVars.Group(true, true, new SpelVars.Count(NODES), new SpelVars.Load(0.5, 0.5)),
            new SpelVars.TimeBased(true, new SpelVars.Minimum(1)), NOW),
        spelVars());
  }

  static Map<String, Object> celVars() {
    return Map.of(
        "tasknodes", Map.of("running", RUNNING, "active", ACTIVE, "count", Map.of("nodes", (long) NODES),
            "average", Map.of("cpu", CPU, "mem", MEM)),
        "time_based", Map.of("enabled", TIME_BASED_ENABLED),
        "now", NOW);
  }

  /** The hand-written Java equivalent: the limit every engine is measured against. */
  static long lambda(SpelVars v) {
    SpelVars.Group t = v.tasknodes;
    int minimum = v.time_based.minimum.nodes(v.now);
    if (v.time_based.enabled && minimum > t.count.nodes) {
      return minimum - t.count.nodes;
    }
    return t.running && t.active && t.count.nodes < 25 && (t.average.cpu > 0.7 || t.average.mem > 0.95) ? 3 : 0;
  }
}
