package dev.themis.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.themis.ResourceId;
import dev.themis.ResourceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed configuration document: global settings and the resources to manage. Two layouts are read.
 *
 * <p>Themis layout (YAML or JSON):
 *
 * <pre>{@code
 * settings:                 # global
 *   time_zone: Europe/Berlin
 * defaults:                 # per resource type, applied under every resource of that type
 *   emr: { scale_down_cooldown: 10m }
 * resources:
 *   emr:
 *     j-2AXXXXXXGAPLF: { max_capacity: 40, upscale_expr: "3 if tasknodes.average.cpu > 0.7 else 0" }
 *   kinesis:
 *     clickstream: { max_capacity: 64 }
 * }</pre>
 *
 * <p>The original Themis layout ({@code themis.config.json}): sections {@code general}, {@code emr},
 * {@code kinesis}, all values strings. The resources managed are those listed in
 * {@code general.autoscaling_clusters} (EMR) and {@code general.autoscaling_kinesis_streams} (Kinesis), as in the
 * original; a resource configured but not listed is reported as a warning. {@code general.monitoring_time_window}
 * (seconds) becomes every resource's {@code monitoring_window} unless set per resource.
 *
 * <p>Values are kept as text, as the original kept them; nested objects (such as a {@code time_based_scaling}
 * written as a YAML map) are kept as JSON text. Keys are validated when the autoscaler is built, against the keys
 * the core and the providers declare.
 */
