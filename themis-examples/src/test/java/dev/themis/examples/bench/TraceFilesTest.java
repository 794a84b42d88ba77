package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceFilesTest {
  private static TraceFiles.MinuteTrace parse(String csv) throws IOException {
    return TraceFiles.parse(csv, "t.csv", "t");
  }

  @Test
  void holdsEachValueUntilTheNextSample() throws IOException {
    // a 5-minute step and an irregular gap: the value held at the start of each minute
    TraceFiles.MinuteTrace t = parse("timestamp_seconds,value\n0,1\n300,2\n330,3\n420,4\n");
    assertThat(t.values()).containsExactly(1, 1, 1, 1, 1, 2, 3, 4);
  }

  @Test
  void acceptsNoHeaderCommentsAndBlankLines() throws IOException {
    assertThat(parse("# comment\n\n0,5\n60.0,6\n").values()).containsExactly(5, 6);
  }

  @Test
  void rejectsBadLinesWithFileAndLine() {
    assertThatThrownBy(() -> parse("timestamp_seconds,value\n0,1\n0,2\n")).hasMessageContaining("t.csv:3")
        .hasMessageContaining("increase");
    assertThatThrownBy(() -> parse("0,1\n60,-1\n")).hasMessageContaining("t.csv:2").hasMessageContaining(">= 0");
    assertThatThrownBy(() -> parse("0,1,2\n")).hasMessageContaining("2 comma-separated fields");
    assertThatThrownBy(() -> parse("timestamp_seconds,value\n")).hasMessageContaining("no samples");
  }

  @Test
  void theBundledTraceIsTheNasaTrace() {
    TraceFiles.MinuteTrace t = TraceFiles.bundledNasa();
    assertThat(t.values()).hasSize(39_692);
    assertThat(t.name()).isEqualTo("nasa_http_jul1995_1min");
  }
}
