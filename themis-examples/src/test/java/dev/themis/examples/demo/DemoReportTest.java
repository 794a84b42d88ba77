package dev.themis.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.TickReport;
import dev.themis.examples.report.SvgChart;
import dev.themis.expr.OriginalDefaults;
import dev.themis.testkit.ReplayResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The demo report's structure: what an operator needs to read it at a glance is there, and it is true. */
class DemoReportTest {
  private static final DemoReport REPORT = DemoFixture.dayReport();
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private static DemoReport.Run run(int i) {
    return REPORT.runs().get(i);
  }

  private static Document svg(DemoReport.Run r) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(REPORT.chart(r).getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Document d, String tag, String cls) {
    NodeList all = d.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (cls == null || e.getAttribute("class").equals(cls)) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<String> texts(Document d, String cls) {
    return elements(d, "text", cls).stream().map(Element::getTextContent).toList();
  }

  private static List<String> series(Document d, String tag, String cls) {
    return elements(d, tag, cls).stream().map(e -> e.getAttribute("data-series")).toList();
  }

  /** Width and height of the box around a path's coordinates. */
  private static double[] size(String d) {
    Matcher m = NUMBER.matcher(d);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; m.find(); i++) {
      (i % 2 == 0 ? xs : ys).add(Double.parseDouble(m.group()));
    }
    return new double[] {xs.stream().mapToDouble(x -> x).max().orElseThrow() - xs.stream().mapToDouble(x -> x).min()
        .orElseThrow(), ys.stream().mapToDouble(y -> y).max().orElseThrow() - ys.stream().mapToDouble(y -> y).min()
        .orElseThrow()};
  }

  private static List<ResourceOutcome> outcomes(DemoReport.Run r) {
    return r.replay().reports().stream().map(TickReport::outcomes).flatMap(List::stream)
        .filter(o -> o.resource().equals(r.id())).toList();
  }

  @Test
  void everyChartLabelsItsAxesWithUnitsAndTimeAndHasALegend() throws Exception {
    assertThat(REPORT.runs()).extracting(DemoReport.Run::supplyUnit)
        .containsExactly("nodes (2 core + task)", "nodes (2 core + task)", "shards");
    for (DemoReport.Run r : REPORT.runs()) {
      Document d = svg(r);
      assertThat(texts(d, "y-label")).as(r.label()).containsExactly(r.supplyUnit());
      assertThat(texts(d, "x-label")).as(r.label()).containsExactly("time (UTC)");
      assertThat(texts(d, "x-tick")).as(r.label()).startsWith("Mon 00:00", "Mon 03:00", "Mon 06:00")
          .hasSize(r.replay().size() / 180 + 1); // every 3 hours of the day
      assertThat(texts(d, "legend")).as(r.label()).startsWith("demand", "serving", "billed (booting, draining)");
      boolean down = r.unitsRemoved() > 0;
      assertThat(texts(d, null)).as(r.label()).contains("scale-up").is(new org.assertj.core.api.Condition<>(
          t -> t.contains("scale-down") == down, "with scale-down in the legend only if it scaled down"));
    }
  }

  @Test
  void demandIsALightBandWithItsMeanNotAStepPerMinute() throws Exception {
    for (DemoReport.Run r : REPORT.runs()) {
      Document d = svg(r);
      List<Element> band = elements(d, "polygon", "band");
      assertThat(band).as(r.label()).singleElement().satisfies(e -> {
        assertThat(e.getAttribute("data-series")).isEqualTo("demand");
        assertThat(Double.parseDouble(e.getAttribute("fill-opacity"))).isLessThan(0.5);
        // one point per column of BAND_PIXELS at the top, one at the bottom: not one per minute
        assertThat(e.getAttribute("points").split(" ")).hasSize(2 * SvgChart.PLOT_WIDTH / SvgChart.BAND_PIXELS);
      });
      assertThat(series(d, "polyline", "band-mean")).as(r.label()).containsExactly("demand");
      assertThat(series(d, "polyline", "line")).as(r.label()).doesNotContain("demand");
    }
  }