public record ThemisConfig(
    Settings global, Map<String, Map<String, String>> defaults, List<ResourceSpec> resources, List<String> warnings) {

  public static final ConfigKey<ZoneId> TIME_ZONE =
      ConfigKey.zone("time_zone", "UTC", "Zone in which schedules and 'now' in expressions are interpreted.");
  public static final ConfigKey<Boolean> DRY_RUN =
      ConfigKey.bool("dry_run", false, "Decide and report for every resource, but change nothing.");
  public static final ConfigKey<Duration> DISCOVERY_PERIOD = ConfigKey.duration(
      "discovery_period", Duration.ofMinutes(5), "How often providers look for new or removed resources.");
  public static final ConfigKey<Duration> TICK_INTERVAL = ConfigKey.duration(
      "tick_interval", Duration.ofMinutes(3),
      "How often the host should call tick() (informational: the host owns the schedule; original:"
          + " scaling_loop_interval).");

  /** Global keys the core understands. */
  public static final List<ConfigKey<?>> GLOBAL_KEYS =
      List.of(TIME_ZONE, DRY_RUN, DISCOVERY_PERIOD, TICK_INTERVAL, CoordinationKeys.COORDINATION);

  /**
   * Global keys of the original that are accepted for compatibility. Those with a meaning here are translated
   * when the file is read; the others (server, database and SSH settings) are accepted with a warning.
   */
  public static final Set<String> LEGACY_GLOBAL_KEYS = Set.of(
      "ssh_keys", "db_url", "roles_to_assume", "autoscaling_clusters", "autoscaling_kinesis_streams",
      "scaling_loop_interval", "monitoring_time_window", "now", "loop_interval_secs", "monitoring_interval_secs");

  private static final Set<String> UNUSED_LEGACY = Set.of(
      "ssh_keys", "db_url", "now", "loop_interval_secs", "monitoring_interval_secs");
  /** The resource types whose resources the original managed under {@code roles_to_assume}. */
  private static final List<String> ROLE_TYPES = List.of("emr", "kinesis");
  private static final String ROLES_TO_ASSUME = "roles_to_assume";
  private static final String ROLE_TO_ASSUME = "role_to_assume";
  private static final Map<String, String> ORIGINAL_LISTS =
      Map.of("emr", "autoscaling_clusters", "kinesis", "autoscaling_kinesis_streams");

  /**
   * @param global the global section
   * @param defaults per resource type, settings applied under every resource of that type, including those found
   *     by discovery (a resource's own settings win)
   * @param resources the resources listed
   * @param warnings what was accepted but deserves attention (keys of the original that are not used, ...)
   */
  public ThemisConfig {
    Objects.requireNonNull(global, "global");
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(defaults, "defaults").forEach((type, values) -> copy.put(type, Map.copyOf(values)));
    defaults = java.util.Collections.unmodifiableMap(copy);
    resources = List.copyOf(resources);
    warnings = List.copyOf(warnings);
  }

  /** A configuration without per-type defaults. */
  public ThemisConfig(Settings global, List<ResourceSpec> resources, List<String> warnings) {
    this(global, Map.of(), resources, warnings);
  }

  public static ThemisConfig empty() {
    return new ThemisConfig(Settings.empty("settings"), List.of(), List.of());
  }

  /** Largest configuration document read, in characters (and bytes of a file): 1 MiB. */
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;
  /** Most resources one document may list. */
  public static final int MAX_RESOURCES = 5_000;

  /**
   * Reads a YAML or JSON file, which must be UTF-8 and at most {@link #MAX_DOCUMENT_CHARS} bytes.
   *
   * @throws ConfigurationException if it is too large, not UTF-8 or not a valid configuration
   * @throws UncheckedIOException if it cannot be read
   */
  public static ThemisConfig load(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_DOCUMENT_CHARS) {
        throw new ConfigurationException(new ConfigProblem(file.toString(), size + " bytes",
            "expected a configuration file of at most " + MAX_DOCUMENT_CHARS + " bytes"));
      }
      byte[] bytes = Files.readAllBytes(file);
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new ConfigurationException(new ConfigProblem(file.toString(), null,
            "expected UTF-8 text (" + e.getClass().getSimpleName() + ": the file is in another encoding or binary)"));
      }
      return parse(text, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration file " + file, e);
    }
  }

  /** Parses YAML or JSON text (JSON when it starts with '{'). */
  public static ThemisConfig parse(String text) {
    return parse(text, "<text>");
  }

  private static ThemisConfig parse(String text, String source) {
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new ConfigurationException(new ConfigProblem(source, text.length() + " characters",
          "expected a configuration document of at most " + MAX_DOCUMENT_CHARS + " characters"));
    }
    String t = text.strip();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1).strip();
    }
    // Duplicate keys are an error (last-wins would let a second upscale_expr hide the first), and so is a YAML
    // stream of several documents (only the first would be read).
    ObjectMapper mapper = t.startsWith("{")
        ? JsonMapper.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
        : YAMLMapper.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    JsonNode root;
    try (com.fasterxml.jackson.core.JsonParser p = mapper.createParser(t.isEmpty() ? "{}" : t)) {
      root = mapper.readTree(p);
      if (p.nextToken() != null) {
        throw new ConfigurationException(new ConfigProblem(source, null,
            "expected a single YAML or JSON document; found more than one (a second '---' document at line "
                + p.currentLocation().getLineNr() + ")"));
      }
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(new ConfigProblem(
          source, null, "expected a YAML or JSON document: " + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                  + ", column " + e.getLocation().getColumnNr())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return empty();
    }
    if (!root.isObject()) {
      throw new ConfigurationException(new ConfigProblem(source, root.toString(), "expected an object at the top"));
    }
    return root.has("general") || (!root.has("resources") && !root.has("settings")) ? original(root) : themis(root);
  }

  private static ThemisConfig themis(JsonNode root) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!Set.of("settings", "defaults", "resources").contains(f)) {
        problems.add(new ConfigProblem(f, null, "unknown top-level section; expected settings, defaults or resources"
            + Suggestions.didYouMean(f, List.of("settings", "defaults", "resources"))));
      }
    }
    Map<String, String> settings = new LinkedHashMap<>(section(root.path("settings"), "settings", problems));
    Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
    JsonNode defaultsNode = root.path("defaults");
    objectFields(defaultsNode, "defaults", problems)
        .forEach((type, node) -> defaults.put(type, section(node, "defaults." + type, problems)));
    List<String> roles = rolesToAssume(settings, defaults);
    Settings global = Settings.of("settings", settings);
    List<ResourceSpec> resources = new ArrayList<>();
    objectFields(root.path("resources"), "resources", problems).forEach((type, byName) ->
        objectFields(byName, "resources." + type, problems).forEach((name, node) -> {
          String path = "resources." + type + "." + name;
          Map<String, String> values = new LinkedHashMap<>(defaults.getOrDefault(type, Map.of()));
          values.putAll(section(node, path, problems));
          addResource(resources, type, name, Settings.of(type + "." + name, values), path, problems);
        }));
    checkRoles(roles, "settings", resources, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new ThemisConfig(global, defaults, resources, warnings);
  }

  private static ThemisConfig original(JsonNode root) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, String> general = new LinkedHashMap<>(section(root.path("general"), "general", problems));
    for (String key : UNUSED_LEGACY) {
      if (general.containsKey(key)) {
        warnings.add("general." + key + ": accepted for compatibility with the original, not used by Themis for Java");
      }
    }
    String monitoringWindow = general.remove("monitoring_time_window");
    String loop = general.remove("scaling_loop_interval");
    if (loop != null) {
      general.putIfAbsent(TICK_INTERVAL.name(), loop);
    }
    Map<String, JsonNode> sections = objectFields(root, "", problems);
    sections.remove("general");
    // Resource types: every section, and every type whose list names resources even without a section.
    Set<String> types = new LinkedHashSet<>(sections.keySet());
    types.addAll(ORIGINAL_LISTS.keySet());
    Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
    for (String type : types) {
      defaults.put(type, monitoringWindow == null ? Map.of() : Map.of("monitoring_window", monitoringWindow));
    }
    List<String> roles = rolesToAssume(general, defaults);
    List<ResourceSpec> resources = new ArrayList<>();
    for (String type : types) {
      JsonNode sectionNode = sections.get(type);
      Map<String, JsonNode> configured =
          sectionNode == null ? Map.of() : objectFields(sectionNode, type, problems);
      String listKey = ORIGINAL_LISTS.get(type);
      Set<String> managed = new LinkedHashSet<>(
          listKey == null ? configured.keySet() : ConfigKey.parseList(general.getOrDefault(listKey, "")));
      for (String name : configured.keySet()) {
        if (!managed.contains(name)) {
          warnings.add(type + "." + name + ": configured but not listed in general." + listKey + "; not managed");
        }
      }
      for (String name : managed) {
        Map<String, String> values = new LinkedHashMap<>(defaults.get(type));
        JsonNode node = configured.get(name);
        if (node != null) {
          values.putAll(section(node, type + "." + name, problems));
        }
        addResource(resources, type, name, Settings.of(type + "." + name, values), type + "." + name, problems);
      }
    }
    general.remove("autoscaling_clusters");
    general.remove("autoscaling_kinesis_streams");
    checkRoles(roles, "general", resources, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new ThemisConfig(Settings.of("general", general), defaults, resources, warnings);
  }

  /**
   * The original's {@code roles_to_assume}: the roles (an empty entry: the host's credentials) under which its
   * resources were found, each then managed with that {@code role_to_assume}. With a single role, which is
   * unambiguous, it becomes every EMR cluster's and Kinesis stream's default {@code role_to_assume} (a resource's
   * own value wins) and, with discovery configured, the default {@code emr_discovery_roles} and
   * {@code kinesis_discovery_roles}. With several, each
   * listed resource must say which is its own ({@link #checkRoles}). Removes the key from {@code global}.
   *
   * @return the entries, empty when the key is absent or blank
   */
  private static List<String> rolesToAssume(Map<String, String> global, Map<String, Map<String, String>> defaults) {
    String raw = global.remove(ROLES_TO_ASSUME);
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<String> roles = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      roles.add(part.strip());
    }
    List<String> named = roles.stream().filter(r -> !r.isEmpty()).distinct().toList();
    if (global.containsKey("emr_discovery")) {
      global.putIfAbsent("emr_discovery_roles", String.join(",", named));
    }
    if (global.containsKey("kinesis_stream_prefix") || global.containsKey("kinesis_stream_tags")) {
      global.putIfAbsent("kinesis_discovery_roles", String.join(",", named));
    }
    if (named.size() == 1 && !roles.contains("")) {
      for (String type : ROLE_TYPES) {
        Map<String, String> d = new LinkedHashMap<>(defaults.getOrDefault(type, Map.of()));
        d.putIfAbsent(ROLE_TO_ASSUME, named.get(0));
        defaults.put(type, d);
      }
      return List.of();
    }
    return roles;
  }

  /** With several {@code roles_to_assume}, every EMR cluster and Kinesis stream listed names its role. */
  private static void checkRoles(
      List<String> roles, String section, List<ResourceSpec> resources, List<ConfigProblem> problems) {
    if (roles.isEmpty()) {
      return;
    }
    List<String> unresolved = resources.stream()
        .filter(r -> ROLE_TYPES.contains(r.id().type()) && r.settings().raw(ROLE_TO_ASSUME) == null)
        .map(r -> r.settings().path()).toList();
    if (!unresolved.isEmpty()) {
      problems.add(new ConfigProblem(section + "." + ROLES_TO_ASSUME, String.join(",", roles),
          "names more than one account (an empty entry is the host's credentials), so it cannot tell which one "
              + String.join(", ", unresolved) + (unresolved.size() == 1 ? " is" : " are") + " in; set "
              + unresolved.get(0) + "." + ROLE_TO_ASSUME + " (empty for the host's credentials) on each, or let "
              + "emr_discovery with emr_discovery_roles find the clusters"));
    }
  }

  private static void addResource(
      List<ResourceSpec> into, String type, String name, Settings settings, String path, List<ConfigProblem> problems) {
    if (into.size() >= MAX_RESOURCES) {
      if (into.size() == MAX_RESOURCES && problems.stream().noneMatch(p -> p.toString().contains("at most "
          + MAX_RESOURCES + " resources"))) {
        problems.add(new ConfigProblem(path, null, "expected at most " + MAX_RESOURCES + " resources in one document"));
      }
      return;
    }
    try {
      into.add(new ResourceSpec(ResourceId.of(type, name), settings));
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem(path, type + ":" + name, e.getMessage()));
    }
  }

  private static Map<String, JsonNode> objectFields(JsonNode node, String path, List<ConfigProblem> problems) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return fields;
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem(path.isEmpty() ? "<root>" : path, node.toString(), "expected an object"));
      return fields;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      fields.put(e.getKey(), e.getValue());
    }
    return fields;
  }

  private static Map<String, String> section(JsonNode node, String path, List<ConfigProblem> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    objectFields(node, path, problems).forEach((key, value) -> {
      if (value.isNull()) {
        return;
      }
      values.put(key, value.isValueNode() ? value.asText() : value.toString());
    });
    return values;
  }
}
