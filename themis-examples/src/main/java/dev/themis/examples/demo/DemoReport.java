package dev.themis.examples.demo;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.cost.CostReport;
import dev.themis.examples.report.SvgChart;
import dev.themis.testkit.ReplayResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** What the demo shows: a summary for the terminal and a self-contained HTML report. */
record DemoReport(String trace, Instant start, ZoneId zone, int minutes, List<Run> runs) {

  /** What the resize counts mean, in the terminal and in the report. */
  static final String RESIZES_NOTE = "resizes: scaling actions applied (at most one a tick; one resize can take"
      + " several AWS calls); added, removed: the units (task nodes, shards) those resizes asked for in total";

  private static final String DEMAND = "#666";
  private static final String SERVING = "#1f77b4";
  private static final String BILLED = "#9467bd";
  private static final String FLOOR = "#e6550d";
  private static final String CAP = "#a50f15";
  private static final String UP = "#2ca02c";
  private static final String DOWN = "#d62728";
  private static final String FAILED = "#ff7f0e";

  /**
   * A limit the run's configuration puts on capacity, per minute (below 0 where it does not apply): a floor (the
   * schedule's minimum, {@code min_capacity}) or a cap ({@code max_capacity}, the cap an expression has).
   *
   * @param kind floor or cap
   * @param name its name in the legend
   * @param values per minute, -1 where it does not apply
   * @param note where it comes from, for the text under the chart
   */
  record Limit(Kind kind, String name, int[] values, String note) {
    enum Kind { FLOOR, CAP }

