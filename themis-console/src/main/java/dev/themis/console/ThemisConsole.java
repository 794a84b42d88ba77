package dev.themis.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.themis.Autoscaler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Themis console on the JDK's own HTTP server ({@code com.sun.net.httpserver}): no dependency beyond the JDK,
 * so it cannot clash with the host's web stack. One call beside the autoscaler:
 *
 * <pre>{@code
 * ThemisConsole console = ThemisConsole.start(autoscaler, ConsoleOptions.builder().port(8080).token(secret).build());
 * System.out.println("console at " + console.address());
 * ...
 * console.close();
 * }</pre>
 *
 * <p>The server runs on two threads of its own (the console's only threads; the autoscaler still starts none).
 * Hosts that already run an HTTP server mount {@link #handler(Autoscaler, ConsoleOptions)} instead, or
 * {@link #httpHandler(ConsoleHandler, int)} in an {@link HttpServer} of their own.
 */
public final class ThemisConsole implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final URI address;

  private ThemisConsole(HttpServer server, ExecutorService threads, URI address) {
    this.server = server;
    this.threads = threads;
    this.address = address;
  }

  /**
   * Starts serving the console of {@code autoscaler}.
   *
   * @throws IOException if the address cannot be bound (e.g. the port is taken)
   */
  public static ThemisConsole start(Autoscaler autoscaler, ConsoleOptions options) throws IOException {
    ConsoleHandler handler = handler(autoscaler, options);
    HttpServer server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 16);
    server.createContext("/", httpHandler(handler, options.maxRequestBytes()));
    ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "themis-console");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.start();
    String host = options.bindAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return new ThemisConsole(server, threads, URI.create("http://" + host + ":" + server.getAddress().getPort() + "/"));
  }

  /** The server-neutral handler, for hosts that mount the console in their own server. */
  public static ConsoleHandler handler(Autoscaler autoscaler, ConsoleOptions options) {
    return new ConsoleHandler(autoscaler, options);
  }

  /**
   * An adapter of {@code handler} to the JDK's {@link HttpHandler}, reading at most {@code maxRequestBytes} of a
   * body (a longer one is answered 413 without reading the rest).
   */
  public static HttpHandler httpHandler(ConsoleHandler handler, int maxRequestBytes) {
    Objects.requireNonNull(handler, "handler");
    return exchange -> {
      try (exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        byte[] body;
        try {
          long declared = length == null ? -1 : Long.parseLong(length.trim());
          body = declared > maxRequestBytes ? null : readAtMost(exchange.getRequestBody(), maxRequestBytes);
        } catch (NumberFormatException e) {
          send(exchange, ConsoleHandler.json(400, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode().put("error", "Content-Length: expected a number, was '" + length + "'")
              .put("status", 400)));
          return;
        }
        if (body == null) {
          exchange.getResponseHeaders().add("Connection", "close");
          send(exchange, ConsoleHandler.json(413, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode().put("error", "request body: at most " + maxRequestBytes + " bytes, was "
                  + (length == null ? "more" : length)).put("status", 413)));
          return;
        }
        URI uri = exchange.getRequestURI();
        // Relative to the context the host mounted the handler at, e.g. /themis/ -> /.
        String context = exchange.getHttpContext().getPath();
        String path = uri.getRawPath();
        if (!context.equals("/") && path.startsWith(context)) {
          path = path.substring(context.endsWith("/") ? context.length() - 1 : context.length());
        }
        if (!path.startsWith("/")) {
          path = "/" + path;
        }
        ConsoleRequest req = new ConsoleRequest(exchange.getRequestMethod(), path, uri.getRawQuery(),
            exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress());
        send(exchange, handler.handle(req));
      }
    };
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static void send(HttpExchange exchange, ConsoleResponse r) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", r.contentType());
    r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = r.body();
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(r.status(), head || body.length == 0 ? -1 : body.length);
    if (!head) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  /** Where the console is served, e.g. {@code http://127.0.0.1:8080/}. */
  public URI address() {
    return address;
  }

  /** Stops the server and its threads; requests under way get up to a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    threads.shutdown();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
