package dev.themis.examples.bench;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceState;
import dev.themis.ScalingOutcome;
import dev.themis.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fallback replay path: the real {@link Autoscaler} (guards, history, listeners) with an in-memory monitor and
 * executor implementing the core SPI over {@link SimulatedUnits}. No AWS client code is involved.
 */
public final class InMemoryPath implements ReplayPath {
  static final String UTILISATION = "utilisation";
  static final String PENDING = "pending.units";
  static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

  @Override
  public String description() {
    return "in-memory simulation of the BENCHMARK.md model (boot L, drain D, utilisation capped at 100 %) behind "
        + "the core SPI, driven by the real Autoscaler";
  }

  @Override
  public Replay replay(Workload w, Profile p, Contender.Autoscaled c) {
    Instant start = START;
    ManualClock clock = ManualClock.at(start);
    SimulatedUnits cloud = new SimulatedUnits(w.values(), w.unitCapacity(), p.boot(), p.drain(), w.demand()[0]);
    ReplayEnv env = new ReplayEnv(w, p, UTILISATION, PENDING, 1.0, start);
    ResourceId id = ResourceId.of(p.kind() == Profile.Kind.EMR ? "emr" : "kinesis", "bench");
    int windowMinutes = (int) Math.max(1, c.settings().monitoringWindow().toMinutes());
    Autoscaler autoscaler = Autoscaler.builder()
        .clock(clock)
        .discoverProviders(false)
        .history(NoHistory.INSTANCE)
        .resource(id, c.settings(),
            (now, window) -> new ResourceState(id, now, cloud.requested(), cloud.booting(),
                Map.of(UTILISATION, cloud.meanUtilisation(windowMinutes), PENDING,
                    cloud.meanPending(windowMinutes)),
                Set.of(), Map.of(), null),
            c.factory().create(env),
            (state, decision) -> {
              int from = cloud.requested();
              cloud.request(decision.targetCapacity());
              return p.boot() == 0 || decision.targetCapacity() < from
                  ? ScalingOutcome.completed(from, decision.targetCapacity(), List.of("request"))
                  : ScalingOutcome.started(from, decision.targetCapacity(), List.of("request"));
            })
        .build();
    for (int m = 0; m < w.minutes(); m++) {
      clock.set(start.plus(Duration.ofMinutes(m)));
      cloud.beginMinute(m);
      if (m % c.interval() == 0) {
        autoscaler.tick();
      }
      cloud.endMinute(m);
    }
    return cloud.replay();
  }
}
