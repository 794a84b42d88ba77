package modulepath.consumer;

import dev.themis.Autoscaler;
import dev.themis.ResourceId;
import dev.themis.ResourceOutcome;
import dev.themis.ResourceSpec;
import dev.themis.TickReport;
import dev.themis.clock.ManualClock;
import dev.themis.expr.ExpressionCompiler;
import dev.themis.expr.ExpressionException;
import dev.themis.expr.IntExpression;
import dev.themis.expr.Variables;
import dev.themis.schedule.Schedule;
import dev.themis.spi.ResourceProvider;
import dev.themis.testkit.Trace;
import dev.themis.testkit.kinesis.SimulatedKinesis;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import modulepath.consumer.vars.HostVars;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Prints one {@code key=value} line per check; ModulePathTest reads them. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println("layer=" + (Main.class.getModule().isNamed() && Autoscaler.class.getModule().isNamed()
        ? Autoscaler.class.getModule().getName() : "unnamed"));

    // The providers, found through the modules' provides/uses.
    TreeSet<String> types = new TreeSet<>();
    ServiceLoader.load(ResourceProvider.class).forEach(p -> types.add(p.type() + "@" + p.getClass().getModule()
        .getName()));
    System.out.println("providers=" + String.join(",", types));

    // An autoscaler: the core finds the kinesis provider itself, compiles its default expressions and ticks.
    ManualClock clock = ManualClock.at(Instant.parse("2020-01-01T00:00:00Z"));
    SimulatedKinesis kinesis = SimulatedKinesis.builder(clock).updateDuration(Duration.ofMinutes(1)).build();
    kinesis.createStream("events", 2, clock.instant().minus(Duration.ofHours(1)));
    double[] perMinute = new double[120];
    Arrays.fill(perMinute, 400_000);
    kinesis.incomingRecords("events", Trace.perMinute("records", perMinute).anchoredAt(clock.instant()
        .minus(Duration.ofHours(1))));
    kinesis.bytesPerRecord("events", 200);
    Autoscaler autoscaler = Autoscaler.builder().clock(clock)
        .component(KinesisClient.class, kinesis).component(CloudWatchClient.class, kinesis.cloudWatch())
        .resource(ResourceSpec.of("kinesis", "events", Map.of("min_capacity", "1", "max_capacity", "16")))
        .build();
    TickReport report = autoscaler.tick();
    ResourceOutcome outcome = report.outcome(ResourceId.of("kinesis", "events")).orElseThrow();
    System.out.println("tick=" + outcome.getClass().getSimpleName()
        + (outcome instanceof ResourceOutcome.Applied a ? " " + a.decision() : " " + outcome));

    // A user expression through the Janino sandbox, reading a variable of the host's own module.
    Variables vars = Variables.builder().add("host", HostVars.class).add("shards", long.class).build();
    ExpressionCompiler compiler = ExpressionCompiler.create();
    IntExpression e = compiler.compileInt("host.expr", "shards + 2 if host.load() > 0.7 else shards", vars);
    System.out.println("expression=" + e.evaluate(vars.bind(Map.of("host", new HostVars(0.9), "shards", 3L))));
    String[] escapes = {"new Object(){int f(){System.exit(7);return 0;}}.f()", "java.lang.System.exit(7)"};
    for (int i = 0; i < escapes.length; i++) {
      String key = "sandbox." + (i + 1);
      try {
        compiler.compileInt("host.evil." + (i + 1), escapes[i], vars);
        System.out.println(key + "=accepted");
      } catch (ExpressionException rejected) {
        System.out.println(key + "=rejected: " + rejected.getMessage().replace('\n', ' '));
      }
    }

    // The original's time_based_scaling regexes run on RE2/J, a jar without a module name: 2020-01-01 is a Wednesday.
    System.out.println("schedule=" + Schedule.parseTimeBasedScaling("host.time_based_scaling",
        "{\"(Wed|Thu) .* 0[0-9]:.*\": 4}", ZoneOffset.UTC).floorAt(clock.instant()));

    // The providers' implementation packages are not exported: reflection cannot reach into them.
    Class<?> internal = Class.forName("dev.themis.kinesis.internal.KinesisProvider");
    try {
      internal.getConstructor().newInstance();
      System.out.println("internal=accessible");
    } catch (IllegalAccessException denied) {
      System.out.println("internal=denied: " + denied.getMessage());
    }
  }
}