    Limit {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * One replayed resource.
   *
   * @param policyName the policy in a few words, for tables and the chart
   * @param policy the policy and its settings in full
   * @param unit what capacity counts, what the autoscaler resizes ({@code task nodes}, {@code shards})
   * @param supplyUnit what serving and billed units count, e.g. {@code nodes (2 core + task)}
   * @param fixedUnits units serving that the autoscaler does not manage (an EMR cluster's core nodes): serving is
   *     about {@code fixedUnits} + capacity
   * @param limits floors and caps drawn on the chart, in capacity units
   */
  record Run(ResourceId id, String title, String policyName, String policy, String unit, String supplyUnit,
      int fixedUnits, String demandNote, ReplayResult replay, CostReport cost, Map<String, Long> calls,
      List<Limit> limits) {

    Run {
      limits = List.copyOf(limits);
    }

    /** The resource, and the policy where it is not the original defaults. */
    String label() {
      return policy.startsWith("policy: predictive") ? id + " (predictive)" : id.toString();
    }

    double billedUnitHours() {
      return replay.totalBilled() / 60.0;
    }

    int minutesShort() {
      return replay.stepsShort();
    }

    /** Applied scaling actions. */
    int resizes() {
      return replay.totalActions();
    }

    /** Units the resizes asked for, scaling up. */
    int unitsAdded() {
      return sum(replay.unitsAdded());
    }

    /** Units the resizes asked to release, scaling down. */
    int unitsRemoved() {
      return sum(replay.unitsRemoved());
    }

    int failures() {
      return sum(replay.failures());
    }

    long awsCalls() {
      return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every outcome of the resource, by kind; needs a replay that kept its tick reports. */
    HeldDecisions held() {
      return HeldDecisions.of(id, replay.reports());
    }

    /** {@code resizes 87; task nodes added 69, removed 64}. */
    String resizeSummary() {
      return "resizes " + resizes() + "; " + unit + " added " + unitsAdded() + ", removed " + unitsRemoved();
    }

    private static int sum(int[] v) {
      int s = 0;
      for (int x : v) {
        s += x;
      }
      return s;
    }
  }

  /**
   * Figures per run, in the order of the tables: its name in the report, in the terminal's table (null: said in a
   * sentence instead), the figure, its format and whether it counts the run's unit (then the report says which).
   */
  private record Figure(String name, String cliName, ToDoubleFunction<Run> value, String format, boolean units) {
    Figure(String name, String cliName, ToDoubleFunction<Run> value, String format) {
      this(name, cliName, value, format, false);
    }
  }

  private static final List<Figure> FIGURES = List.of(
      new Figure("unit-hours billed", "unit-hours", Run::billedUnitHours, "%.1f"),
      new Figure("cost $", "cost $", r -> r.cost().cost(), "%.2f"),
      new Figure("baseline $", "baseline $", r -> r.cost().baselineCost(), "%.2f"),
      new Figure("saved $", "saved $", r -> r.cost().saved(), "%.2f"),
      new Figure("minutes short of demand", "short min", Run::minutesShort, "%.0f"),
      new Figure("resizes", null, Run::resizes, "%.0f"),
      new Figure("added", null, Run::unitsAdded, "%.0f", true),
      new Figure("removed", null, Run::unitsRemoved, "%.0f", true),
      new Figure("held ticks", null, r -> r.held().held(), "%.0f"),
      new Figure("failed ticks", null, Run::failures, "%.0f"),
      new Figure("AWS calls", "AWS calls", Run::awsCalls, "%.0f"));

  String summaryTable() {
    List<Figure> figures = FIGURES.stream().filter(f -> f.cliName() != null).toList();
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-34s", "resource"));
    for (Figure f : figures) {
      b.append(String.format(Locale.ROOT, " %" + width(f) + "s", f.cliName()));
    }
    b.append('\n');
    for (Run r : runs) {
      b.append(String.format(Locale.ROOT, "%-34s", r.label()));
      for (Figure f : figures) {
        b.append(String.format(Locale.ROOT, " %" + width(f) + "s", value(f, r)));
      }
      b.append('\n');
    }
    b.append('\n');
    for (Run r : runs) {
      b.append(String.format(Locale.ROOT, "%-35s %s; ticks held %d, failed %d%n", r.label() + ":",
          r.resizeSummary(), r.held().held(), r.failures()));
    }
    b.append(String.format(Locale.ROOT, "%n%d minutes of '%s' from %s (%s). unit-hours: billed by the simulated"
        + " cloud (booting, serving, draining); cost and savings: Autoscaler.costs() against the baseline"
        + " (emr: baseline_nodes = 20; kinesis: %d shards); short min: minutes with fewer serving units than"
        + " demand; %s; held: ticks that changed nothing (why: in the report).%n", minutes, trace, fmt(start), zone,
        DemoCommand.STREAM_BASELINE_SHARDS, RESIZES_NOTE));
    return b.toString();
  }

  private static int width(Figure f) {
    return Math.max(f.cliName().length(), 8);
  }

  private static String value(Figure f, Run r) {
    return String.format(Locale.ROOT, f.format(), f.value().applyAsDouble(r));
  }

  String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>Themis demo: ").append(esc(trace)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1140px}")
        .append("table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;")
        .append("text-align:right;vertical-align:top}th{background:#f3f3f3}td.l,th.l{text-align:left}")
        .append("td.num{font-variant-numeric:tabular-nums;white-space:nowrap}td.id{white-space:nowrap}")
        .append(".note{color:#555;font-size:90%}code{background:#f6f6f6;padding:1px 3px}")
        .append("td.example{font-size:85%;color:#444;max-width:640px;overflow-wrap:anywhere}\n")
        .append("</style></head><body>\n");
    h.append("<h1>Themis demo</h1>\n<p>").append(minutes).append(" minutes of <code>").append(esc(trace))
        .append("</code> from ").append(esc(fmt(start))).append(" (").append(esc(zone.toString()))
        .append("), replayed minute by minute. Each resource is managed by a real <code>Autoscaler</code> with the")
        .append(" real provider, against the testkit's simulated AWS APIs. Ticks every 3 minutes, as the original")
        .append(" loop.</p>\n");
    summary(h);
    comparisons(h);
    for (Run r : runs) {
      h.append("<h2>").append(esc(r.title())).append(": <code>").append(esc(r.id().toString()))
          .append("</code></h2>\n<p class=\"note\">").append(esc(r.policy())).append("</p>\n");
      h.append(chart(r));
      h.append("<p class=\"note\">Grey band: demand, from its lowest to its highest minute within each ")
          .append(String.format(Locale.ROOT, "%.0f", (double) r.replay().size() * SvgChart.BAND_PIXELS
              / SvgChart.PLOT_WIDTH)).append(" minutes; the grey line through it: their mean. Triangles: resizes")
          .append(" at the capacity they asked for, green up, red down; a diamond: a failed tick. Hover a mark for its")
          .append(" time, from → to and the reasons the outcome carries. ").append(esc(r.demandNote()));
      if (r.fixedUnits() > 0) {
        h.append(" Serving and billed count all ").append(esc(r.supplyUnit())).append("; the autoscaler resizes the ")
            .append(esc(r.unit())).append(", so resizes, floors and caps are drawn ").append(r.fixedUnits())
            .append(" higher than their ").append(esc(r.unit())).append(" figure.");
      }
      for (Limit l : r.limits()) {
        h.append(' ').append(esc(l.note()));
      }
      if (r.limits().isEmpty()) {
        h.append(" No schedule and no cap: the policy alone sets the capacity.");
      }
      h.append("</p>\n");
      held(h, r);
      h.append("<details><summary>AWS calls by operation</summary><table><tr><th class=\"l\">operation</th>")
          .append("<th>calls</th></tr>\n");
      new TreeMap<>(r.calls()).forEach((op, n) -> h.append("<tr><td class=\"l\">").append(esc(op))
          .append("</td><td>").append(n).append("</td></tr>\n"));
      h.append("</table></details>\n");
      h.append("<details><summary>Resizes and failures (").append(r.replay().events().size())
          .append(")</summary><table><tr><th class=\"l\">time</th><th class=\"l\">outcome</th>")
          .append("<th class=\"l\">why</th></tr>\n");
      for (ReplayResult.Event e : r.replay().events()) {
        h.append("<tr><td class=\"l\">").append(esc(fmt(e.at()))).append("</td><td class=\"l\">")
            .append(esc(describe(e.outcome(), r.unit()))).append("</td><td class=\"l\">")
            .append(esc(e.outcome().explanation())).append("</td></tr>\n");
      }
      h.append("</table></details>\n");
    }
    h.append("<p class=\"note\">Trace: NASA-HTTP, Internet Traffic Archive (July 1995), unless another was given.")
        .append(" Generated by <code>themis-examples demo</code>.</p>\n</body></html>\n");
    return h.toString();
  }

  private void summary(StringBuilder h) {
    h.append("<h2>Summary</h2>\n<table id=\"summary\"><tr><th class=\"l\">resource</th><th class=\"l\">policy</th>");
    for (Figure f : FIGURES) {
      h.append("<th>").append(esc(f.name())).append("</th>");
    }
    h.append("</tr>\n");
    for (Run r : runs) {
      h.append("<tr><td class=\"l id\">").append(esc(r.id().toString())).append("</td><td class=\"l\">")
          .append(esc(r.policyName())).append("</td>");
      for (Figure f : FIGURES) {
        h.append("<td class=\"num\">").append(value(f, r)).append(f.units() ? " " + esc(r.unit()) : "")
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n<p class=\"note\">Cost and savings come from <code>Autoscaler.costs()</code> (capacity")
        .append(" requested over time, from the history store) against a static baseline: 20 nodes for EMR (the")
        .append(" original's <code>baseline_nodes</code> default), ").append(DemoCommand.STREAM_BASELINE_SHARDS)
        .append(" shards for Kinesis. Unit-hours billed are counted by the simulated cloud (EMR: core and task")
        .append(" nodes), including booting and draining units. Minutes short: minutes with fewer serving units")
        .append(" than demand, of ").append(minutes)
        .append(". ").append(esc(RESIZES_NOTE.substring(0, 1).toUpperCase(Locale.ROOT) + RESIZES_NOTE.substring(1)))
        .append(". Held ticks changed nothing; each resource's section says why.</p>\n");
  }

  /** Runs of one resource under several policies, side by side: figure by figure, and the difference. */
  private void comparisons(StringBuilder h) {
    Map<ResourceId, List<Run>> byId = new LinkedHashMap<>();
    runs.forEach(r -> byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
    for (List<Run> same : byId.values()) {
      if (same.size() < 2) {
        continue;
      }
      Run first = same.get(0);
      h.append("<h2>Same cluster, same trace, same simulated cloud: ").append(esc(same.stream()
          .map(Run::policyName).reduce((a, b) -> a + " vs " + b).orElseThrow())).append("</h2>\n")
          .append("<table class=\"comparison\"><tr><th class=\"l\">").append(esc(first.id().toString()))
          .append(" (").append(esc(first.unit())).append(")</th>");
      same.forEach(r -> h.append("<th>").append(esc(r.policyName())).append("</th>"));
      for (int i = 1; i < same.size(); i++) {
        h.append("<th>").append(esc(same.get(i).policyName())).append(" − ").append(esc(first.policyName()))
            .append("</th>");
      }
      h.append("</tr>\n");
      for (Figure f : FIGURES) {
        h.append("<tr><td class=\"l\">").append(esc(f.name())).append("</td>");
        same.forEach(r -> h.append("<td class=\"num\">").append(value(f, r)).append("</td>"));
        for (int i = 1; i < same.size(); i++) {
          double d = f.value().applyAsDouble(same.get(i)) - f.value().applyAsDouble(first);
          h.append("<td class=\"num\">").append(d > 0 ? "+" : "").append(String.format(Locale.ROOT, f.format(), d))
              .append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    }
  }

  private void held(StringBuilder h, Run r) {
    HeldDecisions d = r.held();
    h.append("<h3>Held decisions</h3>\n<p>").append(d.ticks()).append(" ticks: ").append(d.applied())
        .append(" resized, ").append(d.held()).append(" held, ").append(d.dryRun()).append(" dry run, ")
        .append(d.failed()).append(" failed. What held them:</p>\n")
        .append("<table class=\"held\"><tr><th class=\"l\">held by</th><th>ticks</th>")
        .append("<th class=\"l\">first example: time and the reasons the outcome gives</th></tr>\n");
    for (HeldDecisions.Kind k : d.kinds()) {
      h.append("<tr><td class=\"l\">").append(esc(k.name())).append("</td><td class=\"num\">").append(k.count())
          .append("</td><td class=\"l example\">").append(esc(fmt(k.exampleAt()))).append(": ")
          .append(esc(k.example())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** The chart of one run, an SVG document. */
  String chart(Run r) {
    ReplayResult rr = r.replay();
    List<SvgChart.Marker> markers = new ArrayList<>();
    for (ReplayResult.Event e : rr.events()) {
      ResourceOutcome o = e.outcome();
      String title = fmt(e.at()) + ": " + describe(o, r.unit()) + "\n" + o.explanation();
      if (o instanceof ResourceOutcome.Applied a) {
        boolean up = a.result().toCapacity() > a.result().fromCapacity();
        markers.add(new SvgChart.Marker(e.step(), r.fixedUnits() + a.result().toCapacity(), up ? SvgChart.Shape.UP
            : SvgChart.Shape.DOWN, up ? UP : DOWN, up ? "scale-up" : "scale-down", title));
      } else {
        int at = o.capacityAfter() < 0 ? -1 : r.fixedUnits() + o.capacityAfter();
        markers.add(new SvgChart.Marker(e.step(), at, SvgChart.Shape.DIAMOND, FAILED, "failed tick", title));
      }
    }
    DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);
    List<SvgChart.Series> series = new ArrayList<>(List.of(
        SvgChart.Series.band("demand", rr.demand(), DEMAND),
        new SvgChart.Series("serving", rr.serving(), SERVING, 1.8, null),
        new SvgChart.Series("billed (booting, draining)", rr.billed(), BILLED, 1.0, "4,3")));
    for (Limit l : r.limits()) {
      int[] v = java.util.Arrays.stream(l.values()).map(x -> x < 0 ? x : r.fixedUnits() + x).toArray();
      series.add(l.kind() == Limit.Kind.FLOOR ? new SvgChart.Series(l.name(), v, FLOOR, 1.6, "7,3")
          : new SvgChart.Series(l.name(), v, CAP, 1.6, "2,3"));
    }
    SvgChart chart = new SvgChart(r.title() + ": demand and supply in " + r.supplyUnit() + ", per minute", 0,
        rr.size(),
        rr.size() > 1440 ? 360 : 180, m -> f.format(start.plus(Duration.ofMinutes(m)).atZone(zone)))
        .xTitle("time (" + zone + ")");
    chart.panel(new SvgChart.Panel(r.policyName(), r.supplyUnit(), series, markers));
    return chart.render();
  }

  private static String describe(ResourceOutcome o, String unit) {
    if (o instanceof ResourceOutcome.Applied a) {
      return (a.result().toCapacity() > a.result().fromCapacity() ? "scale-up " : "scale-down ")
          + a.result().fromCapacity() + " → " + a.result().toCapacity() + " " + unit;
    }
    if (o instanceof ResourceOutcome.Failed f) {
      return "failed at " + f.stage().name().toLowerCase(Locale.ROOT);
    }
    return o.getClass().getSimpleName();
  }

  private String fmt(Instant t) {
    return DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT).format(t.atZone(zone));
  }

  private static String esc(String s) {
    return SvgChart.escape(s);
  }
}