  @Test
  void theOriginalDefaultsRunsDrawTheirScheduleFloorAndTheirCaps() throws Exception {
    // the caps are the original default expressions' own
    assertThat(OriginalDefaults.UPSCALE_EXPR).contains("tasknodes.count.nodes < " + DemoCommand.ORIGINAL_TASK_NODE_CAP);
    assertThat(OriginalDefaults.STREAM_UPSCALE_EXPR).contains("shards.count < " + DemoCommand.ORIGINAL_SHARD_CAP);
    DemoReport.Run original = run(0);
    assertThat(original.limits()).extracting(DemoReport.Limit::name)
        .containsExactly("floor: time_based_scaling", "cap: upscale_expr (25 task nodes)");
    // Monday 6 January 2020, UTC: "(Mon|Tue|Wed|Thu|Fri) .* (09|1[0-6]):.*": 6 from 09:00 to 16:59
    int[] floor = original.limits().get(0).values();
    for (int m = 0; m < floor.length; m++) {
      assertThat(floor[m]).as("floor at minute %d", m).isEqualTo(m >= 9 * 60 && m < 17 * 60 ? 6 : -1);
    }
    Document d = svg(original);
    assertThat(series(d, "polyline", "line")).containsOnlyOnce("floor: time_based_scaling") // one stretch: 9 to 17
        .containsOnlyOnce("cap: upscale_expr (25 task nodes)");
    assertThat(texts(d, "legend")).contains("floor: time_based_scaling", "cap: upscale_expr (25 task nodes)");

    DemoReport.Run stream = run(2);
    assertThat(stream.limits()).extracting(DemoReport.Limit::name).containsExactly("cap: stream_upscale_expr (5 shards)");
    assertThat(series(svg(stream), "polyline", "line")).contains("cap: stream_upscale_expr (5 shards)");

    DemoReport.Run predictive = run(1);
    assertThat(predictive.limits()).isEmpty();
    assertThat(series(svg(predictive), "polyline", "line")).containsExactly("serving", "billed (booting, draining)");
    assertThat(REPORT.html()).contains("No schedule and no cap: the policy alone sets the capacity.");
  }

  @Test
  void everyResizeIsAMarkBigEnoughToSeeWithItsTimeChangeAndReasons() throws Exception {
    for (DemoReport.Run r : REPORT.runs()) {
      List<Element> marks = elements(svg(r), "path", "mark");
      List<ReplayResult.Event> events = r.replay().events();
      assertThat(marks).as(r.label()).hasSameSizeAs(events).isNotEmpty();
      for (int i = 0; i < marks.size(); i++) {
        ResourceOutcome.Applied a = (ResourceOutcome.Applied) events.get(i).outcome();
        String title = marks.get(i).getElementsByTagName("title").item(0).getTextContent();
        assertThat(title).as(r.label()).contains(a.result().fromCapacity() + " → " + a.result().toCapacity() + " "
            + r.unit(), a.decision().reason()).containsPattern("^(Mon|Tue) 2020-01-0[67] \\d\\d:\\d\\d: scale-");
        a.reasons().forEach(reason -> assertThat(title).contains(reason));
        double[] size = size(marks.get(i).getAttribute("d"));
        assertThat(size[0]).as("width of a mark").isCloseTo(12, within(0.01));
        assertThat(size[1]).as("height of a mark").isCloseTo(11, within(0.01));
      }
    }
  }

  @Test
  void heldDecisionsAreCountedByWhatHeldThemWithAnExampleEach() {
    for (DemoReport.Run r : REPORT.runs()) {
      HeldDecisions held = r.held();
      List<ResourceOutcome> outcomes = outcomes(r);
      List<ResourceOutcome.Held> holds = outcomes.stream().filter(ResourceOutcome.Held.class::isInstance)
          .map(ResourceOutcome.Held.class::cast).toList();
      assertThat(held.ticks()).as(r.label()).isEqualTo(outcomes.size()).isEqualTo(480); // a day, every 3 minutes
      assertThat(held.applied()).as(r.label()).isEqualTo(r.resizes());
      assertThat(held.held()).as(r.label()).isEqualTo(holds.size())
          .isEqualTo(held.kinds().stream().mapToInt(HeldDecisions.Kind::count).sum());
      assertThat(held.ticks()).isEqualTo(held.applied() + held.held() + held.dryRun() + held.failed());
      long noChange = holds.stream().filter(h -> h.decision() != null && h.state() != null
          && h.decision().targetCapacity() == h.state().capacity()).count();
      assertThat(held.kinds()).as(r.label()).filteredOn(k -> k.name().equals(HeldDecisions.NO_CHANGE))
          .singleElement().satisfies(k -> assertThat(k.count()).isEqualTo(noChange));
      for (HeldDecisions.Kind k : held.kinds()) {
        // the example is the first outcome of its kind, as it reads
        ResourceOutcome.Held first = holds.stream().filter(h -> HeldDecisions.kind(h).equals(k.name())).findFirst()
            .orElseThrow();
        assertThat(k.exampleAt()).isEqualTo(first.at());
        assertThat(k.example()).isEqualTo(first.explanation());
        assertThat(REPORT.html()).contains("<tr><td class=\"l\">" + SvgChart.escape(k.name())
            + "</td><td class=\"num\">" + k.count() + "</td>");
      }
    }
    // the scale-up from the night's 1 node boots for 6 minutes, over two 3-minute ticks
    assertThat(run(0).held().kinds()).extracting(HeldDecisions.Kind::name)
        .contains("in flight (previous action not settled)");
    assertThat(REPORT.html().split("<table class=\"held\">", -1)).hasSize(4);
  }

