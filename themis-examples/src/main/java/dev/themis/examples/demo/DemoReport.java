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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the demo shows: a summary table for the terminal and a self-contained HTML report. */
record DemoReport(String trace, Instant start, ZoneId zone, int minutes, List<Run> runs) {

  /** One replayed resource. */
  record Run(ResourceId id, String title, String policy, String unit, String demandNote, ReplayResult replay,
      CostReport cost, Map<String, Long> calls, List<ResourceOutcome> held) {

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

    int unitsAdded() {
      return sum(replay.unitsAdded());
    }

    int unitsRemoved() {
      return sum(replay.unitsRemoved());
    }

    int failures() {
      return sum(replay.failures());
    }

    long awsCalls() {
      return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    private static int sum(int[] v) {
      int s = 0;
      for (int x : v) {
        s += x;
      }
      return s;
    }
  }

  String summaryTable() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-34s %12s %10s %12s %12s %10s %9s %10s%n", "resource", "unit-hours",
        "cost $", "baseline $", "saved $", "short min", "actions", "AWS calls"));
    for (Run r : runs) {
      b.append(String.format(Locale.ROOT, "%-34s %12.1f %10.2f %12.2f %12.2f %10d %9s %10d%n", r.label(),
          r.billedUnitHours(), r.cost().cost(), r.cost().baselineCost(), r.cost().saved(), r.minutesShort(),
          r.replay().totalActions() + " (+" + r.unitsAdded() + "/-" + r.unitsRemoved() + ")", r.awsCalls()));
    }
    b.append(String.format(Locale.ROOT, "%n%d minutes of '%s' from %s (%s). unit-hours: billed by the simulated"
        + " cloud (booting, serving, draining); cost and savings: Autoscaler.costs() against the baseline"
        + " (emr: baseline_nodes = 20; kinesis: %d shards); short min: minutes with fewer serving units than"
        + " demand.%n", minutes, trace, fmt(start), zone, DemoCommand.STREAM_BASELINE_SHARDS));
    return b.toString();
  }

  String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>Themis demo: ").append(esc(trace)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1140px}")
        .append("table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;")
        .append("text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
        .append(".note{color:#555;font-size:90%}code{background:#f6f6f6;padding:1px 3px}\n")
        .append("</style></head><body>\n");
    h.append("<h1>Themis demo</h1>\n<p>").append(minutes).append(" minutes of <code>").append(esc(trace))
        .append("</code> from ").append(esc(fmt(start))).append(" (").append(esc(zone.toString()))
        .append("), replayed minute by minute. Each resource is managed by a real <code>Autoscaler</code> with the")
        .append(" real provider, against the testkit's simulated AWS APIs. Ticks every 3 minutes, as the original")
        .append(" loop.</p>\n");
    h.append("<h2>Summary</h2>\n<table><tr><th class=\"l\">resource</th><th class=\"l\">policy</th>")
        .append("<th>unit-hours billed</th><th>cost $</th><th>baseline $</th><th>saved $</th>")
        .append("<th>minutes short</th><th>actions (+added/−removed)</th><th>failed ticks</th><th>AWS calls</th></tr>\n");
    for (Run r : runs) {
      h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%.1f</td>"
          + "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%d of %d</td><td>%d (+%d/−%d)</td><td>%d</td><td>%d</td>"
          + "</tr>%n", esc(r.label()), esc(r.policy()), r.billedUnitHours(), r.cost().cost(),
          r.cost().baselineCost(), r.cost().saved(), r.minutesShort(), minutes, r.replay().totalActions(),
          r.unitsAdded(), r.unitsRemoved(), r.failures(), r.awsCalls()));
    }
    h.append("</table>\n<p class=\"note\">Cost and savings come from <code>Autoscaler.costs()</code> (capacity")
        .append(" requested over time, from the history store) against a static baseline: 20 nodes for EMR (the")
        .append(" original's <code>baseline_nodes</code> default), ").append(DemoCommand.STREAM_BASELINE_SHARDS)
        .append(" shards for Kinesis. Unit-hours billed are counted by the simulated cloud, including booting and")
        .append(" draining units.</p>\n");
    for (Run r : runs) {
      h.append("<h2>").append(esc(r.title())).append(": <code>").append(esc(r.id().toString()))
          .append("</code></h2>\n");
      h.append(chart(r));
      h.append("<p class=\"note\">Ticks on the x-axis: green scale-up, red scale-down, orange failure. ")
          .append(esc(r.demandNote())).append("</p>\n");
      h.append("<details><summary>AWS calls by operation</summary><table><tr><th class=\"l\">operation</th>")
          .append("<th>calls</th></tr>\n");
      new TreeMap<>(r.calls()).forEach((op, n) -> h.append("<tr><td class=\"l\">").append(esc(op))
          .append("</td><td>").append(n).append("</td></tr>\n"));
      h.append("</table></details>\n");
      h.append("<details><summary>Actions and failures (").append(r.replay().events().size())
          .append(")</summary><table><tr><th class=\"l\">time</th><th class=\"l\">outcome</th>")
          .append("<th class=\"l\">why</th></tr>\n");
      for (ReplayResult.Event e : r.replay().events()) {
        h.append("<tr><td class=\"l\">").append(esc(fmt(e.at()))).append("</td><td class=\"l\">")
            .append(esc(describe(e.outcome()))).append("</td><td class=\"l\">")
            .append(esc(e.outcome().explanation())).append("</td></tr>\n");
      }
      h.append("</table></details>\n");
      h.append("<details><summary>Changes held by a guard (").append(r.held().size())
          .append(")</summary><table><tr><th class=\"l\">time</th><th class=\"l\">wanted</th>")
          .append("<th class=\"l\">why</th></tr>\n");
      for (ResourceOutcome o : r.held()) {
        h.append("<tr><td class=\"l\">").append(esc(fmt(o.at()))).append("</td><td class=\"l\">")
            .append(o.state().capacity()).append(" → ").append(o.decision().targetCapacity())
            .append("</td><td class=\"l\">").append(esc(o.explanation())).append("</td></tr>\n");
      }
      h.append("</table></details>\n");
    }
    h.append("<p class=\"note\">Trace: NASA-HTTP, Internet Traffic Archive (July 1995), unless another was given.")
        .append(" Generated by <code>themis-examples demo</code>.</p>\n</body></html>\n");
    return h.toString();
  }

  private String chart(Run r) {
    ReplayResult rr = r.replay();
    List<SvgChart.Marker> markers = new java.util.ArrayList<>();
    for (ReplayResult.Event e : rr.events()) {
      String colour = e.outcome() instanceof ResourceOutcome.Failed ? "#ff7f0e"
          : e.outcome().capacityAfter() > e.outcome().state().capacity() ? "#2ca02c" : "#d62728";
      markers.add(new SvgChart.Marker(e.step(), colour, fmt(e.at()) + " " + describe(e.outcome())));
    }
    DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);
    SvgChart chart = new SvgChart(r.title() + ": demand and supply in " + r.unit() + " per minute", 0,
        rr.size(), 360, m -> f.format(start.plus(Duration.ofMinutes(m)).atZone(zone)));
    chart.panel(new SvgChart.Panel(r.policy(), List.of(
        new SvgChart.Series("demand", rr.demandUnits(), "#000", 1.6, null),
        SvgChart.Series.of("serving", rr.serving(), "#1f77b4"),
        new SvgChart.Series("billed", rr.billed(), "#9467bd", 1.0, "4,3")), markers));
    return chart.render();
  }

  private static String describe(ResourceOutcome o) {
    if (o instanceof ResourceOutcome.Applied a) {
      return "applied " + a.result().fromCapacity() + " → " + a.result().toCapacity();
    }
    if (o instanceof ResourceOutcome.Failed f) {
      return "failed at " + f.stage().name().toLowerCase(Locale.ROOT);
    }
    return o.getClass().getSimpleName();
  }

  /**
   * The held outcomes where the policy wanted a change and a guard held it: the first of each run of holds by the
   * same guard (a cooldown holds every tick until it ends; one row says it).
   */
  static List<ResourceOutcome> heldActions(List<ResourceOutcome> history) {
    List<ResourceOutcome> out = new java.util.ArrayList<>();
    String previous = null;
    for (ResourceOutcome o : history) {
      boolean held = o instanceof ResourceOutcome.Held && o.state() != null && o.decision() != null
          && o.decision().targetCapacity() != o.state().capacity();
      String guard = !held ? null : guard(o);
      if (held && !guard.equals(previous)) {
        out.add(o);
      }
      previous = guard;
    }
    return out;
  }

  /** The name of the guard that held (a reason's text before its colon), not the closing "no change". */
  private static String guard(ResourceOutcome o) {
    String guard = "";
    for (String r : o.reasons()) {
      if (!r.startsWith("no change: ")) {
        guard = r.split(":", 2)[0];
      }
    }
    return guard;
  }

  private String fmt(Instant t) {
    return DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT).format(t.atZone(zone));
  }

  private static String esc(String s) {
    return SvgChart.escape(s);
  }
}
