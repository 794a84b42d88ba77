package dev.themis.benchmarks;

/** The original default upscale_expr compiled by Themis, bound to {@link UpscaleInputs}. */
final class ThemisUpscale {
  private ThemisUpscale() {}

  static ThemisUpscale create() {
    throw new UnsupportedOperationException("the Themis expression compiler is not on this branch yet");
  }

  long evaluate() {
    return 0;
  }
}
