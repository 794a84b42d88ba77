package dev.themis.examples.bench;

/** Names the machine a benchmark ran on, for its report. */
public final class Machine {
  private Machine() {}

  public static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format(java.util.Locale.ROOT, "%s %s (%s), %d cores available to the JVM, max heap %d MB, "
        + "Java %s (%s)", System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() >> 20,
        System.getProperty("java.version"), System.getProperty("java.vm.name"));
  }
}
