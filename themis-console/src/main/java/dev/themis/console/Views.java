package dev.themis.console;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.themis.ConfigChange;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.ScalingSettings;
import dev.themis.config.ThemisConfig;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** The JSON shapes of the API (see openapi.json). */
final class Views {
  private static final JsonNodeFactory F = JsonMapper.builder().build().getNodeFactory();

  private Views() {}

  static ObjectNode outcome(ResourceOutcome o) {
    ObjectNode n = F.objectNode();
    n.put("at", o.at().toString()).put("kind", o.getClass().getSimpleName());
    if (o.state() != null) {
      n.put("capacity", o.state().capacity()).put("inFlight", o.state().inFlight());
      ObjectNode m = n.putObject("metrics");
      new TreeMap<>(o.state().metrics()).forEach(m::put);
      ArrayNode missing = n.putArray("missingMetrics");
      o.state().missingMetrics().forEach(missing::add);
    }
    n.put("capacityAfter", o.capacityAfter());
    if (o.decision() != null) {
      n.put("target", o.decision().targetCapacity()).put("policy", o.decision().policy())
          .put("reason", o.decision().reason());
    }
    ArrayNode reasons = n.putArray("reasons");
    o.reasons().forEach(reasons::add);
    if (o instanceof ResourceOutcome.Applied a) {
      ArrayNode actions = n.putArray("actions");
      a.result().actions().forEach(actions::add);
      n.put("completed", a.result().completed());
    } else if (o instanceof ResourceOutcome.Failed f) {
      String m = f.cause().getMessage();
      n.put("stage", f.stage().name()).put("error", f.cause().getClass().getSimpleName() + (m == null ? "" : ": " + m));
    }
    return n;
  }

  /**
   * Points for the chart, at most {@code max} (evenly thinned, keeping every action and failure), each with the
   * schedule's floor and cap at its instant where {@code schedule} sets them.
   */
  static ObjectNode timeline(List<ResourceOutcome> outcomes, int max, ScalingSettings s, Instant from, Instant to,
      dev.themis.schedule.Schedule schedule) {
    ObjectNode n = F.objectNode();
    n.put("from", from.toString()).put("to", to.toString());
    n.putObject("bounds").put("minCapacity", s.minCapacity()).put("maxCapacity", s.maxCapacity());
    TreeSet<String> names = new TreeSet<>();
    ArrayNode points = n.putArray("points");
    int stride = Math.max(1, (outcomes.size() + max - 1) / max);
    for (int i = 0; i < outcomes.size(); i++) {
      ResourceOutcome o = outcomes.get(i);
      boolean event = o instanceof ResourceOutcome.Applied || o instanceof ResourceOutcome.Failed;
      if (!event && i % stride != 0) {
        continue;
      }
      ObjectNode p = points.addObject();
      p.put("at", o.at().toEpochMilli()).put("kind", o.getClass().getSimpleName());
      if (o.state() != null) {
        p.put("capacity", o.state().capacity());
        ObjectNode m = p.putObject("metrics");
        o.state().metrics().forEach((k, v) -> {
          m.put(k, v);
          names.add(k);
        });
      }
      p.put("capacityAfter", o.capacityAfter());
      schedule.floorAt(o.at()).ifPresent(v -> p.put("floor", v));
      schedule.capAt(o.at()).ifPresent(v -> p.put("cap", v));
      if (o.decision() != null) {
        p.put("target", o.decision().targetCapacity());
      }
      if (event) {
        p.put("why", String.join("; ", o.reasons().isEmpty() && o.decision() != null
            ? List.of(o.decision().reason()) : o.reasons()));
        if (o.decision() != null) {
          p.put("reason", o.decision().reason());
        }
      }
    }
    ArrayNode metricNames = n.putArray("metricNames");
    names.forEach(metricNames::add);
    return n;
  }

  static ObjectNode change(ConfigChange c) {
    ObjectNode n = F.objectNode();
    n.put("sequence", c.sequence()).put("at", c.at().toString()).put("actor", c.actor());
    ArrayNode entries = n.putArray("entries");
    for (ConfigChange.Entry e : c.entries()) {
      entries.addObject().put("path", e.path()).put("before", e.before()).put("after", e.after());
    }
    return n;
  }

  /** The document in Themis's own layout, which {@link ThemisConfig#parse(String)} reads back. */
  static ObjectNode document(ThemisConfig c) {
    ObjectNode n = F.objectNode();
    ObjectNode settings = n.putObject("settings");
    c.global().values().forEach(settings::put);
    ObjectNode defaults = n.putObject("defaults");
    c.defaults().forEach((type, values) -> {
      ObjectNode t = defaults.putObject(type);
      values.forEach(t::put);
    });
    ObjectNode resources = n.putObject("resources");
    for (ResourceSpec s : c.resources()) {
      ObjectNode byType = resources.has(s.id().type()) ? (ObjectNode) resources.get(s.id().type())
          : resources.putObject(s.id().type());
      ObjectNode r = byType.putObject(s.id().name());
      s.settings().values().forEach(r::put);
    }
    return n;
  }
}
