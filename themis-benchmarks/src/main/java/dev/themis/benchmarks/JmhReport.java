package dev.themis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns JMH's JSON results into the Markdown tables of BENCHMARK.md §2. */
public final class JmhReport {
  private JmhReport() {}

  record Row(String benchmark, String method, String params, double score, double error, String unit,
      double allocBytes, int forks, int warmup, String warmupTime, int iterations, String measurementTime) {}

  static List<Row> rows(String json) {
    try {
      List<Row> rows = new ArrayList<>();
      for (JsonNode n : new ObjectMapper().readTree(json)) {
        String bench = n.get("benchmark").asText();
        String cls = bench.substring(0, bench.lastIndexOf('.'));
        String method = bench.substring(bench.lastIndexOf('.') + 1);
        StringBuilder params = new StringBuilder();
        if (n.has("params")) {
          n.get("params").properties().forEach(e -> params.append(params.length() == 0 ? "" : ", ")
              .append(e.getKey()).append('=').append(e.getValue().asText()));
        }
        JsonNode pm = n.get("primaryMetric");
        JsonNode alloc = n.path("secondaryMetrics").path("gc.alloc.rate.norm");
        rows.add(new Row(cls.substring(cls.lastIndexOf('.') + 1), method, params.toString(),
            pm.get("score").asDouble(), pm.path("scoreError").asDouble(Double.NaN), pm.get("scoreUnit").asText(),
            alloc.isMissingNode() ? Double.NaN : alloc.get("score").asDouble(), n.path("forks").asInt(),
            n.path("warmupIterations").asInt(), n.path("warmupTime").asText(), n.path("measurementIterations").asInt(),
            n.path("measurementTime").asText()));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JMH results: " + e.getMessage(), e);
    }
  }

  public static String markdown(String json) {
    List<Row> rows = rows(json);
    StringBuilder b = new StringBuilder("# Cost of deciding (BENCHMARK.md §2)\n\n");
    Runtime rt = Runtime.getRuntime();
    b.append(String.format(Locale.ROOT, "Measured with JMH 1.37 on %s %s (%s), %d cores, Java %s (%s), GC profiler "
        + "on. Short runs (per class below) on a machine shared with other work: read the ± columns (99.9 %% "
        + "confidence; NaN with a single iteration).%n%n", System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("os.arch"), rt.availableProcessors(),
        System.getProperty("java.version"), System.getProperty("java.vm.name")));
    rows.stream().map(r -> r.benchmark() + ": " + r.forks() + " fork(s), " + r.warmup() + " × " + r.warmupTime()
        + " warm-up, " + r.iterations() + " × " + r.measurementTime() + " measured").distinct()
        .forEach(line -> b.append("- ").append(line).append('\n'));
    b.append('\n');

    List<String> order = List.of("javaLambda", "themisCompiled", "spelCompiled", "spelInterpreted", "cel");
    List<Row> expr = rows.stream().filter(r -> r.benchmark().equals("ExpressionBenchmark"))
        .sorted(java.util.Comparator.comparingInt(r -> order.indexOf(r.method()))).toList();
    if (!expr.isEmpty()) {
      double lambda = expr.stream().filter(r -> r.method().equals("javaLambda")).mapToDouble(Row::score)
          .findFirst().orElse(Double.NaN);
      b.append("## Evaluating the original default `upscale_expr`\n\n");
      b.append("| engine | ns/op | ± | ratio to the lambda | bytes/op |\n|---|--:|--:|--:|--:|\n");
      for (Row r : expr) {
        b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f× | %.0f |%n", r.method(), r.score(),
            r.error(), r.score() / lambda, r.allocBytes()));
      }
      b.append('\n');
    }
    List<Row> compile = rows.stream().filter(r -> r.benchmark().equals("CompileBenchmark")).toList();
    if (!compile.isEmpty()) {
      b.append("## Compiling an expression (configuration load and reload)\n\n");
      b.append("| case | time/op | ± | unit | bytes/op |\n|---|--:|--:|---|--:|\n");
      for (Row r : compile) {
        b.append(String.format(Locale.ROOT, "| %s%s | %.2f | %.2f | %s | %.0f |%n", r.method(),
            r.params().isEmpty() ? "" : " (" + r.params() + ")", r.score(), r.error(), r.score() < 0 ? "" : r.unit(),
            r.allocBytes()));
      }
      b.append('\n');
    }
    List<Row> tick = rows.stream().filter(r -> r.benchmark().equals("TickBenchmark")).toList();
    if (!tick.isEmpty()) {
      b.append("## `tick()` on in-memory monitors and executors (steady state: every policy holds)\n\n");
      b.append("| resources | µs/tick | ± | µs per resource | bytes allocated per tick | bytes per resource |\n"
          + "|--:|--:|--:|--:|--:|--:|\n");
      for (Row r : tick) {
        int n = Integer.parseInt(r.params().replaceAll(".*resources=(\\d+).*", "$1"));
        double us = r.unit().startsWith("us") ? r.score() : Double.NaN;
        b.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.3f | %.0f | %.0f |%n", n, us, r.error(), us / n,
            r.allocBytes(), r.allocBytes() / n));
      }
      b.append('\n');
    }
    b.append("## All results\n\n| benchmark | params | score | ± | unit | bytes/op |\n|---|---|--:|--:|---|--:|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s.%s | %s | %.3f | %.3f | %s | %.0f |%n", r.benchmark(), r.method(),
          r.params(), r.score(), r.error(), r.unit(), r.allocBytes()));
    }
    return b.toString();
  }
}
