package dev.themis.expr.vars;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The variable {@code now}: the autoscaler's clock at the start of the tick, in the configured zone (UTC unless
 * configured otherwise, as the original's {@code datetime.utcnow()}). Immutable.
 *
 * <p>Expressions read {@code now.year}, {@code now.month} (1-12), {@code now.day}, {@code now.hour},
 * {@code now.minute}, {@code now.second}, {@code now.epochSecond}, {@code now.weekday()} (Monday = 0, as Python)
 * and {@code now.isoweekday()} (Monday = 1), and pass {@code now} to {@code time_based.minimum.nodes(now)}.
 */
public final class NowVar {
  public final int year;
  public final int month;
  public final int day;
  public final int hour;
  public final int minute;
  public final int second;
  public final long epochSecond;
  private final ZonedDateTime dateTime;

  private NowVar(ZonedDateTime dateTime) {
    this.dateTime = Objects.requireNonNull(dateTime, "dateTime");
    this.year = dateTime.getYear();
    this.month = dateTime.getMonthValue();
    this.day = dateTime.getDayOfMonth();
    this.hour = dateTime.getHour();
    this.minute = dateTime.getMinute();
    this.second = dateTime.getSecond();
    this.epochSecond = dateTime.toEpochSecond();
  }

  public static NowVar of(ZonedDateTime dateTime) {
    return new NowVar(dateTime);
  }

  /** Day of the week, Monday = 0 ... Sunday = 6 (Python's {@code datetime.weekday()}). */
  public int weekday() {
    return dateTime.getDayOfWeek().getValue() - 1;
  }

  /** Day of the week, Monday = 1 ... Sunday = 7 (Python's {@code datetime.isoweekday()}). */
  public int isoweekday() {
    return dateTime.getDayOfWeek().getValue();
  }

  /** For Java callers; not reachable from expressions (its type is not allow-listed). */
  public ZonedDateTime dateTime() {
    return dateTime;
  }

  /** For Java callers; not reachable from expressions. */
  public Instant instant() {
    return dateTime.toInstant();
  }

  @Override
  public String toString() {
    return dateTime.toString();
  }
}
