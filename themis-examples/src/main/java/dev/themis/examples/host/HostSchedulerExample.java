package dev.themis.examples.host;

import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import dev.themis.TickReport;
import dev.themis.config.ThemisConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How a host runs Themis against real AWS: its own {@link ScheduledExecutorService} calls {@link Autoscaler#tick()}
 * every {@code tick_interval} (default 3 minutes, as the original's loop). AWS clients come from the default
 * credential chain and region, built by the providers because the host registers none. Dry-run unless started with
 * {@code --apply}.
 *
 * <pre>
 * java -cp ... dev.themis.examples.host.HostSchedulerExample themis.yaml          # dry run
 * java -cp ... dev.themis.examples.host.HostSchedulerExample themis.yaml --apply  # act
 * </pre>
 */
public final class HostSchedulerExample {
  private HostSchedulerExample() {}

  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    Path file = Path.of(arguments.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("themis.yaml"));
    if (!Files.isReadable(file)) {
      System.err.println("HostSchedulerExample: cannot read configuration file " + file.toAbsolutePath()
          + "\nusage: HostSchedulerExample [CONFIG.yaml] [--apply]");
      System.exit(2);
    }
    ThemisConfig config = ThemisConfig.load(file);
    Autoscaler autoscaler = build(config, arguments.contains("--apply"));
    Duration interval = config.global().get(ThemisConfig.TICK_INTERVAL);

    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleWithFixedDelay(() -> print(autoscaler.tick()), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(scheduler::shutdownNow, "themis-shutdown"));
  }

  /** The autoscaler the example runs: everything from the configuration, dry-run unless {@code apply}. */
  public static Autoscaler build(ThemisConfig config, boolean apply) {
    return Autoscaler.builder().configuration(config).dryRun(!apply).build();
  }

  static void print(TickReport report) {
    for (ResourceOutcome o : report.outcomes()) {
      System.out.println(report.startedAt() + " " + o.resource() + " " + o.getClass().getSimpleName() + " "
          + o.reasons());
    }
    report.notes().forEach(n -> System.out.println(report.startedAt() + " note: " + n));
  }
}
