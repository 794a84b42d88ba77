package dev.themis.examples.bench;

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

/** The command line: errors name the option or path and exit with 2; a small trace runs end to end. */
class BenchCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'frobnicate'").contains("bench");
  }

  @Test
  void unknownOptionIsNamed() {
    assertThat(run("bench", "quality", "--trace-file", "x.csv")).isEqualTo(2);
    assertThat(err()).contains("unknown option '--trace-file'");
  }

  @Test
  void sensitivityRejectsUnknownArgumentsNamingThem() {
    assertThat(run("bench", "sensitivity", "--fast")).isEqualTo(2);
    assertThat(err()).contains("bench sensitivity", "[--out DIR]", "--fast");
  }

  @Test
  void theFrontierSweepNamesEveryPredictiveSettingAfterItsShortfall() {
    List<String> names = Contenders.all().stream().map(Contender::name).toList();
    assertThat(names).contains("predictive", "predictive-0.01", "predictive-0.4", "hpa-0.5", "themis-load-0.65",
        "maxwin-30-20");
    assertThat(names).doesNotHaveDuplicates();
    assertThat(Contenders.family("predictive-0.05")).isEqualTo("predictive");
    assertThat(Contenders.family("static-peak")).isNull();
  }

  @Test
  void missingValueIsNamed() {
    assertThat(run("bench", "quality", "--out")).isEqualTo(2);
    assertThat(err()).contains("--out needs a value");
  }

  @Test
  void unreadableTraceIsNamed() {
    Path missing = dir.resolve("no-such-trace.csv");
    assertThat(run("bench", "quality", "--trace", missing.toString())).isEqualTo(2);
    assertThat(err()).contains(missing.toString()).contains("not a readable file");
  }

  @Test
  void malformedTraceNamesFileAndLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "timestamp_seconds,value\n0,1\n60,abc\n");
    assertThat(run("bench", "quality", "--trace", bad.toString())).isEqualTo(2);
    assertThat(err()).contains(bad + ":3").contains("abc");
  }

  @Test
  void theCloudPathDrivesTheProvidersAgainstTheSimulatedClouds() throws IOException {
    StringBuilder csv = new StringBuilder("timestamp_seconds,value\n");
    for (int m = 0; m < 150; m++) {
      csv.append(m * 60).append(',').append(m < 90 ? 20 : 120).append('\n'); // a step up after the warm-up
    }
    Path trace = Files.writeString(dir.resolve("step.csv"), csv);
    Path outDir = dir.resolve("cloud");
    assertThat(run("bench", "quality", "--trace", trace.toString(), "--out", outDir.toString(), "--threads", "1",
        "--path", "cloud", "--policy", "oracle", "--policy", "hpa-0.7", "--policy", "original"))
        .as(err())
        .isZero();
    List<String> rows = Files.readAllLines(outDir.resolve("quality.csv"));
    assertThat(rows).hasSize(1 + 2 * 3 * 3);
    // the tracker reacted to the step on every profile: it made scaling calls
    assertThat(rows).filteredOn(r -> r.contains(",hpa-0.7,")).allSatisfy(r -> {
      String[] f = r.split(",");
      assertThat(Long.parseLong(f[17])).as("actions in %s", r).isPositive();
    });
  }

  @Test
  void unknownPathIsNamed() {
    assertThat(run("bench", "quality", "--path", "moon")).isEqualTo(2);
    assertThat(err()).contains("--path").contains("moon");
  }

  @Test
  void unknownBenchSubcommandIsAUsageError() {
    assertThat(run("bench", "speed")).isEqualTo(2);
    assertThat(err()).contains("unknown subcommand 'speed'");
  }

  @Test
  void aSmallTraceRunsEndToEndAndWritesEveryReport() throws IOException {
    StringBuilder csv = new StringBuilder("timestamp_seconds,value\n");
    for (int m = 0; m < 300; m++) {
      csv.append(m * 60).append(',').append(50 + 40 * Math.sin(m / 20.0) + (m % 7)).append('\n');
    }
    Path trace = Files.writeString(dir.resolve("wave.csv"), csv);
    Path outDir = dir.resolve("out");
    assertThat(run("bench", "quality", "--trace", trace.toString(), "--out", outDir.toString(), "--threads", "1",
        "--path", "memory"))
        .as(err())
        .isZero();
    List<String> rows = Files.readAllLines(outDir.resolve("quality.csv"));
    int perWorkload = Contenders.all().size() * 3; // three profiles
    assertThat(rows).hasSize(1 + 2 * perWorkload); // header + two scales
    assertThat(rows.get(0)).isEqualTo(QualityReport.CSV_HEADER);
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("wave,mean=10,").contains(",oracle,"));
    assertThat(Files.readString(outDir.resolve("quality.md"))).contains("## wave").contains("Cost/Cost*");
    assertThat(Files.readString(outDir.resolve("quality-wave.svg"))).startsWith("<svg").doesNotContain("<script");
  }
}
