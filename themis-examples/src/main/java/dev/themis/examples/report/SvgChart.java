package dev.themis.examples.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A self-contained SVG line chart (no script, no external resource) of series over minutes, in panels
 * stacked vertically. Used by the demo's HTML report and the benchmark's per-trace charts.
 *
 * <p>A value below 0 is "no value": a line stops there and starts again at the next value (a schedule floor that
 * applies only on working hours). A series that changes every minute can be drawn as a {@linkplain Series#band
 * band}: the lowest to the highest value and the mean within each column of a few pixels, rather than thousands of
 * one-minute steps.
 * Every drawn element carries its series' name in {@code data-series}, and markers carry a {@code <title>} shown on
 * hover.
 */
public final class SvgChart {
  /** A default palette, one colour per series in order. */
  public static final List<String> COLOURS = List.of(
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
      "#393b79", "#637939");

  private static final int WIDTH = 1100;
  private static final int PANEL_HEIGHT = 260;
  private static final int LEFT = 64;
  private static final int RIGHT = 220;
  private static final int TOP = 40;
  private static final int GAP = 64;
  /** Pixels across one column of a {@linkplain Series#band band}. */
  public static final int BAND_PIXELS = 4;
  /** Width of the plot area in pixels (the chart less its axis labels and legend). */
  public static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;

  /**
   * What a series draws: a {@code LINE} through its values, or a {@code BAND} from the lowest to the highest value
   * within each column of a few pixels, with a line through each column's mean.
   */
  public enum Style { LINE, BAND }

