package dev.themis.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Says who makes a mutating request, or that nobody may. The console calls it for every request that may change
 * something (configuration, pause, dry run); reads need no credential. A credential must come in a header, never a
 * cookie alone, so that a cross-site form or image cannot carry it.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * The name of the principal (recorded with every configuration change, e.g. {@code token:ops}), or empty to
   * refuse the request with 401.
   */
  Optional<String> authenticate(ConsoleRequest request);

  /**
   * Bearer tokens by principal name: a request with {@code Authorization: Bearer <token>} is made by
   * {@code token:<name>}. Tokens are compared in constant time.
   *
   * @throws IllegalArgumentException if a token is shorter than 16 characters or two names share one
   */
  static Authenticator tokens(Map<String, String> tokensByName) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(tokensByName, "tokensByName"));
    copy.forEach((name, token) -> {
      if (token.length() < 16) {
        throw new IllegalArgumentException("token of '" + name + "': must be at least 16 characters, was "
            + token.length());
      }
    });
    if (copy.values().stream().distinct().count() != copy.size()) {
      throw new IllegalArgumentException("tokens: each principal needs its own token, two share one");
    }
    return request -> {
      String auth = request.header("Authorization").orElse("");
      if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Optional.empty();
      }
      byte[] given = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      String who = null;
      for (Map.Entry<String, String> e : copy.entrySet()) {
        if (MessageDigest.isEqual(given, e.getValue().getBytes(StandardCharsets.UTF_8))) {
          who = e.getKey();
        }
      }
      return Optional.ofNullable(who).map(n -> "token:" + n);
    };
  }

  /** One bearer token, for the principal {@code token:operator}. */
  static Authenticator token(String token) {
    return tokens(Map.of("operator", token));
  }
}
