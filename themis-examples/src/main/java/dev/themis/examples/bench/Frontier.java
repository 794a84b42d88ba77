package dev.themis.examples.bench;

import dev.themis.examples.report.SvgChart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The frontier sweep's report: per trace, a chart of Cost/Cost* against τU with one panel per scale and profile,
 * each family of policies as a line through its settings; and a Markdown table saying, per workload and profile,
 * whether the predictive policy at its shipped setting dominates the named reactive contenders and whether some
 * setting of it dominates the original defaults.
 */
final class Frontier {
  private Frontier() {}

  /** The contenders the shipped predictive policy is to dominate. */
  static final List<String> PEERS = List.of("hpa-0.7", "themis-tt-0.7", "themis-load-0.75");

  static final double X_MAX = 16;
  static final double Y_MIN = 0.9;
  static final double Y_MAX = 1.7;
  private static final int PANEL_W = 360;
  private static final int PANEL_H = 270;
  private static final int PAD_L = 46;
  private static final int PAD_B = 34;
  private static final int PAD_T = 26;

  /** {@code a} dominates {@code b}: no worse in cost and in τU, strictly better in one. */
  static boolean dominates(QualityMetrics a, QualityMetrics b) {
    return a.costRatio() <= b.costRatio() && a.tauU() <= b.tauU()
        && (a.costRatio() < b.costRatio() || a.tauU() < b.tauU());
  }

  static Map<String, List<QualityBench.Run>> groups(QualityBench.Result result) {
    Map<String, List<QualityBench.Run>> g = new LinkedHashMap<>();
    for (QualityBench.Run r : result.runs()) {
      if (!r.failed()) {
        g.computeIfAbsent(r.workload().trace() + " " + r.workload().scale().label() + " | " + r.profile().name(),
            k -> new ArrayList<>()).add(r);
      }
    }
    return g;
  }

  static String markdown(QualityBench.Result result) {
    StringBuilder b = new StringBuilder("## Frontier: does the predictive policy dominate?\n\n");
    b.append("`predictive` is the shipped setting; `predictive-<s>` the sweep over `target_shortfall`. A point ")
        .append("dominates another when its Cost/Cost* and τU are both no higher and one is lower. ✓ dominates, ")
        .append("✗ does not (the peer's point in brackets).\n\n");
    b.append("| workload | profile | predictive | ")
        .append(String.join(" | ", PEERS.stream().map(p -> "vs " + p).toList()))
        .append(" | a setting dominating `original` |\n|---|---|--:|").append("--:|".repeat(PEERS.size()))
        .append("---|\n");
    for (Map.Entry<String, List<QualityBench.Run>> g : groups(result).entrySet()) {
      Map<String, QualityMetrics> m = new LinkedHashMap<>();
      g.getValue().forEach(r -> m.put(r.contender().name(), r.metrics()));
      QualityMetrics shipped = m.get(Contenders.PREDICTIVE);
      if (shipped == null) {
        continue;
      }
      String[] k = g.getKey().split(" \\| ");
      b.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(point(shipped)).append(" |");
      for (String peer : PEERS) {
        QualityMetrics p = m.get(peer);
        b.append(' ').append(p == null ? "–" : (dominates(shipped, p) ? "✓" : "✗") + " (" + point(p) + ")")
            .append(" |");
      }
      QualityMetrics original = m.get("original");
      List<String> better = new ArrayList<>();
      m.forEach((name, q) -> {
        if (name.startsWith(Contenders.PREDICTIVE) && original != null && dominates(q, original)) {
          better.add(name.equals(Contenders.PREDICTIVE) ? name : name.substring(Contenders.PREDICTIVE.length() + 1));
        }
      });
      b.append(' ').append(original == null ? "–" : better.isEmpty() ? "none (original " + point(original) + ")"
          : String.join(", ", better)).append(" |\n");
    }
    b.append('\n');
    return b.append(moonshot(result)).toString();
  }

