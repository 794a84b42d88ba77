package dev.themis.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceState;
import dev.themis.ScalingDecision;
import dev.themis.ScalingDirection;
import dev.themis.ScalingOutcome;
import dev.themis.history.HistoryStore;
import dev.themis.history.RecordedFailure;
import dev.themis.history.ResourceMemory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;


/**
 * Compact JSON for stored outcomes and memories: one-letter field names, instants in epoch milliseconds, fields at
 * their default left out. The kind and capacity of an outcome are columns, not payload.
 */
final class Codec {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  private Codec() {}

  static char kind(ResourceOutcome o) {
    if (o instanceof ResourceOutcome.Applied) {
      return 'A';
    }
    if (o instanceof ResourceOutcome.Held) {
      return 'H';
    }
    return o instanceof ResourceOutcome.DryRun ? 'D' : 'F';
  }

  /** Resolves a metric-name set id of a payload. */
  @FunctionalInterface
  interface Names {
    List<String> of(long id) throws java.sql.SQLException;
  }

  /**
   * The payload of an outcome, its metric names by {@code keySets} id; with {@code recommendations}, also the
   * resource's stabilisation window as of this outcome ({@code "q": {"v": memory version, "r": [[at, target], ...]}}),
   * which spares a memory row write when only the window changed.
   */
  static String outcome(ResourceOutcome outcome, ResourceMemory recommendations, KeySets keySets) {
    ResourceOutcome o = HistoryStore.compact(outcome);
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      ResourceState s = o.state();
      if (s != null) {
        g.writeObjectFieldStart("s");
        if (!s.observedAt().equals(o.at())) {
          g.writeNumberField("t", s.observedAt().toEpochMilli());
        }
        g.writeNumberField("c", s.capacity());
        if (s.inFlight()) {
          g.writeBooleanField("f", true);
        }
        if (!s.metrics().isEmpty()) {
          List<String> names = new ArrayList<>(s.metrics().keySet());
          java.util.Collections.sort(names);
          g.writeNumberField("k", keySets.id(names));
          g.writeArrayFieldStart("v");
          for (String n : names) {
            g.writeNumber(s.metrics().get(n));
          }
          g.writeEndArray();
        }
        strings(g, "x", s.missingMetrics());
        if (s.detail() instanceof Map<?, ?> summary && !summary.isEmpty()) {
          g.writeObjectFieldStart("y");
          for (Map.Entry<?, ?> e : summary.entrySet()) {
            g.writeStringField((String) e.getKey(), (String) e.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      ScalingDecision d = o.decision();
      if (d != null) {
        g.writeObjectFieldStart("d");
        g.writeNumberField("t", d.targetCapacity());
        g.writeStringField("r", d.reason());
        g.writeStringField("p", d.policy());
        g.writeEndObject();
      }
      strings(g, "r", o.reasons());
      if (o instanceof ResourceOutcome.Applied a) {
        ScalingOutcome r = a.result();
        g.writeObjectFieldStart("o");
        g.writeNumberField("f", r.fromCapacity());
        g.writeNumberField("t", r.toCapacity());
        if (!r.completed()) {
          g.writeBooleanField("p", true);
        }
        strings(g, "x", r.actions());
        g.writeEndObject();
      } else if (o instanceof ResourceOutcome.Failed f) {
        RecordedFailure cause = RecordedFailure.of(f.cause());
        g.writeObjectFieldStart("e");
        g.writeStringField("g", f.stage().name());
        g.writeStringField("y", cause.type());
        if (cause.getMessage() != null) {
          g.writeStringField("m", cause.getMessage());
        }
        g.writeEndObject();
      }
      if (recommendations != null) {
        g.writeObjectFieldStart("q");
        g.writeNumberField("v", recommendations.version());
        writeRecommendations(g, recommendations.recommendations());
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** The stabilisation window an outcome payload carries: its memory version and recommendations; null if none. */
  static ResourceMemory recommendations(ResourceId id, String payload) {
    JsonNode q = read(payload).get("q");
    if (q == null) {
      return null;
    }
    return new ResourceMemory(id, q.get("v").asLong(), null, readRecommendations(q), Map.of());
  }

  private static void writeRecommendations(JsonGenerator g, List<ResourceMemory.Recommendation> recs)
      throws IOException {
    if (recs.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart("r");
    for (ResourceMemory.Recommendation r : recs) {
      g.writeStartArray();
      g.writeNumber(r.at().toEpochMilli());
      g.writeNumber(r.target());
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  private static List<ResourceMemory.Recommendation> readRecommendations(JsonNode n) {
    List<ResourceMemory.Recommendation> recs = new ArrayList<>();
    for (JsonNode r : n.path("r")) {
      recs.add(new ResourceMemory.Recommendation(Instant.ofEpochMilli(r.get(0).asLong()), r.get(1).asInt()));
    }
    return recs;
  }

  static ResourceOutcome outcome(ResourceId id, Instant at, char kind, String payload, Names keySets)
      throws java.sql.SQLException {
    JsonNode n = read(payload);
    ResourceState state = null;
    JsonNode s = n.get("s");
    if (s != null) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (s.has("k")) {
        List<String> names = keySets.of(s.get("k").asLong());
        JsonNode v = s.get("v");
        if (v == null || v.size() != names.size()) {
          throw new IllegalArgumentException("stored outcome of " + id + " at " + at + ": " + names.size()
              + " metric names but " + (v == null ? 0 : v.size()) + " values");
        }
        for (int i = 0; i < names.size(); i++) {
          metrics.put(names.get(i), v.get(i).asDouble());
        }
      }
      Instant observed = s.has("t") ? Instant.ofEpochMilli(s.get("t").asLong()) : at;
      Map<String, String> summary = null;
      JsonNode y = s.get("y");
      if (y != null) {
        Map<String, String> kept = new LinkedHashMap<>();
        y.properties().forEach(e -> kept.put(e.getKey(), e.getValue().asText()));
        summary = Map.copyOf(kept);
      }
      state = new ResourceState(id, observed, s.get("c").asInt(), s.path("f").asBoolean(false), metrics,
          new LinkedHashSet<>(strings(s.get("x"))), Map.of(), summary);
    }
    ScalingDecision decision = null;
    JsonNode d = n.get("d");
    if (d != null) {
      decision = new ScalingDecision(d.get("t").asInt(), d.get("r").asText(), d.get("p").asText());
    }
    List<String> reasons = strings(n.get("r"));
    if (reasons.equals(ResourceOutcome.NO_CHANGE_REASONS)) {
      reasons = ResourceOutcome.NO_CHANGE_REASONS; // a steady hold's, shared as the core shares it
    }
    switch (kind) {
      case 'A': {
        JsonNode r = n.get("o");
        ScalingOutcome result = new ScalingOutcome(true, r.get("f").asInt(), r.get("t").asInt(),
            !r.path("p").asBoolean(false), strings(r.get("x")));
        return new ResourceOutcome.Applied(id, at, state, decision, result, reasons);
      }
      case 'H':
        return new ResourceOutcome.Held(id, at, state, decision, reasons);
      case 'D':
        return new ResourceOutcome.DryRun(id, at, state, decision, reasons);
      case 'F': {
        JsonNode e = n.get("e");
        RecordedFailure cause = new RecordedFailure(e.get("y").asText(), e.has("m") ? e.get("m").asText() : null);
        return new ResourceOutcome.Failed(id, at, ResourceOutcome.Stage.valueOf(e.get("g").asText()), cause, state,
            decision, reasons);
      }
      default:
        throw new IllegalArgumentException("stored outcome of " + id + " at " + at + ": unknown kind '" + kind + "'");
    }
  }

  static String memory(ResourceMemory m) {
    StringWriter w = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      ResourceMemory.Action a = m.lastAction();
      if (a != null) {
        g.writeObjectFieldStart("a");
        g.writeStringField("d", a.direction().name());
        g.writeNumberField("f", a.fromCapacity());
        g.writeNumberField("t", a.toCapacity());
        g.writeNumberField("at", a.appliedAt().toEpochMilli());
        if (a.completedAt() != null) {
          g.writeNumberField("c", a.completedAt().toEpochMilli());
        }
        g.writeBooleanField("ok", a.confirmed());
        if (a.fencingToken() != 0) {
          g.writeNumberField("k", a.fencingToken());
        }
        g.writeEndObject();
      }
      writeRecommendations(g, m.recommendations());
      if (!m.components().isEmpty()) {
        g.writeObjectFieldStart("c");
        for (Map.Entry<String, Map<String, String>> c : m.components().entrySet()) {
          g.writeObjectFieldStart(c.getKey());
          for (Map.Entry<String, String> e : c.getValue().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  static ResourceMemory memory(ResourceId id, long version, String payload) {
    JsonNode n = read(payload);
    ResourceMemory.Action action = null;
    JsonNode a = n.get("a");
    if (a != null) {
      action = new ResourceMemory.Action(ScalingDirection.valueOf(a.get("d").asText()), a.get("f").asInt(),
          a.get("t").asInt(), Instant.ofEpochMilli(a.get("at").asLong()),
          a.has("c") ? Instant.ofEpochMilli(a.get("c").asLong()) : null, a.get("ok").asBoolean(),
          a.path("k").asLong(0));
    }
    List<ResourceMemory.Recommendation> recs = readRecommendations(n);
    Map<String, Map<String, String>> components = new LinkedHashMap<>();
    JsonNode c = n.get("c");
    if (c != null) {
      for (Map.Entry<String, JsonNode> e : c.properties()) {
        Map<String, String> values = new LinkedHashMap<>();
        e.getValue().properties().forEach(v -> values.put(v.getKey(), v.getValue().asText()));
        components.put(e.getKey(), values);
      }
    }
    return new ResourceMemory(id, version, action, recs, components);
  }

  private static void strings(JsonGenerator g, String field, java.util.Collection<String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static List<String> strings(JsonNode array) {
    if (array == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static JsonNode read(String payload) {
    try {
      return MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("stored payload is not the JSON Themis writes: " + e.getMessage(), e);
    }
  }
}
