package dev.themis.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Helpers compiled expressions call. Public only because generated classes live in their own class loader; not
 * an API. Every method is pure, bounded and allocates at most a list of at most 8 elements.
 */
public final class Functions {
  private Functions() {}

  /**
   * A list index: {@code i} in {@code [0, length)}, or a negative {@code i} counted from the end as in Python.
   *
   * @throws IndexOutOfBoundsException naming the index and the list's length
   */
  public static int index(long i, int length) {
    long at = i < 0 ? length + i : i;
    if (at < 0 || at >= length) {
      throw new IndexOutOfBoundsException("index " + i + " is outside the list of " + length + " element"
          + (length == 1 ? "" : "s"));
    }
    return (int) at;
  }

  /** {@code a + b} of whole numbers; @throws ArithmeticException "integer overflow" instead of wrapping. */
  public static long add(long a, long b) {
    return Math.addExact(a, b);
  }

  /** {@code a - b} of whole numbers; @throws ArithmeticException "integer overflow" instead of wrapping. */
  public static long sub(long a, long b) {
    return Math.subtractExact(a, b);
  }

  /** {@code a * b} of whole numbers; @throws ArithmeticException "integer overflow" instead of wrapping. */
  public static long mul(long a, long b) {
    return Math.multiplyExact(a, b);
  }

  public static boolean eq(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  /** Python 2 {@code round}: half away from zero; 0 for NaN. */
  public static long round(double v) {
    return (long) (v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5));
  }

  /** {@code floor} to a whole number; 0 for NaN. */
  public static long floor(double v) {
    return (long) Math.floor(v);
  }

  /** {@code ceil} to a whole number; 0 for NaN. */
  public static long ceil(double v) {
    return (long) Math.ceil(v);
  }

  /** Python {@code int(x)}: truncation toward zero; 0 for NaN. */
  public static long trunc(double v) {
    return (long) v;
  }

  public static long bool(boolean v) {
    return v ? 1 : 0;
  }

  public static String[] list() {
    return new String[0];
  }

  public static String[] list(String a) {
    return new String[] {a};
  }

  public static String[] list(String a, String b) {
    return new String[] {a, b};
  }

  public static String[] list(String a, String b, String c) {
    return new String[] {a, b, c};
  }

  public static String[] list(String a, String b, String c, String d) {
    return new String[] {a, b, c, d};
  }

  public static String[] list(String a, String b, String c, String d, String e) {
    return new String[] {a, b, c, d, e};
  }

  public static String[] list(String a, String b, String c, String d, String e, String f) {
    return new String[] {a, b, c, d, e, f};
  }

  public static String[] list(String a, String b, String c, String d, String e, String f, String g) {
    return new String[] {a, b, c, d, e, f, g};
  }

  public static String[] list(String a, String b, String c, String d, String e, String f, String g, String h) {
    return new String[] {a, b, c, d, e, f, g, h};
  }

  public static List<String> toList(String s) {
    return s == null ? List.of() : List.of(s);
  }

  public static List<String> toList(String[] a) {
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(a.length);
    for (String s : a) {
      if (s != null) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