  /**
   * A series: its name in the legend, values per minute (below 0: no value), colour, stroke width, dash pattern (or
   * null) and style.
   */
  public record Series(String name, double[] values, String colour, double width, String dash, Style style) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(colour, "colour");
      Objects.requireNonNull(style, "style");
    }

    /** A line through whole values (units, nodes, shards). */
    public Series(String name, int[] values, String colour, double width, String dash) {
      this(name, java.util.Arrays.stream(values).asDoubleStream().toArray(), colour, width, dash, Style.LINE);
    }

    /** A thin solid line. */
    public static Series of(String name, int[] values, String colour) {
      return new Series(name, values, colour, 1.2, null);
    }

    /**
     * A light band from the lowest to the highest value within each column of {@link #BAND_PIXELS} pixels, and a
     * line through each column's mean.
     */
    public static Series band(String name, double[] values, String colour) {
      return new Series(name, values, colour, 1.0, null, Style.BAND);
    }
  }

  /** How a marker is drawn: a tick below the plot, or a triangle up, down, or a diamond at its value. */
  public enum Shape { TICK, UP, DOWN, DIAMOND }

  /**
   * A mark at a minute, e.g. a scaling action: drawn at {@code value} (a tick below the plot with {@link Shape#TICK}
   * or a value below 0), in the legend once per {@code kind}, with {@code title} shown on hover.
   */
  public record Marker(int minute, int value, Shape shape, String colour, String kind, String title) {
    public Marker {
      Objects.requireNonNull(shape, "shape");
      Objects.requireNonNull(colour, "colour");
      Objects.requireNonNull(title, "title");
    }

    /** A tick below the plot, not in the legend. */
    public Marker(int minute, String colour, String title) {
      this(minute, -1, Shape.TICK, colour, null, title);
    }
  }

  /** One panel: a title, the y-axis label (its unit, or null), its series and markers. */
  public record Panel(String title, String yLabel, List<Series> series, List<Marker> markers) {
    public Panel {
      series = List.copyOf(series);
      markers = List.copyOf(markers);
    }

    /** A panel without a y-axis label. */
    public Panel(String title, List<Series> series, List<Marker> markers) {
      this(title, null, series, markers);
    }
  }

  private final String title;
  private final int from;
  private final int to;
  private final IntFunction<String> xLabel;
  private final int xLabelEvery;
  private final List<Panel> panels = new ArrayList<>();
  private String xTitle;

  /**
   * @param title the chart's title
   * @param from first minute shown
   * @param to minute after the last shown
   * @param xLabelEvery minutes between x-axis labels
   * @param xLabel the label of a minute, e.g. {@code m -> "+" + m / 60 + "h"}
   */
  public SvgChart(String title, int from, int to, int xLabelEvery, IntFunction<String> xLabel) {
    if (to <= from) {
      throw new IllegalArgumentException("chart range: 'to' must be after 'from', was " + from + ".." + to);
    }
    this.title = title;
    this.from = from;
    this.to = to;
    this.xLabelEvery = Math.max(1, xLabelEvery);
    this.xLabel = xLabel;
  }

  public SvgChart panel(Panel panel) {
    panels.add(panel);
    return this;
  }

  /** The x-axis label under every panel, e.g. {@code time (America/New_York)}; default none. */
  public SvgChart xTitle(String text) {
    this.xTitle = text;
    return this;
  }

  /** The SVG document. */
  public String render() {
    int h = TOP + panels.size() * (PANEL_HEIGHT + GAP);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, h, WIDTH, h));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, escape(title)));
    for (int pi = 0; pi < panels.size(); pi++) {
      panel(b, panels.get(pi), TOP + pi * (PANEL_HEIGHT + GAP));
    }
    return b.append("</svg>\n").toString();
  }

  private void panel(StringBuilder b, Panel panel, int y0) {
    int step = yStep(highest(panel));
    int max = step * (int) Math.ceil(highest(panel) * 1.05 / step);
    double xs = (double) PLOT_WIDTH / (to - from);
    double ys = (double) PANEL_HEIGHT / max;
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, y0 + 12,
        escape(panel.title())));
    int top = y0 + 18;
    for (int tick = 0; tick <= max; tick += step) {
      double y = top + PANEL_HEIGHT - tick * ys;
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>"
          + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT - 4, y + 4, tick, LEFT,
          WIDTH - RIGHT, y, y));
    }
    if (panel.yLabel() != null) {
      int cy = top + PANEL_HEIGHT / 2;
      b.append(String.format(Locale.ROOT, "<text class=\"y-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
          + "transform=\"rotate(-90 %d %d)\" font-size=\"12\">%s</text>%n", LEFT - 40, cy, LEFT - 40, cy,
          escape(panel.yLabel())));
    }
    for (int m = 0; m <= to - from; m += xLabelEvery) {
      double x = LEFT + m * xs;
      b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
          + "<text class=\"x-tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, x,
          top + PANEL_HEIGHT, top + PANEL_HEIGHT + 4, x, top + PANEL_HEIGHT + 16, escape(xLabel.apply(from + m))));
    }
    if (xTitle != null) {
      b.append(String.format(Locale.ROOT, "<text class=\"x-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
          + "font-size=\"12\">%s</text>%n", LEFT + PLOT_WIDTH / 2, top + PANEL_HEIGHT + 34, escape(xTitle)));
    }
    int legend = 0;
    for (Series s : panel.series()) {
      b.append(s.style() == Style.BAND ? band(s, top, ys) : line(s, top, xs, ys));
      b.append(legendEntry(top, legend++, s));
    }
    Map<String, Marker> kinds = new LinkedHashMap<>();
    for (Marker marker : panel.markers()) {
      if (marker.minute() < from || marker.minute() >= to) {
        continue;
      }
      b.append(mark(marker, LEFT + (marker.minute() - from) * xs, top, ys));
      if (marker.kind() != null) {
        kinds.putIfAbsent(marker.kind(), marker);
      }
    }
    for (Marker m : kinds.values()) {
      int y = legendY(top, legend++);
      b.append(shape(m.shape(), LEFT + PLOT_WIDTH + 21, y, m.colour(), "legend-mark", null))
          .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + PLOT_WIDTH + 34, y + 4,
              escape(m.kind())));
    }
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#999\"/>%n", LEFT, top, PLOT_WIDTH, PANEL_HEIGHT));
  }

  private int highest(Panel panel) {
    double max = 1;
    for (Series s : panel.series()) {
      for (int t = from; t < Math.min(to, s.values().length); t++) {
        max = Math.max(max, s.values()[t]);
      }
    }
    for (Marker m : panel.markers()) {
      max = Math.max(max, m.value());
    }
    return (int) Math.ceil(max);
  }

  /** 1, 2 or 5 times a power of ten, for about five grid lines up to {@code max}. */
  static int yStep(int max) {
    int step = 1;
    while (true) {
      for (int f : new int[] {1, 2, 5}) {
        if (max / (step * f) <= 6) {
          return step * f;
        }
      }
      step *= 10;
    }
  }

  private String line(Series s, int top, double xs, double ys) {
    StringBuilder b = new StringBuilder();
    double[] v = s.values();
    int end = Math.min(to, v.length);
    double prev = -1;
    StringBuilder points = new StringBuilder();
    for (int t = from; t <= end; t++) {
      double value = t < end ? v[t] : -1;
      double x = LEFT + (t - from) * xs;
      if (value == prev && t != end - 1) {
        continue;
      }
      if (prev >= 0) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_HEIGHT - prev * ys));
      }
      if (value < 0) {
        if (points.length() > 0) {
          b.append(polyline(s, points));
          points.setLength(0);
        }
      } else {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_HEIGHT - value * ys));
      }
      prev = value;
    }
    return b.toString();
  }

  private static String polyline(Series s, CharSequence points) {
    StringBuilder b = new StringBuilder("<polyline class=\"line\" data-series=\"").append(escape(s.name()))
        .append("\" fill=\"none\" stroke=\"").append(s.colour()).append("\" stroke-width=\"").append(s.width())
        .append('"');
    if (s.dash() != null) {
      b.append(" stroke-dasharray=\"").append(s.dash()).append('"');
    }
    return b.append(" points=\"").append(points.toString().strip()).append("\"/>\n").toString();
  }

  /**
   * The band: a polygon through the highest value of each column of {@link #BAND_PIXELS} pixels left to right and
   * the lowest right to left, and a darker line through each column's mean.
   */
  private String band(Series s, int top, double ys) {
    double[] v = s.values();
    int n = Math.min(to, v.length) - from;
    if (n <= 0) {
      return "";
    }
    int columns = Math.max(1, Math.min(n, PLOT_WIDTH / BAND_PIXELS));
    double xs = (double) PLOT_WIDTH / (to - from);
    StringBuilder upper = new StringBuilder();
    List<String> lower = new ArrayList<>();
    StringBuilder mean = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      int first = from + (int) ((long) c * n / columns);
      int last = from + (int) ((long) (c + 1) * n / columns);
      double lo = Double.MAX_VALUE;
      double hi = -1;
      double sum = 0;
      int count = 0;
      for (int t = first; t < last; t++) {
        if (v[t] >= 0) {
          lo = Math.min(lo, v[t]);
          hi = Math.max(hi, v[t]);
          sum += v[t];
          count++;
        }
      }
      if (count == 0) {
        continue;
      }
      double x = LEFT + ((first + last) / 2.0 - from) * xs;
      upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_HEIGHT - hi * ys));
      lower.add(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_HEIGHT - lo * ys));
      mean.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_HEIGHT - sum / count * ys));
    }
    StringBuilder points = new StringBuilder(upper);
    for (int i = lower.size() - 1; i >= 0; i--) {
      points.append(lower.get(i));
    }
    return "<polygon class=\"band\" data-series=\"" + escape(s.name()) + "\" fill=\"" + s.colour()
        + "\" fill-opacity=\"0.3\" stroke=\"none\" points=\"" + points.toString().strip() + "\"/>\n"
        + "<polyline class=\"band-mean\" data-series=\"" + escape(s.name()) + "\" fill=\"none\" stroke=\""
        + s.colour() + "\" stroke-width=\"" + s.width() + "\" points=\"" + mean.toString().strip() + "\"/>\n";
  }

  private static String mark(Marker m, double x, int top, double ys) {
    if (m.shape() == Shape.TICK || m.value() < 0) {
      return String.format(Locale.ROOT, "<line class=\"mark\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
          + "stroke=\"%s\" stroke-width=\"2\"><title>%s</title></line>%n", x, x, top + PANEL_HEIGHT - 10,
          top + PANEL_HEIGHT, m.colour(), escape(m.title()));
    }
    return shape(m.shape(), x, top + PANEL_HEIGHT - m.value() * ys, m.colour(), "mark", m.title());
  }

  /**
   * A path about 12 pixels across centred on (x, y), outlined in white so that it stands out of the lines, with a
   * hover title unless {@code title} is null.
   */
  private static String shape(Shape shape, double x, double y, String colour, String cls, String title) {
    String d = switch (shape) {
      case UP -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x, y - 7, x + 6, y + 4, x - 6, y + 4);
      case DOWN -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x, y + 7, x + 6, y - 4, x - 6,
          y - 4);
      case DIAMOND, TICK -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ", x, y - 7, x + 6,
          y, x, y + 7, x - 6, y);
    };
    String path = "<path class=\"" + cls + "\" d=\"" + d + "\" fill=\"" + colour
        + "\" stroke=\"white\" stroke-width=\"1\"";
    return title == null ? path + "/>" : path + "><title>" + escape(title) + "</title></path>\n";
  }

  private static int legendY(int top, int i) {
    return top + 10 + i * 17;
  }

  private static String legendEntry(int top, int i, Series s) {
    int x = LEFT + PLOT_WIDTH + 12;
    int y = legendY(top, i);
    String swatch = s.style() == Style.BAND
        ? String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"10\" fill=\"%s\" "
            + "fill-opacity=\"0.3\"/><line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\"/>", x, y - 5,
            s.colour(), x, x + 18, y, y, s.colour())
        : String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
            + "stroke-width=\"2\"%s/>", x, x + 18, y, y, s.colour(),
            s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\"");
    return String.format(Locale.ROOT, "%s<text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>%n", swatch, x + 22, y + 4,
        escape(s.name()));
  }

  /** Escapes text for XML and HTML. */
  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
