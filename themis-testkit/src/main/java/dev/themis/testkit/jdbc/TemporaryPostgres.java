package dev.themis.testkit.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} in a temporary folder, started with {@code pg_ctl} on a
 * free loopback port, trust authentication for user {@code themis}, deleted on {@link #close()}. Uses the
 * machine's PostgreSQL server binaries (Debian's {@code postgresql} package; found with {@code pg_config --bindir},
 * under {@code /usr/lib/postgresql/<version>/bin}, or in {@code THEMIS_PG_BIN}). When run as root, the server runs
 * as the {@code postgres} system user, since PostgreSQL refuses to run as root.
 *
 * <p>For speed it runs with {@code fsync = off} (the operating system still gets every commit: {@link #stop()}
 * loses nothing; a machine crash would). A cluster that cannot be found or started throws: a test that needs PostgreSQL fails, it does not skip.
 * {@link #stop()} and {@link #start()} keep the data and the port, to test a database outage.
 *
 * <pre>{@code
 * try (TemporaryPostgres pg = TemporaryPostgres.start("themis")) {
 *   String url = pg.jdbcUrl();   // jdbc:postgresql://127.0.0.1:PORT/themis?user=themis
 * }
 * }</pre>
 */
public final class TemporaryPostgres implements AutoCloseable {
  private static final String USER = "themis";
  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final String database;
  private final boolean asPostgresUser;
  private boolean running;

  private TemporaryPostgres(Path bin, Path dir, int port, String database, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.database = database;
    this.asPostgresUser = asPostgresUser;
  }

  /**
   * Creates, starts and returns a cluster with one database.
   *
   * @param database the database to create (letters, digits and underscores)
   * @throws IllegalStateException if PostgreSQL is not installed or does not start, with its log
   */
  public static TemporaryPostgres start(String database) {
    if (!database.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database: lower-case letters, digits and underscores, was " + database);
    }
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("themis-pg-");
      TemporaryPostgres pg = new TemporaryPostgres(bin, dir, freePort(), database, root);
      try {
        if (root) {
          pg.run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", USER, "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync"), root);
        Files.writeString(pg.data.resolve("postgresql.conf"), String.join("\n",
            "listen_addresses = '127.0.0.1'", "port = " + pg.port, "unix_socket_directories = '" + dir + "'",
            "fsync = off", "full_page_writes = off", "max_connections = 60",
            "shared_buffers = 64MB", "log_min_messages = warning", ""),
            StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        pg.start();
        pg.run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(pg.port),
            "-U", USER, database), root);
        return pg;
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the temporary PostgreSQL cluster", e);
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE?user=themis}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public boolean running() {
    return running;
  }

  /** Starts the (stopped) server on the same port and data; waits until it accepts connections. */
  public synchronized void start() {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w",
        "-t", "60", "start"), asPostgresUser);
    running = true;
  }

  /** Stops the server at once ({@code pg_ctl stop -m immediate}): clients see the database go away. */
  public synchronized void stop() {
    if (running) {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate", "stop"),
          asPostgresUser);
      running = false;
    }
  }

  @Override
  public synchronized void close() {
    try {
      stop();
    } finally {
      deleteQuietly(dir);
    }
  }

  private void run(List<String> command, boolean asPostgres) {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    try {
      Path out = Files.createTempFile(dir, "cmd-", ".out");
      if (asPostgres) {
        run(List.of("chown", "postgres:postgres", out.toString()), false);
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after 120 s: " + String.join(" ", cmd));
      }
      if (p.exitValue() != 0) {
        String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
        throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", cmd) + ":\n"
            + Files.readString(out) + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  private static Path findBin() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("THEMIS_PG_BIN");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
        candidates.add(Path.of(out));
      }
    } catch (IOException e) {
      // no pg_config on the PATH: look in Debian's folder
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.sorted(Comparator.comparing((Path v) -> versionOf(v)).reversed())
            .forEach(v -> candidates.add(v.resolve("bin")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path c : candidates) {
      if (Files.isExecutable(c.resolve("initdb")) && Files.isExecutable(c.resolve("pg_ctl"))) {
        return c;
      }
    }
    throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found in " + candidates
        + ": install them (Debian: apt-get install -y postgresql; .ci/run does) or set THEMIS_PG_BIN");
  }

  private static int versionOf(Path v) {
    try {
      return Integer.parseInt(v.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^0-9].*", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp folder left behind is not worth failing a test for
    }
  }
}
