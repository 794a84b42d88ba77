/**
 * The web console, its REST API and live reconfiguration ({@link dev.themis.console.ThemisConsole}) on the JDK's
 * HTTP server, and a Micrometer binder ({@link dev.themis.console.metrics.ThemisMetrics}). Micrometer is optional:
 * only {@code dev.themis.console.metrics} needs it.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Micrometer ships no module descriptor (it names its module)
module dev.themis.console {
  requires transitive dev.themis.core;
  requires transitive jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive micrometer.core;

  exports dev.themis.console;
  exports dev.themis.console.metrics;
}
