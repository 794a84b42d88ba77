package dev.themis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.clock.ManualClock;
import dev.themis.emr.YarnClient;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.Variables;
import dev.themis.expr.vars.StandardVariables;
import dev.themis.expr.vars.StreamVars;
import dev.themis.kinesis.StreamLoad;
import dev.themis.spi.ScalingPolicy;
import dev.themis.testkit.cloudwatch.SimulatedCloudWatch;
import dev.themis.testkit.emr.SimulatedEmr;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The README's table of metrics and expression variables against what the real providers publish (issue 15,
 * item 8): every metric a state carries has a row, and every row that names both a metric and a variable maps one
 * to the other with the same value.
 */
class ReadmeMetricsTest {
  private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final ScalingPolicy HOLD = ctx -> ScalingDecision.hold(ctx.capacity(), "steady", "hold");

  /** One concrete (after expanding {@code <g>} and alternatives) row; {@code <M>} stays a placeholder. */
  record Row(String provider, String metric, String variable, boolean bool) {
    Pattern pattern() {
      return Pattern.compile(Pattern.quote(metric).replace("<M>", "\\E([A-Za-z_]+)\\Q"));
    }
  }

  static List<Row> rows() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("## Metrics and variables");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    List<Row> rows = new ArrayList<>();
    for (String line : section.split("\n")) {
      if (!line.startsWith("| emr") && !line.startsWith("| kinesis")) {
        continue;
      }
      String[] cells = line.replace("\\|", "\u0001").split("\\|");
      String provider = cells[1].strip();
      List<String> metrics = tokens(cells[2]);
      List<String> variables = tokens(cells[3]);
      boolean bool = cells[4].contains("boolean");
      List<String> m = metrics.isEmpty() ? List.of() : expand(metrics.get(0));
      List<String> v = variables.size() != 1 ? List.of() : expand(variables.get(0));
      for (int i = 0; i < m.size(); i++) {
        rows.add(new Row(provider, m.get(i), v.isEmpty() ? null : v.get(i), bool));
      }
    }
    return rows;
  }

  private static List<String> tokens(String cell) {
    List<String> out = new ArrayList<>();
    Matcher t = Pattern.compile("`([^`]+)`").matcher(cell);
    while (t.find()) {
      out.add(t.group(1));
    }
    return out;
  }

  /** {@code <g>} and {@code a|b} alternatives (per dot-separated part), in a fixed order. */
  private static List<String> expand(String name) {
    List<String> out = new ArrayList<>(List.of(""));
    for (String part : name.replace("<g>", "allnodes\u0001tasknodes\u0001corenodes").split("\\.")) {
      List<String> next = new ArrayList<>();
      for (String prefix : out) {
        for (String alt : part.split("\u0001")) {
          next.add(prefix.isEmpty() ? alt : prefix + "." + alt);
        }
      }
      out = next;
    }
    return out;
  }

  @Test
  void everyEmrMetricIsInTheTableAndMapsToItsVariable() throws Exception {
    ManualClock clock = ManualClock.at(START);
    SimulatedEmr emr = SimulatedEmr.builder(clock).build();
    String id = emr.cluster("metrics").instanceGroup("MASTER", "ON_DEMAND", "m5.xlarge", 1)
        .instanceGroup("CORE", "ON_DEMAND", "m5.xlarge", 2).instanceGroup("TASK", "SPOT", "m5.xlarge", 6)
        .demand(t -> 4.5).create();
    SimulatedCloudWatch cw = emr.cloudWatch();
    Autoscaler a = Autoscaler.builder().clock(clock).component(EmrClient.class, emr)
        .component(YarnClient.class, emr.yarn()).component(CloudWatchClient.class, cw)
        .resource(ResourceSpec.of("emr", id, Map.of("region", "us-east-1", "cloudwatch_metrics", "true")), HOLD)
        .build();
    ResourceState state = observe(a, clock, ResourceId.of("emr", id));
    check("emr", state, StandardVariables.emr());
  }

  @Test
  void everyKinesisMetricIsInTheTableAndMapsToItsVariable() throws Exception {
    ManualClock clock = ManualClock.at(START);
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).build();
    kinesis.createStream("metrics", 4, START.minus(Duration.ofHours(1)));
    kinesis.incomingRecords("metrics", t -> 90_000.0);
    SimulatedCloudWatch cw = kinesis.cloudWatch();
    Autoscaler a = Autoscaler.builder().clock(clock).component(KinesisClient.class, kinesis)
        .component(CloudWatchClient.class, cw)
        .resource(ResourceSpec.of("kinesis", "metrics", Map.of("enable_enhanced_monitoring", "true",
            "shard_metrics", "ALL")), HOLD)
        .build();
    ResourceState state = observe(a, clock, ResourceId.of("kinesis", "metrics"));
    check("kinesis", state, StandardVariables.kinesis().toBuilder().add("total", StreamVars.class)
        .add("load", StreamLoad.class).build());
  }

  private static ResourceState observe(Autoscaler a, ManualClock clock, ResourceId id) {
    ResourceState state = null;
    for (int i = 0; i < 15; i++) {
      state = a.tick().outcome(id).orElseThrow().state();
      clock.advance(Duration.ofMinutes(1));
    }
    return state;
  }

  private static void check(String provider, ResourceState state, Variables schema) throws Exception {
    List<Row> rows = rows().stream().filter(r -> r.provider().equals(provider)).toList();
    ExpressionCompiler compiler = ExpressionCompiler.create();
    int compared = 0;
    for (Map.Entry<String, Double> metric : state.metrics().entrySet()) {
      Row row = null;
      Matcher match = null;
      for (Row r : rows) {
        Matcher m = r.pattern().matcher(metric.getKey());
        if (m.matches()) {
          row = r;
          match = m;
          break;
        }
      }
      assertThat(row).as("README row for the %s metric %s", provider, metric.getKey()).isNotNull();
      if (row.variable() == null) {
        continue;
      }
      String variable = match.groupCount() == 0 ? row.variable() : row.variable().replace("<M>", match.group(1));
      double value = metric.getValue();
      String condition = row.bool() ? "(1 if " + variable + " else 0) == " + (long) value
          : "abs(" + variable + " - (" + value + ")) <= 1e-9 * max(1.0, abs(" + value + "))";
      boolean same = compiler.compileBoolean("readme", condition, schema)
          .evaluate(schema.bindings().putAll(state.variables()).build());
      assertThat(same).as("%s = %s, and %s says the same", metric.getKey(), value, variable).isTrue();
      compared++;
    }
    assertThat(compared).as("metrics compared with their variables").isGreaterThan(20);
  }
}
