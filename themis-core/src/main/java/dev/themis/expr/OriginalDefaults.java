package dev.themis.expr;

/**
 * The original Themis's default expressions, verbatim (after whitespace normalisation) from its
 * {@code themis/config.py}. They compile unchanged and give the original's results.
 */
public final class OriginalDefaults {
  private OriginalDefaults() {}

  /** EMR {@code upscale_expr}: top up to the scheduled minimum, else +3 under load (at most 25 task nodes). */
  public static final String UPSCALE_EXPR =
      "(time_based.minimum.nodes(now) - tasknodes.count.nodes) if (time_based.enabled and "
          + "time_based.minimum.nodes(now) > tasknodes.count.nodes) else (3 if (tasknodes.running and "
          + "tasknodes.active and tasknodes.count.nodes < 25 and (tasknodes.average.cpu > 0.7 or "
          + "tasknodes.average.mem > 0.95)) else 0)";

  /** EMR {@code downscale_expr}: -1 when idle and above the scheduled minimum. */
  public static final String DOWNSCALE_EXPR =
      "1 if (tasknodes.running and tasknodes.active and tasknodes.count.nodes > time_based.minimum.nodes(now) "
          + "and tasknodes.average.cpu < 0.5 and tasknodes.average.mem < 0.9) else 0";

  /** EMR {@code group_or_preferred_market}. */
  public static final String GROUP_OR_PREFERRED_MARKET = "\"ON_DEMAND\" if tasknodes.count.nodes < 15 else \"SPOT\"";

  /** Kinesis {@code stream_upscale_expr}. */
  public static final String STREAM_UPSCALE_EXPR =
      "1 if (shards.count < 5 and (stream.IncomingBytes.last / shards.count) > 500000) else 0";

  /** Kinesis {@code stream_downscale_expr}. */
  public static final String STREAM_DOWNSCALE_EXPR =
      "1 if (shards.count > 1 and stream.IncomingBytes.average < 100000) else 0";
}
