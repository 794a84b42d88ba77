package dev.themis.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A self-contained SVG line chart (no script, no external resource) of integer series over minutes, in panels
 * stacked vertically. Used by the demo's HTML report and the benchmark's per-trace charts.
 */
public final class SvgChart {
  /** A default palette, one colour per series in order. */
  public static final List<String> COLOURS = List.of(
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
      "#393b79", "#637939");

  private static final int WIDTH = 1100;
  private static final int PANEL_HEIGHT = 260;
  private static final int LEFT = 50;
  private static final int RIGHT = 190;
  private static final int TOP = 40;
  private static final int GAP = 50;

  /** A line: its name in the legend, values per minute, colour, stroke width and dash pattern (or null). */
  public record Series(String name, int[] values, String colour, double width, String dash) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(colour, "colour");
    }

    public static Series of(String name, int[] values, String colour) {
      return new Series(name, values, colour, 1.2, null);
    }
  }

  /** A vertical tick at a minute, e.g. a scaling action; drawn below the axis in the given colour. */
  public record Marker(int minute, String colour, String title) {}

  /** One panel: a title, its series and markers. */
  public record Panel(String title, List<Series> series, List<Marker> markers) {
    public Panel {
      series = List.copyOf(series);
      markers = List.copyOf(markers);
    }
  }

  private final String title;
  private final int from;
  private final int to;
  private final IntFunction<String> xLabel;
  private final int xLabelEvery;
  private final List<Panel> panels = new ArrayList<>();

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
      Panel panel = panels.get(pi);
      int y0 = TOP + pi * (PANEL_HEIGHT + GAP);
      int max = 1;
      for (Series s : panel.series()) {
        for (int t = from; t < Math.min(to, s.values().length); t++) {
          max = Math.max(max, s.values()[t]);
        }
      }
      max = (int) Math.ceil(max * 1.05);
      double xs = (double) (WIDTH - LEFT - RIGHT) / (to - from);
      double ys = (double) PANEL_HEIGHT / max;
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, y0 + 12,
          escape(panel.title())));
      int top = y0 + 18;
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
          + "stroke=\"#999\"/>%n", LEFT, top, WIDTH - LEFT - RIGHT, PANEL_HEIGHT));
      for (int tick = 0; tick <= max; tick += Math.max(1, max / 5)) {
        double y = top + PANEL_HEIGHT - tick * ys;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>"
            + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT - 4, y + 4, tick, LEFT,
            WIDTH - RIGHT, y, y));
      }
      for (int m = 0; m <= to - from; m += xLabelEvery) {
        double x = LEFT + m * xs;
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
            top + PANEL_HEIGHT + 14, escape(xLabel.apply(from + m))));
      }
      for (Marker marker : panel.markers()) {
        if (marker.minute() < from || marker.minute() >= to) {
          continue;
        }
        double x = LEFT + (marker.minute() - from) * xs;
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
            + "stroke-width=\"1.5\"><title>%s</title></line>%n", x, x, top + PANEL_HEIGHT - 8, top + PANEL_HEIGHT,
            marker.colour(), escape(marker.title())));
      }
      int legend = 0;
      for (Series s : panel.series()) {
        b.append(line(s, top, xs, ys));
        b.append(legendEntry(top, legend++, s));
      }
    }
    return b.append("</svg>\n").toString();
  }

  private String line(Series s, int top, double xs, double ys) {
    StringBuilder b = new StringBuilder("<polyline fill=\"none\" stroke=\"").append(s.colour())
        .append("\" stroke-width=\"").append(s.width()).append('"');
    if (s.dash() != null) {
      b.append(" stroke-dasharray=\"").append(s.dash()).append('"');
    }
    b.append(" points=\"");
    int[] v = s.values();
    int end = Math.min(to, v.length);
    int prev = Integer.MIN_VALUE;
    for (int t = from; t < end; t++) {
      if (v[t] == prev && t != end - 1) {
        continue;
      }
      double x = LEFT + (t - from) * xs;
      if (prev != Integer.MIN_VALUE) {
        b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_HEIGHT - prev * ys));
      }
      b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_HEIGHT - v[t] * ys));
      prev = v[t];
    }
    return b.append("\"/>\n").toString();
  }

  private static String legendEntry(int top, int i, Series s) {
    int x = WIDTH - RIGHT + 12;
    int y = top + 10 + i * 16;
    return String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
        + "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">%s</text>%n", x, x + 18, y, y, s.colour(),
        s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\"", x + 22, y + 4, escape(s.name()));
  }

  /** Escapes text for XML and HTML. */
  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
