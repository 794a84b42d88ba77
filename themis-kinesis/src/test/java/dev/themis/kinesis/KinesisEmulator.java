package dev.themis.kinesis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * The kinesis-local emulator (npm {@code kinesis-local}, pinned in the repository's package.json and installed by
 * the build) running as a child process on a free loopback port. One per test JVM, started by
 * {@link KinesisEmulatorExtension} and stopped when the test run ends.
 */
public final class KinesisEmulator implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private KinesisEmulator(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static KinesisEmulator start() {
    Path main = findMain();
    int plain = freePort();
    int tls = freePort();
    Path log = Path.of("target", "kinesis-local-" + plain + ".log").toAbsolutePath();
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder("node", main.toString())
          .directory(main.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("KINESIS_MOCK_CERT_PATH", main.getParent().resolve("server.json").toString());
      env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plain));
      env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tls));
      for (String op : List.of("CREATE_STREAM", "DELETE_STREAM", "UPDATE_SHARD_COUNT", "SPLIT_SHARD", "MERGE_SHARDS",
          "UPDATE_STREAM_MODE")) {
        env.put(op + "_DURATION", "150ms");
      }
      env.put("SHARD_LIMIT", "1000");
      env.put("LOG_LEVEL", "WARN");
      env.put("SHOULD_PERSIST_DATA", "false");
      env.put("LOAD_DATA_IF_EXISTS", "false");
      Process p = pb.start();
      KinesisEmulator e = new KinesisEmulator(p, plain, log);
      Runtime.getRuntime().addShutdownHook(new Thread(e::close));
      e.awaitReady();
      return e;
    } catch (IOException ex) {
      throw new UncheckedIOException("could not start the Kinesis emulator (" + main + "); is node installed?", ex);
    }
  }

  /** Waits until the emulator answers, through the SDK's own retries (fixed 100 ms backoff, 150 attempts). */
  private void awaitReady() {
    try (KinesisClient k = client(b -> b.retryStrategy(StandardRetryStrategy.builder()
        .maxAttempts(150).backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
        .circuitBreakerEnabled(false).retryOnException(t -> process.isAlive()).build()))) {
      k.listStreams();
    } catch (RuntimeException e) {
      throw new IllegalStateException("the Kinesis emulator did not answer on port " + port + "; log: " + readLog(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A real KinesisClient for the emulator. */
  public KinesisClient client(ExecutionInterceptor... interceptors) {
    return client(b -> {
      for (ExecutionInterceptor i : interceptors) {
        b.addExecutionInterceptor(i);
      }
    });
  }

  public KinesisClient client(java.util.function.Consumer<ClientOverrideConfiguration.Builder> override) {
    return KinesisClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEMULATOR", "secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(b -> {
          b.retryStrategy(StandardRetryStrategy.builder().maxAttempts(1).build());
          override.accept(b);
        })
        .build();
  }

  /** Waits (SDK waiter, 50 ms fixed backoff) until the stream is ACTIVE. */
  public static void awaitActive(KinesisClient k, String stream) {
    try (KinesisWaiter w = KinesisWaiter.builder().client(k)
        .overrideConfiguration(WaiterOverrideConfiguration.builder()
            .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50))).maxAttempts(400).build())
        .build()) {
      w.waitUntilStreamExists(r -> r.streamName(stream));
    }
  }

  /** Waits (SDK waiter) until the stream is gone. */
  public static void awaitDeleted(KinesisClient k, String stream) {
    try (KinesisWaiter w = KinesisWaiter.builder().client(k)
        .overrideConfiguration(WaiterOverrideConfiguration.builder()
            .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50))).maxAttempts(400).build())
        .build()) {
      w.waitUntilStreamNotExists(r -> r.streamName(stream));
    }
  }

  /** Creates a stream and waits until it is ACTIVE. */
  public static void createStream(KinesisClient k, String stream, int shards) {
    k.createStream(r -> r.streamName(stream).shardCount(shards));
    awaitActive(k, stream);
  }

  /** The open shards, ordered by starting hash key. */
  public static List<Shard> openShards(KinesisClient k, String stream) {
    List<Shard> all = new java.util.ArrayList<>();
    String token = null;
    do {
      String t = token;
      var r = k.listShards(b -> {
        if (t == null) {
          b.streamName(stream);
        } else {
          b.nextToken(t);
        }
      });
      all.addAll(r.shards());
      token = r.nextToken();
    } while (token != null);
    return all.stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
        .sorted(Comparator.comparing((Shard s) -> new java.math.BigInteger(s.hashKeyRange().startingHashKey())))
        .toList();
  }

  public String readLog() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Path findMain() {
    String root = System.getProperty("themis.root");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path main = dir.resolve("node_modules/kinesis-local/main.js");
      if (Files.isRegularFile(main)) {
        return main;
      }
    }
    throw new IllegalStateException("node_modules/kinesis-local/main.js not found above " + start
        + "; run 'npm ci' in the repository root (the Maven build does it when it is missing)");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  File logFile() {
    return log.toFile();
  }
}
