package dev.themis.kinesis.internal;

import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import dev.themis.config.Settings;
import dev.themis.kinesis.KinesisKeys;
import dev.themis.spi.ResourceDiscovery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * Finds streams by name prefix and/or tags: ListStreams (every page, unlike the original), then ListTagsForStream
 * for the streams whose name matches when tags are configured. Deleting streams are skipped. The autoscaler calls
 * it once per discovery period and drops streams that are no longer found.
 */
final class StreamDiscovery implements ResourceDiscovery {
  private final Supplier<KinesisClient> kinesis;
  private final String prefix;
  private final Map<String, String> tags;
  private final String role;

  /**
   * @param kinesis the client to list with, carrying {@code role}'s credentials when it is not blank
   * @param role the role the streams found are managed under ({@code role_to_assume}); blank: the host's
   */
  StreamDiscovery(Supplier<KinesisClient> kinesis, String prefix, Map<String, String> tags, String role) {
    this.kinesis = kinesis;
    this.prefix = prefix == null ? "" : prefix;
    this.tags = tags == null ? Map.of() : tags;
    this.role = role == null ? "" : role.trim();
  }

  @Override
  public Collection<ResourceSpec> discover(Instant now) {
    KinesisClient k = kinesis.get();
    List<ResourceSpec> out = new ArrayList<>();
    String token = null;
    String last = null;
    do {
      String t = token;
      String l = last;
      ListStreamsResponse r = k.listStreams(b -> {
        if (t != null) {
          b.nextToken(t);
        } else if (l != null) {
          b.exclusiveStartStreamName(l);
        }
      });
      List<String> names = new ArrayList<>();
      Map<String, StreamStatus> status = new HashMap<>();
      if (!r.streamSummaries().isEmpty()) {
        for (StreamSummary s : r.streamSummaries()) {
          names.add(s.streamName());
          status.put(s.streamName(), s.streamStatus());
        }
      } else {
        names.addAll(r.streamNames());
      }
      for (String name : names) {
        last = name;
        if (!name.startsWith(prefix) || status.get(name) == StreamStatus.DELETING || !hasTags(k, name)) {
          continue;
        }
        out.add(new ResourceSpec(ResourceId.of(KinesisKeys.TYPE, name), role.isEmpty()
            ? Settings.empty(KinesisKeys.TYPE + "." + name)
            : Settings.of(KinesisKeys.TYPE + "." + name, Map.of("role_to_assume", role))));
      }
      token = r.nextToken();
      if (!Boolean.TRUE.equals(r.hasMoreStreams())) {
        break;
      }
    } while (true);
    return out;
  }

  private boolean hasTags(KinesisClient k, String name) {
    if (tags.isEmpty()) {
      return true;
    }
    Map<String, String> found = new HashMap<>();
    String start = null;
    boolean more;
    do {
      String s = start;
      var r = k.listTagsForStream(b -> b.streamName(name).exclusiveStartTagKey(s));
      for (Tag tag : r.tags()) {
        found.put(tag.key(), tag.value());
        start = tag.key();
      }
      more = Boolean.TRUE.equals(r.hasMoreTags()) && !r.tags().isEmpty();
    } while (more);
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (!e.getValue().equals(found.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
