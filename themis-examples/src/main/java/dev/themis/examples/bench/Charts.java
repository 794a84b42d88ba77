package dev.themis.examples.bench;

import java.util.List;
import java.util.Locale;

/**
 * Self-contained SVG charts (no script, no external resource): for one trace, one panel per profile at the
 * {@code mean=10} scale, showing demand, the oracle and every policy's supply over the day around the peak.
 */
final class Charts {
  private Charts() {}

  static final int WINDOW = 1440;
  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#393b79", "#637939"
  };
  private static final int W = 1100;
  private static final int PANEL_H = 260;
  private static final int LEFT = 50;
  private static final int RIGHT = 190;
  private static final int TOP = 40;
  private static final int GAP = 50;

  static String trace(QualityBench.Result result, String trace) {
    List<QualityBench.Run> runs = result.runs().stream()
        .filter(r -> r.workload().trace().equals(trace) && !r.failed())
        .filter(r -> r.workload().scale() == Workload.Scale.MEAN10)
        .toList();
    if (runs.isEmpty()) {
      runs = result.runs().stream().filter(r -> r.workload().trace().equals(trace) && !r.failed()).toList();
    }
    List<Profile> profiles = runs.stream().map(QualityBench.Run::profile).distinct().toList();
    Workload w = runs.get(0).workload();
    int[] d = w.demand();
    int from = windowStart(d);
    int to = Math.min(d.length, from + WINDOW);
    int h = TOP + profiles.size() * (PANEL_H + GAP);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", W, h, W, h));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s, %s: "
        + "demand and supply in units, minutes %d to %d (the day around the peak)</text>%n", LEFT, esc(trace),
        w.scale().label(), from, to));
    for (int pi = 0; pi < profiles.size(); pi++) {
      Profile p = profiles.get(pi);
      List<QualityBench.Run> panel = runs.stream().filter(r -> r.profile().equals(p)).toList();
      int y0 = TOP + pi * (PANEL_H + GAP);
      int max = 1;
      for (QualityBench.Run r : panel) {
        for (int t = from; t < to; t++) {
          max = Math.max(max, Math.max(d[t], r.replay().supply()[t]));
        }
      }
      max = (int) Math.ceil(max * 1.05);
      double xs = (double) (W - LEFT - RIGHT) / (to - from);
      double ys = (double) PANEL_H / max;
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">profile %s (L = %d min, "
          + "D = %d min)</text>%n", LEFT, y0 + 12, p.name(), p.boot(), p.drain()));
      int top = y0 + 18;
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
          + "stroke=\"#999\"/>%n", LEFT, top, W - LEFT - RIGHT, PANEL_H));
      for (int tick = 0; tick <= max; tick += Math.max(1, max / 5)) {
        double y = top + PANEL_H - tick * ys;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>"
            + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT - 4, y + 4, tick, LEFT,
            W - RIGHT, y, y));
      }
      for (int hour = 0; hour <= (to - from) / 60; hour += 3) {
        double x = LEFT + hour * 60 * xs;
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">+%dh</text>%n", x,
            top + PANEL_H + 14, hour));
      }
      int legend = 0;
      b.append(area(d, from, to, top, xs, ys));
      b.append(legendEntry(top, legend++, "#bbb", "demand (filled)", null));
      int colour = 0;
      for (QualityBench.Run r : panel) {
        String name = r.contender().name();
        boolean oracle = name.equals(Contenders.ORACLE);
        String c = oracle ? "#000" : COLOURS[colour++ % COLOURS.length];
        String dash = oracle ? "4,3" : null;
        b.append(series(r.replay().supply(), from, to, top, xs, ys, c, oracle ? 1.4 : 1.0, dash));
        b.append(legendEntry(top, legend++, c, name, dash));
      }
    }
    b.append("</svg>\n");
    return b.toString();
  }

  /** The start of the {@link #WINDOW} minutes centred on the peak demand after the warm-up. */
  static int windowStart(int[] d) {
    int peakAt = Workload.WARM_UP;
    for (int t = Workload.WARM_UP; t < d.length; t++) {
      if (d[t] > d[peakAt]) {
        peakAt = t;
      }
    }
    int from = Math.max(Workload.WARM_UP, peakAt - WINDOW / 2);
    return Math.max(0, Math.min(from, d.length - WINDOW));
  }

  private static String series(int[] v, int from, int to, int top, double xs, double ys, String colour,
      double width, String dash) {
    StringBuilder b = new StringBuilder("<polyline fill=\"none\" stroke=\"").append(colour)
        .append("\" stroke-width=\"").append(width).append('"');
    if (dash != null) {
      b.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    b.append(" points=\"");
    int prev = Integer.MIN_VALUE;
    for (int t = from; t < to; t++) {
      if (v[t] == prev && t != to - 1) {
        continue;
      }
      double x = LEFT + (t - from) * xs;
      double y = top + PANEL_H - v[t] * ys;
      if (prev != Integer.MIN_VALUE) {
        b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + PANEL_H - prev * ys));
      }
      b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      prev = v[t];
    }
    return b.append("\"/>\n").toString();
  }

  /** Demand as a filled step area, so that the lines of supply stay visible over it. */
  private static String area(int[] v, int from, int to, int top, double xs, double ys) {
    StringBuilder b = new StringBuilder("<polygon fill=\"#d9d9d9\" stroke=\"none\" points=\"");
    double base = top + PANEL_H;
    b.append(String.format(Locale.ROOT, "%.1f,%.1f ", (double) LEFT, base));
    for (int t = from; t < to; t++) {
      double x0 = LEFT + (t - from) * xs;
      double y = base - v[t] * ys;
      b.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", x0, y, x0 + xs, y));
    }
    b.append(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + (to - from) * xs, base));
    return b.append("\"/>\n").toString();
  }

  private static String legendEntry(int top, int i, String colour, String name, String dash) {
    int x = W - RIGHT + 12;
    int y = top + 10 + i * 16;
    return String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
        + "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">%s</text>%n", x, x + 18, y, y, colour,
        dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", x + 22, y + 4, esc(name));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
