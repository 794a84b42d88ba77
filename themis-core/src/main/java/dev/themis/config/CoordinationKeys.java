package dev.themis.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.themis.spi.CoordinationProvider.Coordination;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The global {@code coordination} section, for several replicas of one host sharing the resources:
 * {@code coordination: { engine: jdbc, lease: 30s, renew: 10s, host_id: host-a }}. Absent: a single host, no leases.
 */
public final class CoordinationKeys {
  private CoordinationKeys() {}

  /** The section, as the configuration document writes it (a map; kept as JSON text like every nested value). */
  public static final ConfigKey<String> COORDINATION = ConfigKey.string("coordination", null,
      "Several replicas, one actor per resource: { engine: jdbc, lease: 30s, renew: 10s, host_id: NAME }."
          + " Absent: this host acts on every resource. See README, Running several replicas.");

  public static final ConfigKey<String> ENGINE = ConfigKey.string("engine", null,
      "The coordination engine: jdbc (themis-jdbc, the PostgreSQL of the history store).");
  public static final ConfigKey<Duration> LEASE = ConfigKey.duration("lease", Duration.ofSeconds(30),
      "How long a lease lasts unless renewed; longer than the interval between the host's tick() or coordinate()"
          + " calls.");
  public static final ConfigKey<Duration> RENEW = ConfigKey.duration("renew", Duration.ofSeconds(10),
      "Renew margin: this host stops acting on a resource this long before its lease expires.");
  public static final ConfigKey<String> HOST_ID = ConfigKey.string("host_id", null,
      "This host's unique name among the replicas (e.g. the pod name).");

  private static final List<ConfigKey<?>> KEYS = List.of(ENGINE, LEASE, RENEW, HOST_ID);

  /** The section of {@code global}, if set; every problem goes to {@code problems}. */
  public static Optional<Coordination> parse(Settings global, List<ConfigProblem> problems) {
    String raw = global.raw(COORDINATION.name());
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String path = global.pathOf(COORDINATION.name());
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(raw);
    } catch (java.io.IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      problems.add(new ConfigProblem(path, raw, "a map such as { engine: jdbc, lease: 30s, renew: 10s, host_id: a }"));
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.properties().forEach(e -> values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
        : e.getValue().toString()));
    Settings section = Settings.of(path, values);
    int before = problems.size();
    Set<String> known = Set.of(ENGINE.name(), LEASE.name(), RENEW.name(), HOST_ID.name());
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        problems.add(new ConfigProblem(section.pathOf(key), values.get(key),
            "unknown key" + Suggestions.didYouMean(key, known)));
      }
    }
    problems.addAll(section.check(KEYS));
    for (ConfigKey<String> required : List.of(ENGINE, HOST_ID)) {
      String v = values.get(required.name());
      if (v == null || v.isBlank()) {
        problems.add(new ConfigProblem(section.pathOf(required.name()), v, "required: " + required.description()));
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    Duration lease = section.get(LEASE);
    Duration renew = section.get(RENEW);
    if (lease.isZero() || renew.compareTo(lease) >= 0) {
      problems.add(new ConfigProblem(section.pathOf(RENEW.name()), values.getOrDefault(RENEW.name(),
          RENEW.defaultText()), "shorter than the lease (" + ConfigKey.formatDuration(lease) + ")"));
      return Optional.empty();
    }
    return Optional.of(new Coordination(section.get(ENGINE).trim(), lease, renew, section.get(HOST_ID).trim(),
        section));
  }
}
