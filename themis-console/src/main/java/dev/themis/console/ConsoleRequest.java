package dev.themis.console;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the console sees it, independent of the server that received it (so a host can mount
 * {@link ConsoleHandler} in the server it already runs).
 *
 * @param method the HTTP method, upper case
 * @param path the raw (still percent-encoded) path relative to where the console is mounted, starting with
 *     {@code /}
 * @param rawQuery the raw query string without {@code ?}, or null
 * @param headers header values by name; looked up case-insensitively
 * @param body the request body, at most {@link ConsoleOptions#maxRequestBytes()} bytes
 * @param remote the peer's address, or null if the server does not know it
 */
public record ConsoleRequest(
    String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body, InetAddress remote) {
  public ConsoleRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Objects.requireNonNull(headers, "headers").forEach((k, v) -> h.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
    body = body == null ? new byte[0] : body.clone();
    method = method.toUpperCase(Locale.ROOT);
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** True for the methods that may change something: everything but GET, HEAD and OPTIONS. */
  public boolean mutating() {
    return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
  }
}
