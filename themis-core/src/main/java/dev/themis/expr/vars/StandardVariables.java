package dev.themis.expr.vars;

import dev.themis.expr.Variables;

/**
 * The variable schemas of the built-in providers, with the original's names. Providers bind values under these
 * names in {@code ResourceState.variables()}; {@code now}, {@code time_based} and the resource name are bound by
 * {@code dev.themis.policy.ExpressionPolicy}.
 */
public final class StandardVariables {
  private StandardVariables() {}

  /**
   * EMR: {@code allnodes}, {@code tasknodes}, {@code corenodes} ({@link NodeGroupVars}), {@code yarn}
   * ({@link YarnVars}), {@code time_based} ({@link TimeBasedVars}), {@code now} ({@link NowVar}),
   * {@code cluster_id} (String).
   */
  public static Variables emr() {
    return Variables.builder()
        .add("allnodes", NodeGroupVars.class)
        .add("tasknodes", NodeGroupVars.class)
        .add("corenodes", NodeGroupVars.class)
        .add("yarn", YarnVars.class)
        .add("time_based", TimeBasedVars.class)
        .add("now", NowVar.class)
        .add("cluster_id", String.class)
        .build();
  }

  /**
   * Kinesis: {@code stream} ({@link StreamVars}), {@code shards} ({@link ShardsVars}), {@code shards_list}
   * ({@link ShardVars}[]), {@code now} ({@link NowVar}), {@code time_based} ({@link TimeBasedVars}),
   * {@code stream_name} (String).
   */
  public static Variables kinesis() {
    return Variables.builder()
        .add("stream", StreamVars.class)
        .add("shards", ShardsVars.class)
        .add("shards_list", ShardVars[].class)
        .add("now", NowVar.class)
        .add("time_based", TimeBasedVars.class)
        .add("stream_name", String.class)
        .build();
  }
}
