package dev.themis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 11: failures without a message were reported as a bare class name ("StackOverflowError") or as
 * "failed: null". The description says what happened, or where the message is.
 */
class MessagelessFailuresAreDescribedTest {

  @Test
  void aStackOverflowSaysWhatItMeans() {
    assertThat(Autoscaler.describe(new StackOverflowError()))
        .isEqualTo("StackOverflowError: the call recursed too deeply (a plugin, or input nested too deeply)");
  }

  @Test
  void aWrapperWithoutAMessageShowsItsCause() {
    assertThat(Autoscaler.describe(new RuntimeException(new java.net.ConnectException("Connection refused"))))
        .isEqualTo("RuntimeException: java.net.ConnectException: Connection refused");
    assertThat(Autoscaler.describe(new IllegalStateException((String) null, new IOException())))
        .isEqualTo("IllegalStateException caused by IOException (no message)");
    assertThat(Autoscaler.describe(new UncheckedIOException("GET x failed: connection refused", new IOException())))
        .isEqualTo("UncheckedIOException: GET x failed: connection refused");
  }
}
