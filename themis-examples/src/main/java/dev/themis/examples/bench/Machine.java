package dev.themis.examples.bench;

/** Names the machine a benchmark ran on, for its report. */
public final class Machine {
  private Machine() {}

  /** The 1-, 5- and 15-minute load averages (Linux), or an empty string where unknown. */
  public static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  public static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format(java.util.Locale.ROOT, "%s %s (%s), %d cores available to the JVM, max heap %d MB, "
        + "Java %s (%s)", System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() >> 20,
        System.getProperty("java.version"), System.getProperty("java.vm.name"));
  }
}