  /** The goal of issue 13 beyond domination: τU at most this (%) ... */
  static final double MOONSHOT_TAU_U = 1;
  /** ... at Cost/Cost* at most this, on the EMR profiles. */
  static final double MOONSHOT_COST = 1.15;

  /**
   * Per workload and profile, each family's cheapest measured point with τU ≤ {@value #MOONSHOT_TAU_U} % (no
   * interpolation: a family with no such point shows –), and whether it meets the moonshot's cost.
   */
  static String moonshot(QualityBench.Result result) {
    Map<String, List<QualityBench.Run>> groups = groups(result);
    List<String> families = new ArrayList<>();
    groups.values().forEach(v -> v.forEach(r -> {
      String f = Contenders.family(r.contender().name());
      if (f != null && !"original".equals(f) && !families.contains(f)) {
        families.add(f);
      }
    }));
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "## Cheapest point with τU ≤ %s %% per family (the moonshot: Cost/Cost* ≤ %.2f on EMR)%n%n",
        fmt(MOONSHOT_TAU_U), MOONSHOT_COST));
    b.append("Each cell: the family's cheapest measured setting with τU ≤ ").append(fmt(MOONSHOT_TAU_U))
        .append(" %, `Cost/Cost* / τU %` and the setting; – when no setting of the sweep is that short; ★ meets ")
        .append("the moonshot's cost. `").append(Contenders.IDEAL).append("` is an idealised reference, not a ")
        .append("policy (it knows the smoothed future demand).\n\n");
    b.append("| workload | profile | ").append(String.join(" | ", families)).append(" |\n|---|---|")
        .append("--:|".repeat(families.size())).append('\n');
    for (Map.Entry<String, List<QualityBench.Run>> g : groups.entrySet()) {
      String[] k = g.getKey().split(" \\| ");
      b.append("| ").append(k[0]).append(" | ").append(k[1]).append(" |");
      for (String f : families) {
        QualityBench.Run best = null;
        for (QualityBench.Run r : g.getValue()) {
          if (f.equals(Contenders.family(r.contender().name())) && r.metrics().tauU() <= MOONSHOT_TAU_U
              && (best == null || r.metrics().costRatio() < best.metrics().costRatio())) {
            best = r;
          }
        }
        b.append(' ').append(best == null ? "–" : point(best.metrics()) + " `" + best.contender().name() + "`"
            + (best.profile().kind() == Profile.Kind.EMR && best.metrics().costRatio() <= MOONSHOT_COST ? " ★" : "")).append(" |");
      }
      b.append('\n');
    }
    return b.append('\n').toString();
  }

  static String point(QualityMetrics m) {
    return String.format(Locale.ROOT, "%.2f / %.1f", m.costRatio(), m.tauU());
  }

  /** One SVG per trace: panels per scale (rows) and profile (columns). */
  static String chart(QualityBench.Result result, String trace) {
    Map<String, List<QualityBench.Run>> panels = new LinkedHashMap<>();
    groups(result).forEach((k, v) -> {
      if (v.get(0).workload().trace().equals(trace)) {
        panels.put(k, v);
      }
    });
    List<String> profiles = panels.values().stream().map(v -> v.get(0).profile().name()).distinct().toList();
    List<String> scales = panels.values().stream().map(v -> v.get(0).workload().scale().label()).distinct().toList();
    List<String> families = new ArrayList<>();
    panels.values().forEach(v -> v.forEach(r -> {
      String f = Contenders.family(r.contender().name());
      if (f != null && !families.contains(f)) {
        families.add(f);
      }
    }));
    int cols = Math.max(1, profiles.size());
    int width = cols * PANEL_W + 170;
    int height = scales.size() * PANEL_H + 40;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"11\">\n", width, height));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    s.append("<text x=\"10\" y=\"18\" font-size=\"14\">").append(esc(trace))
        .append(": Cost/Cost* (up) against τU % (right); lower left is better; x clipped at ")
        .append(fmt(X_MAX)).append(" %, y to [").append(fmt(Y_MIN)).append(", ").append(fmt(Y_MAX))
        .append("] (points beyond drawn hollow at the edge)</text>\n");
    for (Map.Entry<String, List<QualityBench.Run>> e : panels.entrySet()) {
      List<QualityBench.Run> runs = e.getValue();
      int col = profiles.indexOf(runs.get(0).profile().name());
      int row = scales.indexOf(runs.get(0).workload().scale().label());
      panel(s, 10 + col * PANEL_W, 30 + row * PANEL_H, e.getKey(), runs, families);
    }
    int lx = cols * PANEL_W + 20;
    for (int i = 0; i < families.size(); i++) {
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>\n", lx, 50 + i * 18, colour(i), lx + 18, 55 + i * 18,
          esc(families.get(i))));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">■ shipped / named setting</text>\n", lx,
        60 + families.size() * 18));
    return s.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder s, int x0, int y0, String title, List<QualityBench.Run> runs,
      List<String> families) {
    int w = PANEL_W - PAD_L - 14;
    int h = PANEL_H - PAD_B - PAD_T;
    int ox = x0 + PAD_L;
    int oy = y0 + PAD_T;
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n", x0 + 4, y0 + 16,
        esc(title)));
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#999\"/>\n", ox, oy, w, h));
    for (double x = 0; x <= X_MAX + 1e-9; x += 4) {
      int px = ox + (int) Math.round(x / X_MAX * w);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, oy, px, oy + h, px, oy + h + 14,
          fmt(x)));
    }
    for (double y = Y_MIN; y <= Y_MAX + 1e-9; y += 0.1) {
      int py = oy + h - (int) Math.round((y - Y_MIN) / (Y_MAX - Y_MIN) * h);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f</text>\n", ox, py, ox + w, py, ox - 4, py + 4, y));
    }
    for (int f = 0; f < families.size(); f++) {
      String family = families.get(f);
      List<QualityBench.Run> points = runs.stream()
          .filter(r -> family.equals(Contenders.family(r.contender().name())))
          .sorted(Comparator.comparingDouble(r -> r.metrics().tauU())).toList();
      if (points.isEmpty()) {
        continue;
      }
      StringBuilder line = new StringBuilder();
      for (QualityBench.Run r : points) {
        line.append(px(r.metrics(), ox, w)).append(',').append(py(r.metrics(), oy, h)).append(' ');
      }
      s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
          + "stroke-width=\"1.3\"/>\n", line.toString().trim(), colour(f)));
      for (QualityBench.Run r : points) {
        QualityMetrics m = r.metrics();
        boolean inside = m.tauU() <= X_MAX && m.costRatio() >= Y_MIN && m.costRatio() <= Y_MAX;
        boolean named = r.contender().name().equals(Contenders.PREDICTIVE) || PEERS.contains(r.contender().name())
            || r.contender().name().equals("original");
        String tip = r.contender().name() + ": " + point(m);
        if (named) {
          s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"7\" height=\"7\" fill=\"%s\" "
              + "stroke=\"#000\"><title>%s</title></rect>\n", px(m, ox, w) - 3, py(m, oy, h) - 3,
              inside ? colour(f) : "#fff", esc(tip)));
        } else {
          s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"2.6\" fill=\"%s\" stroke=\"%s\">"
              + "<title>%s</title></circle>\n", px(m, ox, w), py(m, oy, h), inside ? colour(f) : "#fff", colour(f),
              esc(tip)));
        }
      }
    }
  }

  private static int px(QualityMetrics m, int ox, int w) {
    return ox + (int) Math.round(Math.min(X_MAX, Math.max(0, m.tauU())) / X_MAX * w);
  }

  private static int py(QualityMetrics m, int oy, int h) {
    double y = Math.min(Y_MAX, Math.max(Y_MIN, m.costRatio()));
    return oy + h - (int) Math.round((y - Y_MIN) / (Y_MAX - Y_MIN) * h);
  }

  private static String colour(int i) {
    return SvgChart.COLOURS.get(i % SvgChart.COLOURS.size());
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String esc(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
