package dev.themis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, items 8 and 10: duplicate keys loaded (last wins, so {@code "upscale_expr": "System.exit(3)"} could hide
 * behind a harmless twin), only the first YAML document was read, a file that is not UTF-8 threw
 * UncheckedIOException, and documents of any size were parsed (an 8 MB YAML scalar took 26 s). Each is a
 * configuration error naming the file or key.
 */
class ConfigurationThatMustBeRejectedTest {

  @Test
  void duplicateKeysInJsonAreRejected() {
    assertThatThrownBy(() -> ThemisConfig.parse(
        "{\"emr\": {\"j-1\": {\"upscale_expr\": \"System.exit(3)\", \"upscale_expr\": \"1\"}}}"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Duplicate field 'upscale_expr'");
  }

  @Test
  void duplicateKeysInYamlAreRejected() {
    assertThatThrownBy(() -> ThemisConfig.parse("""
        resources:
          emr:
            j-1:
              upscale_expr: "System.exit(3)"
              upscale_expr: "1"
        """))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Duplicate field 'upscale_expr'")
        .hasMessageContaining("at line 5");
  }

  @Test
  void aSecondYamlDocumentIsRejected() {
    assertThatThrownBy(() -> ThemisConfig.parse("""
        resources:
          emr:
            j-1: { max_capacity: 4 }
        ---
        resources:
          emr:
            j-1: { max_capacity: 400 }
        """))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("<text>: expected a single YAML or JSON document; found more than one");
  }

  @Test
  void aFileThatIsNotUtf8IsAConfigurationError(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("themis.yaml");
    Files.write(f, new byte[] {'s', 'e', 't', 't', 'i', 'n', 'g', 's', ':', ' ', '{', 'x', ':', ' ', (byte) 0xE9, '}'});
    assertThatThrownBy(() -> ThemisConfig.load(f))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(f + ": expected UTF-8 text");
  }

  @Test
  void oversizedDocumentsAreRejectedBeforeParsing(@TempDir Path dir) throws IOException {
    String scalar = "x".repeat(ThemisConfig.MAX_DOCUMENT_CHARS);
    assertThatThrownBy(() -> ThemisConfig.parse("settings: { note: \"" + scalar + "\" }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("<text>: expected a configuration document of at most 1048576 characters");
    Path f = dir.resolve("big.yaml");
    Files.writeString(f, "settings: { note: \"" + scalar + "\" }");
    assertThatThrownBy(() -> ThemisConfig.load(f))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("expected a configuration file of at most 1048576 bytes");
  }

  @Test
  void tooManyResourcesAreRejected() {
    StringBuilder yaml = new StringBuilder("resources:\n  kinesis:\n");
    for (int i = 0; i <= ThemisConfig.MAX_RESOURCES; i++) {
      yaml.append("    s").append(i).append(": {}\n");
    }
    assertThatThrownBy(() -> ThemisConfig.parse(yaml.toString()))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).singleElement()
            .hasToString("resources.kinesis.s5000: expected at most 5000 resources in one document"));
  }

  @Test
  void overflowingAndNonsenseDurationsAreRejected() {
    for (String text : new String[] {"9223372036854775807s", "106751991167300d", "99999999999999999999s", "3651d",
        "P10000D"}) {
      assertThatThrownBy(() -> ConfigKey.parseDuration(text), text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("expected a duration from 0 to 3650d (10 years)");
    }
    assertThat(ConfigKey.parseDuration("3650d")).isEqualTo(ConfigKey.MAX_DURATION);
  }
}
