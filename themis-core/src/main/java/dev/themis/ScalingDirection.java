package dev.themis;

/** The direction of a change of capacity. */
public enum ScalingDirection {
  UP,
  DOWN,
  NONE;

  /** The direction of a move from {@code current} to {@code target}. */
  public static ScalingDirection of(int current, int target) {
    return target > current ? UP : target < current ? DOWN : NONE;
  }
}
