package dev.themis.testkit.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The pagination tokens of the simulated Kinesis. A {@code ListShards} token carries the stream, the next position,
 * when it was issued (it expires) and the request's shard filter, so that it is sent without a stream name, as on
 * AWS; a {@code ListStreams} token carries the next position.
 */
final class KinesisTokens {
  private KinesisTokens() {}

  /** The fields of a {@code ListShards} token. */
  record ShardsToken(String stream, int next, Instant issued, String filter, String shard, Instant time) {}

  static String encodeShards(String stream, int next, Instant issued, String filter, String shard, Instant time) {
    String raw = String.join("\n", stream, Integer.toString(next), Long.toString(issued.toEpochMilli()),
        filter == null ? "" : filter, shard == null ? "" : shard,
        time == null ? "" : Long.toString(time.toEpochMilli()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static ShardsToken decodeShards(String token) {
    try {
      String[] t = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
      if (t.length != 6) {
        throw new IllegalArgumentException("fields");
      }
      return new ShardsToken(t[0], Integer.parseInt(t[1]), Instant.ofEpochMilli(Long.parseLong(t[2])),
          t[3].isEmpty() ? null : t[3], t[4].isEmpty() ? null : t[4],
          t[5].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(t[5])));
    } catch (IllegalArgumentException e) {
      throw KinesisErrors.invalidArgument("NextToken '" + token + "' is not valid.");
    }
  }

  static String encodeStreams(int next) {
    return Base64.getUrlEncoder().encodeToString(Integer.toString(next).getBytes(StandardCharsets.UTF_8));
  }

  static int decodeStreams(String token) {
    try {
      return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw KinesisErrors.invalidArgument("NextToken is not valid.");
    }
  }
}
