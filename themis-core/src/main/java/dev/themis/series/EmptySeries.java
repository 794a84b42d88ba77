package dev.themis.series;

import java.time.Duration;
import java.time.Instant;

/** The empty series. */
enum EmptySeries implements SeriesView {
  INSTANCE;

  @Override
  public Duration resolution() {
    return Duration.ofMinutes(1);
  }

  @Override
  public Instant newest() {
    return null;
  }

  @Override
  public int length() {
    return 0;
  }

  @Override
  public double value(int ago) {
    return Double.NaN;
  }

  @Override
  public double forecast(int ago) {
    return Double.NaN;
  }

  @Override
  public int errorCount() {
    return 0;
  }

  @Override
  public double errorQuantile(double q) {
    return Double.NaN;
  }
}
