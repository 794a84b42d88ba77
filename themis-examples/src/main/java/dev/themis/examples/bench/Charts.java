package dev.themis.examples.bench;

import dev.themis.examples.report.SvgChart;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's per-trace chart, drawn with {@link SvgChart}: one panel per profile at the {@code mean=10} scale,
 * showing demand, the oracle and every policy's supply over the day around the peak.
 */
final class Charts {
  private Charts() {}

  static final int WINDOW = 1440;

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
    SvgChart chart = new SvgChart(trace + ", " + w.scale().label() + ": demand and supply in units, minutes " + from
        + " to " + to + " (the day around the peak)", from, to, 180, m -> "+" + (m - from) / 60 + "h");
    for (Profile p : profiles) {
      List<SvgChart.Series> series = new ArrayList<>();
      series.add(new SvgChart.Series("demand", d, "#000", 2.2, null));
      int colour = 0;
      for (QualityBench.Run r : runs) {
        if (!r.profile().equals(p)) {
          continue;
        }
        String name = r.contender().name();
        boolean oracle = name.equals(Contenders.ORACLE);
        series.add(oracle
            ? new SvgChart.Series(name, r.replay().supply(), "#000", 1.4, "4,3")
            : new SvgChart.Series(name, r.replay().supply(),
                SvgChart.COLOURS.get(colour++ % SvgChart.COLOURS.size()), 1.0, null));
      }
      chart.panel(new SvgChart.Panel("profile " + p.name() + " (L = " + p.boot() + " min, D = " + p.drain()
          + " min)", series, List.of()));
    }
    return chart.render();
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
}
