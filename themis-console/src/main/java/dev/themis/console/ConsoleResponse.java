package dev.themis.console;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What the console answers: a status, a content type, extra headers and a body.
 *
 * @param status the HTTP status code
 * @param contentType the body's media type
 * @param headers extra headers (security headers are added by {@link ConsoleHandler} to every response)
 * @param body the body bytes
 */
public record ConsoleResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
  public ConsoleResponse {
    Objects.requireNonNull(contentType, "contentType");
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  static ConsoleResponse of(int status, String contentType, String body) {
    return new ConsoleResponse(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  ConsoleResponse withHeaders(Map<String, String> more) {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(more);
    all.putAll(headers);
    return new ConsoleResponse(status, contentType, all, body);
  }
}
