package dev.themis.expr.vars;

/** The {@code count} of a node group: {@code count.nodes} is the number of listed (not terminated) nodes. */
public final class NodeCount {
  public final int nodes;

  private NodeCount(int nodes) {
    if (nodes < 0) {
      throw new IllegalArgumentException("count.nodes: must be >= 0, was " + nodes);
    }
    this.nodes = nodes;
  }

  public static NodeCount of(int nodes) {
    return new NodeCount(nodes);
  }

  @Override
  public String toString() {
    return "{nodes=" + nodes + "}";
  }
}
