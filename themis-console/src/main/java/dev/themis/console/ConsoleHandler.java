package dev.themis.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.themis.Autoscaler;
import dev.themis.ConfigChange;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.ScalingSettings;
import dev.themis.config.ConfigKey;
import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import dev.themis.config.Settings;
import dev.themis.config.ThemisConfig;
import dev.themis.cost.CostReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's REST API ({@code /api/v1/...}, described by {@code /api/v1/openapi.json}), web UI ({@code /}) and
 * Prometheus scrape ({@code /metrics}) as one server-neutral handler: a host mounts it in the server it already
 * runs by converting its request to a {@link ConsoleRequest} and writing back the {@link ConsoleResponse};
 * {@link ThemisConsole} does that on the JDK's HTTP server. Thread-safe.
 *
 * <p>Security, for every request: the {@code Host} header must name this machine (against DNS rebinding); bodies
 * over {@link ConsoleOptions#maxRequestBytes()} are refused (413). For mutating requests: refused in read-only
 * mode (403); the {@link Authenticator} must name the caller (401; credentials come in a header, so a cross-site
 * form or image cannot carry them); the body must be JSON (415); an {@code Origin}, if sent, must be this host
 * (403). Every input is validated (400 for malformed, 404 unknown, 422 invalid configuration). No CORS headers are
 * ever sent.
 */
public final class ConsoleHandler {
  /**
   * The resource's schedule floors and caps ({@code time_based_scaling} and {@code schedule}) as its configuration
   * states them, for the chart; none when the resource has none or is not from the configuration.
   */
  private dev.themis.schedule.Schedule scheduleOf(ResourceId id) {
    for (dev.themis.ResourceSpec spec : autoscaler.configuration().resources()) {
      if (!spec.id().equals(id)) {
        continue;
      }
      dev.themis.config.Settings st = spec.settings();
      try {
        java.time.ZoneId zone = st.find(dev.themis.policy.ExpressionPolicy.SCHEDULE_ZONE)
            .orElse(autoscaler.configuration().global().get(dev.themis.config.ThemisConfig.TIME_ZONE));
        String tb = st.get(dev.themis.policy.ExpressionPolicy.TIME_BASED_SCALING);
        String windows = st.get(dev.themis.policy.ExpressionPolicy.SCHEDULE);
        dev.themis.schedule.Schedule s = dev.themis.schedule.Schedule.parseTimeBasedScaling(
            st.pathOf("time_based_scaling"), tb, zone);
        if (windows != null && !windows.isBlank()) {
          s = s.and(dev.themis.schedule.Schedule.parseWindows(st.pathOf("schedule"), windows, zone));
        }
        return s;
      } catch (RuntimeException e) {
        return dev.themis.schedule.Schedule.none(); // validated at build: only a provider's own variant gets here
      }
    }
    return dev.themis.schedule.Schedule.none();
  }

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
  static final String API = "/api/v1";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final Map<String, String> SECURITY_HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer",
      "Cache-Control", "no-store",
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
          + " form-action 'none'; base-uri 'none'");
  private static final Map<String, String> STATIC = Map.of(
      "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css", "/favicon.svg",
      "favicon.svg");
  private static final int MAX_PAGE = 500;

  private final Autoscaler autoscaler;
  private final ConsoleOptions options;
  private final Set<String> hosts;

  public ConsoleHandler(Autoscaler autoscaler, ConsoleOptions options) {
    this.autoscaler = Objects.requireNonNull(autoscaler, "autoscaler");
    this.options = Objects.requireNonNull(options, "options");
    Set<String> h = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
    h.add(options.bindAddress().getHostAddress());
    options.allowedHosts().forEach(x -> h.add(x.toLowerCase(Locale.ROOT)));
    this.hosts = Set.copyOf(h);
  }

  /** Answers one request; never throws. */
  public ConsoleResponse handle(ConsoleRequest request) {
    ConsoleResponse r;
    try {
      r = route(request);
    } catch (Problem p) {
      r = p.response();
    } catch (RuntimeException e) {
      LOG.warn("console: {} {} failed", request.method(), request.path(), e);
      r = error(500, "internal error: " + e.getClass().getSimpleName());
    }
    return r.withHeaders(SECURITY_HEADERS);
  }

  private ConsoleResponse route(ConsoleRequest req) {
    String host = req.header("Host").orElse("");
    if (!hostAllowed(host)) {
      throw new Problem(421, "Host header '" + host + "' is not this console's; expected one of " + hosts
          + " (add it with ConsoleOptions.allowedHosts)");
    }
    if (req.body().length > options.maxRequestBytes()) {
      throw new Problem(413, "request body: at most " + options.maxRequestBytes() + " bytes, was "
          + req.body().length);
    }
    String principal = req.mutating() ? authorize(req, host) : null;
    List<String> seg = segments(req.path());
    String path = req.path();
    if (req.method().equals("GET") && STATIC.containsKey(path)) {
      return asset(STATIC.get(path));
    }
    if (path.equals("/metrics")) {
      requireMethod(req, "GET");
      return options.prometheus()
          .map(s -> ConsoleResponse.of(200, "text/plain; version=0.0.4; charset=utf-8", s.get()))
          .orElseThrow(() -> new Problem(404, "no Prometheus registry configured (ConsoleOptions.prometheus)"));
    }
    if (seg.size() < 2 || !seg.get(0).equals("api") || !seg.get(1).equals("v1")) {
      throw new Problem(404, "no such page: " + path);
    }
    List<String> api = seg.subList(2, seg.size());
    Query q = new Query(req.rawQuery());
    if (api.isEmpty()) {
      requireMethod(req, "GET");
      ObjectNode n = JSON.createObjectNode();
      n.put("openapi", API + "/openapi.json").put("resources", API + "/resources").put("config", API + "/config");
      return json(200, n);
    }
    switch (api.get(0)) {
      case "openapi.json" -> {
        requireMethod(req, "GET");
        return new ConsoleResponse(200, JSON_TYPE, Map.of(), read("openapi.json"));
      }
      case "status" -> {
        requireMethod(req, "GET");
        ObjectNode n = JSON.createObjectNode();
        n.put("now", autoscaler.clock().instant().toString()).put("dryRun", autoscaler.dryRun())
            .put("readOnly", options.readOnly()).put("mutationsAllowed",
                !options.readOnly() && options.authenticator().isPresent())
            .put("metrics", options.prometheus().isPresent());
        return json(200, n);
      }
      case "config" -> {
        return config(req, api, principal);
      }
      case "resources" -> {
        if (api.size() == 1) {
          requireMethod(req, "GET");
          ArrayNode list = JSON.createArrayNode();
          autoscaler.resources().forEach(id -> list.add(summary(id)));
          return json(200, JSON.createObjectNode().set("resources", list));
        }
        if (api.size() < 3) {
          throw new Problem(404, "expected " + API + "/resources/{type}/{name}, was " + path);
        }
        ResourceId id = resource(api.get(1), api.get(2));
        String what = api.size() == 3 ? "" : api.get(3);
        if (api.size() > 4) {
          throw new Problem(404, "no such resource view: " + path);
        }
        return resourceView(req, id, what, q, principal);
      }
      default -> throw new Problem(404, "no such API path: " + path);
    }
  }

  private ConsoleResponse resourceView(ConsoleRequest req, ResourceId id, String what, Query q, String principal) {
    switch (what) {
      case "" -> {
        requireMethod(req, "GET");
        ObjectNode n = summary(id);
        List<ResourceOutcome> latest = autoscaler.history().latest(id, 1);
        n.set("latest", latest.isEmpty() ? null : Views.outcome(latest.get(0)));
        return json(200, n);
      }
      case "decisions" -> {
        requireMethod(req, "GET");
        int limit = q.integer("limit", 50, 1, MAX_PAGE);
        ArrayNode items = JSON.createArrayNode();
        autoscaler.history().latest(id, limit).forEach(o -> items.add(Views.outcome(o)));
        return json(200, JSON.createObjectNode().set("decisions", items));
      }
      case "events" -> {
        requireMethod(req, "GET");
        Instant to = q.instant("to", autoscaler.clock().instant());
        Instant from = q.instant("from", to.minus(Duration.ofDays(1)));
        checkRange(from, to);
        Set<String> kinds = q.kinds("kinds", Set.of("Applied", "Failed"));
        int page = q.integer("page", 0, 0, Integer.MAX_VALUE);
        int size = q.integer("size", 50, 1, MAX_PAGE);
        List<ResourceOutcome> all = new ArrayList<>();
        for (ResourceOutcome o : autoscaler.history().query(id, from, to)) {
          if (kinds.contains(o.getClass().getSimpleName())) {
            all.add(o);
          }
        }
        java.util.Collections.reverse(all); // newest first
        ArrayNode items = JSON.createArrayNode();
        long start = (long) page * size;
        for (long i = start; i < Math.min(all.size(), start + size); i++) {
          items.add(Views.outcome(all.get((int) i)));
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("from", from.toString()).put("to", to.toString()).put("page", page).put("size", size)
            .put("total", all.size());
        n.set("items", items);
        return json(200, n);
      }
      case "timeline" -> {
        requireMethod(req, "GET");
        Instant to = q.instant("to", autoscaler.clock().instant());
        Instant from = q.instant("from", to.minus(Duration.ofDays(1)));
        checkRange(from, to);
        int max = q.integer("maxPoints", 1500, 10, 20_000);
        return json(200, Views.timeline(autoscaler.history().query(id, from, to), max, settingsOf(id), from, to,
            scheduleOf(id)));
      }
      case "cost" -> {
        requireMethod(req, "GET");
        Duration period = q.duration("period", Duration.ofDays(1));
        Integer base = options.baseline().apply(id);
        int baseline = base != null ? base : defaultBaseline(id);
        CostReport c = autoscaler.costs(id, period, baseline, options.prices().apply(id));
        ObjectNode n = JSON.createObjectNode();
        n.put("from", c.from().toString()).put("to", c.to().toString()).put("unitHours", c.unitHours())
            .put("cost", c.cost()).put("baselineCapacity", c.baselineCapacity()).put("baselineCost", c.baselineCost())
            .put("saved", c.saved()).put("savedPercent", c.baselineCost() == 0 ? 0 : 100 * c.saved() / c.baselineCost())
            .put("unpricedHours", c.unpricedHours());
        return json(200, n);
      }
      case "config" -> {
        if (req.method().equals("GET")) {
          return json(200, resourceConfig(id));
        }
        requireMethod(req, "PUT");
        JsonNode body = body(req);
        JsonNode set = body.get("set");
        if (set == null || !set.isObject()) {
          throw new Problem(400, "body: expected {\"set\": {\"key\": \"value\" or null, ...}}, was " + clip(body));
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : set.properties()) {
          changes.put(e.getKey(), value(e.getKey(), e.getValue()));
        }
        return apply(id, changes, principal);
      }
      case "pause" -> {
        requireMethod(req, "PUT");
        JsonNode body = body(req);
        Map<String, String> changes = new LinkedHashMap<>();
        flag(body, "up", ScalingSettings.PAUSE_SCALE_UP.name(), changes);
        flag(body, "down", ScalingSettings.PAUSE_SCALE_DOWN.name(), changes);
        if (changes.isEmpty()) {
          throw new Problem(400, "body: expected {\"up\": true|false, \"down\": true|false} (either or both), was "
              + clip(body));
        }
        return apply(id, changes, principal);
      }
      case "dry-run" -> {
        requireMethod(req, "PUT");
        JsonNode body = body(req);
        Map<String, String> changes = new LinkedHashMap<>();
        flag(body, "enabled", ScalingSettings.DRY_RUN.name(), changes);
        if (changes.isEmpty()) {
          throw new Problem(400, "body: expected {\"enabled\": true|false}, was " + clip(body));
        }
        return apply(id, changes, principal);
      }
      default -> throw new Problem(404, "no such resource view: '" + what + "'; expected one of decisions, events,"
          + " timeline, cost, config, pause, dry-run");
    }
  }

  private ConsoleResponse config(ConsoleRequest req, List<String> api, String principal) {
    if (api.size() == 2 && api.get(1).equals("changes")) {
      requireMethod(req, "GET");
      ArrayNode items = JSON.createArrayNode();
      List<ConfigChange> changes = new ArrayList<>(autoscaler.configChanges());
      java.util.Collections.reverse(changes);
      changes.forEach(c -> items.add(Views.change(c)));
      return json(200, JSON.createObjectNode().set("changes", items));
    }
    if (api.size() != 1) {
      throw new Problem(404, "no such API path: " + req.path());
    }
    if (req.method().equals("GET")) {
      return json(200, Views.document(autoscaler.configuration()));
    }
    requireMethod(req, "PUT");
    body(req); // well-formed JSON, or 400
    ThemisConfig next;
    try {
      next = ThemisConfig.parse(new String(req.body(), StandardCharsets.UTF_8));
    } catch (ConfigurationException e) {
      return invalid(e, null);
    }
    return reconfigure(next, principal, null);
  }

  private ConsoleResponse apply(ResourceId id, Map<String, String> changes, String principal) {
    ThemisConfig current = autoscaler.configuration();
    List<ResourceSpec> specs = new ArrayList<>();
    boolean found = false;
    for (ResourceSpec s : current.resources()) {
      if (s.id().equals(id)) {
        found = true;
        Map<String, String> values = new LinkedHashMap<>(s.settings().values());
        // A key set under its canonical name replaces the same key written under an alias (max_shards...).
        autoscaler.configAliases(id).forEach((alias, canonical) -> {
          if (changes.containsKey(canonical) && !changes.containsKey(alias)) {
            values.remove(alias);
          }
        });
        changes.forEach((k, v) -> {
          if (v == null) {
            values.remove(k);
          } else {
            values.put(k, v);
          }
        });
        specs.add(new ResourceSpec(id, Settings.of(s.settings().path(), values)));
      } else {
        specs.add(s);
      }
    }
    if (!found) {
      throw new Problem(409, "resource " + id + " is not managed by the configuration document (it was registered"
          + " with explicit parts or discovered); its settings cannot be changed here");
    }
    return reconfigure(new ThemisConfig(current.global(), current.defaults(), specs, current.warnings()), principal,
        id);
  }

  private ConsoleResponse reconfigure(ThemisConfig next, String principal, ResourceId id) {
    try {
      ConfigChange change = autoscaler.reconfigure(next, principal);
      return json(200, JSON.createObjectNode().set("change", Views.change(change)));
    } catch (ConfigurationException e) {
      return invalid(e, id);
    }
  }

  private static ConsoleResponse invalid(ConfigurationException e, ResourceId id) {
    ArrayNode problems = JSON.createArrayNode();
    String prefix = id == null ? null : id.type() + "." + id.name() + ".";
    for (ConfigProblem p : e.problems()) {
      ObjectNode n = problems.addObject();
      n.put("path", p.path());
      if (prefix != null && p.path().startsWith(prefix)) {
        n.put("key", p.path().substring(prefix.length()));
      }
      n.put("value", p.value()).put("expected", p.expected()).put("message", p.toString());
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("error", e.getMessage());
    n.set("problems", problems);
    return json(422, n);
  }

  private ObjectNode resourceConfig(ResourceId id) {
    requireKnown(id);
    Optional<ResourceSpec> spec = autoscaler.configuration().resources().stream()
        .filter(s -> s.id().equals(id)).findFirst();
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id.toString()).put("managedByConfiguration", spec.isPresent());
    // Values under their canonical names: an alias such as max_shards is shown, and edited, as max_capacity.
    Map<String, String> aliases = autoscaler.configAliases(id);
    Map<String, String> canonical = new LinkedHashMap<>();
    spec.ifPresent(s -> s.settings().values().forEach((k, v) -> canonical.put(aliases.getOrDefault(k, k), v)));
    ObjectNode values = n.putObject("values");
    canonical.forEach(values::put);
    ArrayNode keys = n.putArray("keys");
    for (ConfigKey<?> k : autoscaler.configKeys(id)) {
      ObjectNode kn = keys.addObject();
      kn.put("name", k.name()).put("type", k.type()).put("default", k.defaultText())
          .put("description", k.description());
      String v = canonical.get(k.name());
      if (v != null) {
        kn.put("value", v);
      }
      ArrayNode also = kn.putArray("aliases");
      aliases.forEach((alias, c) -> {
        if (c.equals(k.name())) {
          also.add(alias);
        }
      });
    }
    return n;
  }

  private ObjectNode summary(ResourceId id) {
    requireKnown(id);
    ScalingSettings s = settingsOf(id);
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id.toString()).put("type", id.type()).put("name", id.name());
    ObjectNode sn = n.putObject("settings");
    sn.put("minCapacity", s.minCapacity()).put("maxCapacity", s.maxCapacity()).put("pauseScaleUp", s.pauseScaleUp())
        .put("pauseScaleDown", s.pauseScaleDown()).put("dryRun", s.dryRun() || autoscaler.dryRun());
    List<ResourceOutcome> latest = autoscaler.history().latest(id, 1);
    if (!latest.isEmpty()) {
      ResourceOutcome o = latest.get(0);
      n.put("lastOutcome", o.getClass().getSimpleName()).put("lastAt", o.at().toString());
      if (o.state() != null) {
        n.put("capacity", o.state().capacity()).put("inFlight", o.state().inFlight());
        ObjectNode m = n.putObject("metrics");
        new java.util.TreeMap<>(o.state().metrics()).forEach(m::put);
      }
      if (o.decision() != null) {
        n.put("desired", o.decision().targetCapacity());
      }
    }
    return n;
  }

  private ScalingSettings settingsOf(ResourceId id) {
    return autoscaler.settings(id).orElseThrow(() -> unknown(id));
  }

  private void requireKnown(ResourceId id) {
    if (!autoscaler.resources().contains(id)) {
      throw unknown(id);
    }
  }

  private Problem unknown(ResourceId id) {
    return new Problem(404, "unknown resource '" + id + "'; managed: " + autoscaler.resources());
  }

  private int defaultBaseline(ResourceId id) {
    for (ResourceSpec s : autoscaler.configuration().resources()) {
      if (s.id().equals(id) && s.settings().has("baseline_nodes")) {
        try {
          return ConfigKey.parseInt(s.settings().raw("baseline_nodes"), 0);
        } catch (IllegalArgumentException e) {
          break;
        }
      }
    }
    return settingsOf(id).maxCapacity();
  }

  private String authorize(ConsoleRequest req, String host) {
    if (options.readOnly()) {
      throw new Problem(403, "the console is read-only: " + req.method() + " " + req.path() + " refused");
    }
    Optional<String> origin = req.header("Origin");
    if (origin.isPresent() && !origin.get().equals("http://" + host) && !origin.get().equals("https://" + host)) {
      throw new Problem(403, "cross-origin request refused: Origin '" + origin.get() + "' is not http://" + host);
    }
    Optional<String> who = options.authenticator().flatMap(a -> a.authenticate(req));
    if (who.isEmpty()) {
      throw new Problem(401, options.authenticator().isEmpty()
          ? "no credential is accepted: start the console with a token or an authenticator to allow changes"
          : "a credential is required: send 'Authorization: Bearer <token>'",
          Map.of("WWW-Authenticate", "Bearer realm=\"themis\""));
    }
    String type = req.header("Content-Type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new Problem(415, "Content-Type: expected application/json, was '" + type + "'");
    }
    return who.get();
  }

  private boolean hostAllowed(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      h = end < 0 ? h : h.substring(0, end + 1);
    } else if (h.contains(":")) {
      h = h.substring(0, h.indexOf(':'));
    }
    return hosts.contains(h);
  }

  private static void requireMethod(ConsoleRequest req, String method) {
    if (!req.method().equals(method)) {
      throw new Problem(405, req.method() + " " + req.path() + ": method not allowed; expected " + method,
          Map.of("Allow", method));
    }
  }

  private static JsonNode body(ConsoleRequest req) {
    try {
      JsonNode n = JSON.readTree(req.body());
      if (n == null || !n.isObject()) {
        throw new Problem(400, "body: expected a JSON object, was " + (n == null ? "empty" : clip(n)));
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new Problem(400, "body: malformed JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String value(String key, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    throw new Problem(400, "set." + key + ": expected a string, number, boolean or null, was " + clip(v));
  }

  private static void flag(JsonNode body, String field, String key, Map<String, String> into) {
    JsonNode v = body.get(field);
    if (v == null) {
      return;
    }
    if (!v.isBoolean()) {
      throw new Problem(400, field + ": expected true or false, was " + clip(v));
    }
    into.put(key, Boolean.toString(v.booleanValue()));
  }

  private static void checkRange(Instant from, Instant to) {
    if (from.isAfter(to)) {
      throw new Problem(400, "from: must not be after to (" + to + "), was " + from);
    }
  }

  private static String clip(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static ResourceId resource(String type, String name) {
    try {
      return ResourceId.of(decode(type), decode(name));
    } catch (IllegalArgumentException e) {
      throw new Problem(400, e.getMessage());
    }
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Problem(400, "path segment '" + s + "': malformed percent-encoding");
    }
  }

  static ConsoleResponse json(int status, JsonNode n) {
    return ConsoleResponse.of(status, JSON_TYPE, n.toString());
  }

  private static ConsoleResponse error(int status, String message) {
    return json(status, JSON.createObjectNode().put("error", message).put("status", status));
  }

  private static ConsoleResponse asset(String name) {
    String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".svg") ? "image/svg+xml"
        : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    return new ConsoleResponse(200, type, Map.of(), read(name));
  }

  private static byte[] read(String name) {
    try (InputStream in = ConsoleHandler.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing console resource web/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Query parameters, validated. */
  private static final class Query {
    private final Map<String, String> values = new LinkedHashMap<>();

    Query(String raw) {
      if (raw == null || raw.isEmpty()) {
        return;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (values.put(k, v) != null) {
          throw new Problem(400, "query parameter '" + k + "': given twice");
        }
      }
    }

    int integer(String name, int def, int min, int max) {
      String v = values.get(name);
      if (v == null) {
        return def;
      }
      try {
        int i = Integer.parseInt(v);
        if (i >= min && i <= max) {
          return i;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new Problem(400, name + ": expected a whole number from " + min + " to " + max + ", was '" + v + "'");
    }

    Instant instant(String name, Instant def) {
      String v = values.get(name);
      if (v == null) {
        return def;
      }
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e) {
        throw new Problem(400, name + ": expected an ISO-8601 instant such as 2020-01-01T00:00:00Z, was '" + v + "'");
      }
    }

    Duration duration(String name, Duration def) {
      String v = values.get(name);
      if (v == null) {
        return def;
      }
      try {
        Duration d = ConfigKey.parseDuration(v);
        if (!d.isNegative() && !d.isZero() && d.compareTo(Duration.ofDays(366)) <= 0) {
          return d;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new Problem(400, name + ": expected a duration from 1s to 366d such as 24h or 7d, was '" + v + "'");
    }

    Set<String> kinds(String name, Set<String> def) {
      String v = values.get(name);
      if (v == null) {
        return def;
      }
      Set<String> known = Set.of("Applied", "Held", "DryRun", "Failed");
      Set<String> out = new HashSet<>();
      for (String k : ConfigKey.parseList(v)) {
        if (!known.contains(k)) {
          throw new Problem(400, name + ": expected a comma-separated list of " + new java.util.TreeSet<>(known)
              + ", was '" + v + "'");
        }
        out.add(k);
      }
      return out;
    }
  }

  /** An error answer, thrown from deep in a route. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Map<String, String> headers;

    Problem(int status, String message) {
      this(status, message, Map.of());
    }

    Problem(int status, String message, Map<String, String> headers) {
      super(message, null, false, false);
      this.status = status;
      this.headers = headers;
    }

    ConsoleResponse response() {
      return error(status, getMessage()).withHeaders(headers);
    }
  }
}
