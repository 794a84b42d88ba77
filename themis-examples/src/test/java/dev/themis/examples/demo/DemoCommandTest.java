package dev.themis.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.examples.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int demo(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("demo"));
    all.addAll(List.of(args));
    return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path dayTrace() throws IOException {
    return DemoFixture.dayTrace(dir);
  }

  @Test
  void replaysATraceThroughBothProvidersAndWritesTheReport() throws IOException {
    // when
    int code = demo("--trace", dayTrace().toString(), "--out", dir.resolve("out").toString(), "--days", "1");
    // then
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("replaying [", "100%", "emr:j-", "(predictive)", "kinesis:clickstream", "report: ");
    String html = Files.readString(dir.resolve("out/report.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Summary</h2>", "day.csv");
    assertThat(html.split("<svg", -1)).hasSize(4); // one chart per resource and policy, inline
    assertThat(html).doesNotContain("http://cdn", "<script");
    assertThat(Files.readString(dir.resolve("out/emr-timeline.csv"))).startsWith("step,");
    assertThat(html).contains("applied "); // the autoscaler acted on both the rise and the fall
    // each action says what its expression read; held decisions are counted by what held them
    assertThat(html).containsPattern("(upscale_expr|downscale_expr) = \\d+: tasknodes\\.")
        .contains("<h3>Held decisions</h3>");
    // Every tick of every run went to its embedded database; a second demo starts from empty ones.
    for (int run = 0; run < 2; run++) {
      if (run == 1) {
        assertThat(demo("--trace", dayTrace().toString(), "--out", dir.resolve("out").toString(), "--days", "1"))
            .isZero();
      }
      for (String name : List.of("emr", "emr-predictive", "kinesis")) {
        try (dev.themis.jdbc.JdbcHistoryStore h =
            dev.themis.jdbc.JdbcHistoryStore.embedded(dir.resolve("out/history-" + name))) {
          assertThat(h.resources()).hasSize(1);
          h.resources().forEach(id -> assertThat(h.latest(id, 1000)).hasSize(480)); // 1 day, every 3 minutes
        }
      }
    }
  }

  @Test
  void replaysTheBundledNasaTraceReport() {
    DemoReport report = DemoCommand.replay(DemoCommand.bundled(), true, 1,
        name -> dev.themis.history.InMemoryHistoryStore.withDefaults(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(report.runs()).hasSize(3);
    assertThat(report.runs().get(1).title()).contains("predictive");
    assertThat(report.runs().get(1).policy()).contains("policy=predictive");
    for (DemoReport.Run r : report.runs()) {
      assertThat(r.failures()).as("failed ticks of %s", r.id()).isZero();
      assertThat(r.replay().totalActions()).as("actions of %s", r.id()).isPositive();
      // every kind of hold other than the policy's own "no change" is named by its guard, in the guard's words
      assertThat(r.held().kinds()).filteredOn(k -> !k.name().equals(HeldDecisions.NO_CHANGE))
          .allSatisfy(k -> assertThat(k.example())
              .containsPattern("(^|; )(in flight|cooldown|pause|bounds|max step|tolerance|missing metrics"
                  + "|scale-down stabilisation|not acting)[: ]"));
    }
    assertThat(report.summaryTable()).contains("1440 minutes of 'traces/nasa_http_jul1995_1min.csv' from Mon 1995-07-03"
        + " 00:00 (America/New_York)");
  }

  @Test
  void withConsoleItServesEachAutoscalerUntilTheInputEnds() throws IOException {
    // given an input that, once the demo waits on it, reads the console the demo printed, then ends
    List<String> seen = new java.util.ArrayList<>();
    java.io.InputStream stdin = new java.io.InputStream() {
      @Override
      public int read() throws IOException {
        String printed = out.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("console \\(Kinesis stream\\): (http://127\\.0\\.0\\.1:\\d+/)")
            .matcher(printed);
        if (m.find()) {
          java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
          try {
            seen.add(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1) + "api/v1/resources"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return -1;
      }
    };
    // when
    int code = new DemoCommand(stdin).run(List.of("--trace", dayTrace().toString(), "--out",
        dir.resolve("out").toString(), "--days", "1", "--console"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    // then
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("console (EMR cluster): http://127.0.0.1:",
        "#/r/emr/j-", "console token", "press Enter to stop");
    assertThat(seen).singleElement().asString().contains("\"id\":\"kinesis:clickstream\"");
  }

  @Test
  void badCommandLinesGetAClearErrorAndExitCode2() {
    assertThat(demo("--colour")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo: unknown option '--colour'", "usage: demo");
    err.reset();
    assertThat(demo("--days", "9")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--days expects a whole number from 1 to 7, was '9'");
    err.reset();
    assertThat(demo("--trace", dir.resolve("missing.csv").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo: cannot read trace", "missing.csv");
    err.reset();
    assertThat(demo("--trace")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --trace needs a value");
    err.reset();
    assertThat(demo("--console", "--console-port", "http")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--console-port expects a port from 1 to 65534, was 'http'");
  }
}