  @Test
  void aHoldIsNamedByThePolicyOrTheGuardThatHeldIt() {
    ResourceId id = ResourceId.of("emr", "j-1");
    Instant at = Instant.parse("2020-01-06T10:00:00Z");
    ResourceState five = ResourceState.of(id, at, 5, Map.of());
    ScalingDecision down = new ScalingDecision(4, "downscale_expr = 1", "expressions");
    ScalingDecision up = new ScalingDecision(8, "upscale_expr = 3", "expressions");
    assertThat(HeldDecisions.kind(new ResourceOutcome.Held(id, at, five,
        new ScalingDecision(5, "upscale_expr = 0", "expressions"), List.of(ResourceOutcome.NO_CHANGE))))
        .isEqualTo(HeldDecisions.NO_CHANGE);
    assertThat(HeldDecisions.kind(new ResourceOutcome.Held(id, at, five, down, List.of("scale-down stabilised to 5:"
        + " highest recommendation within PT10M was 5 (policy wanted 4)", ResourceOutcome.NO_CHANGE))))
        .isEqualTo("scale-down stabilisation");
    assertThat(HeldDecisions.kind(new ResourceOutcome.Held(id, at, five, down, List.of("metrics missing (yarn):"
        + " never scale down on missing data", ResourceOutcome.NO_CHANGE)))).isEqualTo("missing metrics");
    assertThat(HeldDecisions.kind(new ResourceOutcome.Held(id, at, five, up,
        List.of("scale-up cooldown until 2020-01-06T10:02:00Z (wanted 5 -> 8)")))).isEqualTo("cooldown");
    assertThat(HeldDecisions.kind(new ResourceOutcome.Held(id, at, five, up,
        List.of("in flight: the resource is changing; no new action until it settles"))))
        .isEqualTo("in flight (previous action not settled)");
    // a reason no guard is named in: its first words
    assertThat(HeldDecisions.kind(new ResourceOutcome.Held(id, at, five, up,
        List.of("nothing to resize: every task group is busy (3 groups)")))).isEqualTo("nothing to resize");
  }

  @Test
  void theSummariesSayWhatTheNumbersCount() {
    String cli = REPORT.summaryTable();
    for (DemoReport.Run r : REPORT.runs()) {
      List<ResourceOutcome.Applied> applied = outcomes(r).stream().filter(ResourceOutcome.Applied.class::isInstance)
          .map(ResourceOutcome.Applied.class::cast).toList();
      int added = applied.stream().mapToInt(a -> Math.max(0, a.result().toCapacity() - a.result().fromCapacity()))
          .sum();
      int removed = applied.stream().mapToInt(a -> Math.max(0, a.result().fromCapacity() - a.result().toCapacity()))
          .sum();
      String said = "resizes " + applied.size() + "; " + r.unit() + " added " + added + ", removed " + removed;
      assertThat(r.resizeSummary()).isEqualTo(said);
      assertThat(cli).containsPattern(Pattern.quote(r.label() + ":") + " +" + Pattern.quote(said + "; ticks held "
          + r.held().held() + ", failed 0"));
      assertThat(REPORT.html()).contains("<td class=\"num\">" + added + " " + r.unit() + "</td>");
    }
    assertThat(cli).contains(DemoReport.RESIZES_NOTE).doesNotContainPattern("\\d+ \\(\\+\\d+/-\\d+\\)");
    assertThat(REPORT.html()).contains("Resizes: scaling actions applied (at most one a tick;")
        .doesNotContainPattern("\\d+ \\(\\+\\d+/−\\d+\\)");
  }

  @Test
  void theComparisonSetsBothPoliciesSideBySideWithTheDifference() {
    String html = REPORT.html();
    DemoReport.Run original = run(0);
    DemoReport.Run predictive = run(1);
    assertThat(original.id()).isEqualTo(predictive.id());
    assertThat(html).contains("<table class=\"comparison\"><tr><th class=\"l\">" + original.id() + " (task nodes)</th>"
        + "<th>original defaults</th><th>predictive</th><th>predictive − original defaults</th></tr>");
    int diff = predictive.resizes() - original.resizes();
    assertThat(html).contains("<tr><td class=\"l\">resizes</td><td class=\"num\">" + original.resizes()
        + "</td><td class=\"num\">" + predictive.resizes() + "</td><td class=\"num\">" + (diff > 0 ? "+" : "") + diff
        + "</td></tr>");
    assertThat(html.split("<table class=\"comparison\">", -1)).hasSize(2); // the stream has one policy
    assertThat(Arrays.asList(html.split("\n"))).filteredOn(l -> l.startsWith("<h2>Same cluster")).singleElement()
        .asString().contains("original defaults vs predictive");
  }
}
