package dev.themis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.themis.Autoscaler;
import dev.themis.TickReport;
import dev.themis.config.ThemisConfig;
import dev.themis.examples.docs.ConfigReference;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.themis.jdbc.JdbcHistoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;

/** Keeps the README honest: its embedding example compiles here verbatim, and its reference is generated. */
class ReadmeTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path README = ROOT.resolve("README.md");

  /** The README's embedding example, verbatim between the markers; compiled as part of this test. */
  @SuppressWarnings("unused")
  static ScheduledExecutorService embedding(EmrClient emr) {
    // readme:start
    Autoscaler autoscaler = Autoscaler.builder()
        .configuration(ThemisConfig.load(Path.of("themis.yaml"))) // or the original's themis.config.json
        .component(EmrClient.class, emr)                           // optional: else built from the default chain
        .build();                                                  // validates everything, reports every problem
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleWithFixedDelay(() -> {
      TickReport report = autoscaler.tick();                       // never throws for AWS or plugin failures
      report.failures().forEach(f -> System.err.println(f.resource() + ": " + f.reasons()));
    }, 0, 3, TimeUnit.MINUTES);
    // readme:end
    return scheduler;
  }

  /** The README's durable-state example, verbatim between the markers. */
  @SuppressWarnings("unused")
  static Autoscaler durable() {
    // durable:start
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl("jdbc:postgresql://db.internal:5432/themis");    // the host's pool, user and password
    JdbcHistoryStore store = JdbcHistoryStore.create(new HikariDataSource(pool)); // creates the schema if missing
    Autoscaler autoscaler = Autoscaler.builder()
        .configuration(ThemisConfig.load(Path.of("themis.yaml")))
        .history(store)                                              // outcomes and each resource's memory
        .build();                                                    // recovers every resource from the store
    // One host, no server: .history(JdbcHistoryStore.embedded(Path.of("/var/lib/themis/history")))
    // durable:end
    return autoscaler;
  }

  @Test
  void theDurableStateExampleIsTheCodeCompiledHere() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("## Durable state\\s+.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README has a java block under '## Durable state'").isTrue();
    String source = Files.readString(
        Path.of("src/test/java/dev/themis/examples/ReadmeTest.java"), StandardCharsets.UTF_8);
    String compiled = source.substring(source.indexOf("// durable:start\n") + "// durable:start\n".length(),
        source.indexOf("    // durable:end"));
    assertThat(normalise(block.group(1))).isEqualTo(normalise(compiled));
  }

  @Test
  void theEmbeddingExampleIsTheCodeCompiledHere() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("## Embedding\\s+```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README has a java block under '## Embedding'").isTrue();
    String source = Files.readString(
        Path.of("src/test/java/dev/themis/examples/ReadmeTest.java"), StandardCharsets.UTF_8);
    String compiled = source.substring(source.indexOf("// readme:start\n") + "// readme:start\n".length(),
        source.indexOf("    // readme:end"));
    assertThat(normalise(block.group(1))).isEqualTo(normalise(compiled));
    assertThat(block.group(1).lines().count()).as("the example fits in 15 lines").isLessThanOrEqualTo(15);
  }

  @Test
  void theEmbeddingConfigurationIsValid() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("## Embedding.*?```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README has a yaml block under '## Embedding'").isTrue();
    Autoscaler autoscaler = Autoscaler.builder().configuration(ThemisConfig.parse(block.group(1))).build();
    assertThat(autoscaler.resources()).extracting(Object::toString)
        .containsExactly("emr:j-2AXXXXXXGAPLF", "kinesis:clickstream");
  }

  @Test
  void theConfigurationReferenceIsGeneratedFromTheCode() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("themis.readme.update")) {
      Files.writeString(README, ConfigReference.replaceSection(readme, ConfigReference.generate()),
          StandardCharsets.UTF_8);
      readme = Files.readString(README, StandardCharsets.UTF_8);
    }
    assertThat(ConfigReference.section(readme))
        .as("README configuration reference; regenerate with: mvn -B -ntp verify -pl themis-examples -am"
            + " -Dtest=ReadmeTest -Dsurefire.failIfNoSpecifiedTests=false -Dthemis.readme.update=true")
        .isEqualTo(ConfigReference.generate());
  }

  private static String normalise(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
  }
}
