package dev.themis.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) with {@code *}, lists,
 * ranges, steps and English names ({@code MON-FRI}, {@code JAN}); day of week 0 and 7 are Sunday. As in Vixie
 * cron, when both day fields are restricted a day matches if either matches.
 */
final class Cron {
  private static final String[] MONTHS =
      {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet doms;
  private final BitSet months;
  private final BitSet dows;
  private final boolean domStar;
  private final boolean dowStar;
  /** Fire times of a matching day, latest first. */
  private final List<LocalTime> timesDescending = new ArrayList<>();

  private Cron(String text, String[] f) {
    this.text = text;
    minutes = field(f[0], 0, 59, null, "minute");
    hours = field(f[1], 0, 23, null, "hour");
    doms = field(f[2], 1, 31, null, "day of month");
    months = field(f[3], 1, 12, MONTHS, "month");
    BitSet d = field(f[4], 0, 7, DAYS, "day of week");
    if (d.get(7)) {
      d.set(0);
    }
    dows = d;
    domStar = f[2].equals("*") || f[2].equals("?");
    dowStar = f[4].equals("*") || f[4].equals("?");
    for (int h = 23; h >= 0; h--) {
      if (hours.get(h)) {
        for (int m = 59; m >= 0; m--) {
          if (minutes.get(m)) {
            timesDescending.add(LocalTime.of(h, m));
          }
        }
      }
    }
  }

  /** @throws IllegalArgumentException with what was expected */
  static Cron parse(String text) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException(
          "expected 5 cron fields 'minute hour day-of-month month day-of-week' such as '0 8 * * MON-FRI', got "
              + f.length);
    }
    return new Cron(text.trim(), f);
  }

  boolean matchesDay(LocalDate d) {
    if (!months.get(d.getMonthValue())) {
      return false;
    }
    boolean dom = doms.get(d.getDayOfMonth());
    boolean dow = dows.get(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue());
    if (domStar || dowStar) {
      return dom && dow;
    }
    return dom || dow;
  }

  /** True if some day in {@code [from, from + days)} matches (and a time is set, which parsing ensures). */
  boolean firesWithin(LocalDate from, int days) {
    for (int i = 0; i < days; i++) {
      if (matchesDay(from.plusDays(i))) {
        return !timesDescending.isEmpty();
      }
    }
    return false;
  }

  /**
   * Index of the first of {@code descending} at or before {@code time} plus {@code marginHours} (wrapping past
   * midnight means none is later), by binary search.
   */
  static int firstAtOrBefore(List<LocalTime> descending, LocalTime time, int marginHours) {
    if (time.getHour() + marginHours > 23) {
      return 0;
    }
    LocalTime limit = time.plusHours(marginHours);
    int lo = 0;
    int hi = descending.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (descending.get(mid).isAfter(limit)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  List<LocalTime> timesDescending() {
    return timesDescending;
  }

  private static BitSet field(String spec, int min, int max, String[] names, String what) {
    BitSet out = new BitSet(max + 1);
    for (String part : spec.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, null, what + " step");
        range = part.substring(0, slash);
      }
      int lo;
      int hi;
      if (range.equals("*") || range.equals("?")) {
        lo = min;
        hi = max;
      } else if (range.indexOf('-') > 0) {
        int dash = range.indexOf('-');
        lo = number(range.substring(0, dash), min, max, names, what);
        hi = number(range.substring(dash + 1), min, max, names, what);
        if (hi < lo) {
          throw new IllegalArgumentException("cron " + what + " range '" + range + "' is reversed");
        }
      } else {
        lo = number(range, min, max, names, what);
        hi = slash >= 0 ? max : lo;
      }
      for (int v = lo; v <= hi; v += step) {
        out.set(v);
      }
    }
    return out;
  }

  private static int number(String s, int min, int max, String[] names, String what) {
    if (names != null) {
      String u = s.toUpperCase(Locale.ROOT);
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(u)) {
          return names == MONTHS ? i + 1 : i;
        }
      }
    }
    try {
      int v = Integer.parseInt(s);
      if (v < min || v > max) {
        throw new IllegalArgumentException();
      }
      return v;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cron " + what + ": expected a number " + min + "-" + max
          + (names != null ? " or a name such as " + names[1] : "") + ", was '" + s + "'", e);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
