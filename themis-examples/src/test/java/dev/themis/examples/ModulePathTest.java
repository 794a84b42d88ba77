package dev.themis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jars on the module path, seen from outside (issue 15, item 5): a host module
 * ({@code src/test/resources/modulepath/consumer}) compiled against them with javac and run in its own JVM with
 * {@code --module-path} and {@code -m}, as a host would. The unit tests run on the class path; this is what proves
 * the module descriptors.
 */
class ModulePathTest {
  /** The explicit modules and the packages each exports; the testkit is the automatic module of that name. */
  private static final Map<String, Set<String>> EXPORTS = Map.of(
      "dev.themis.core", Set.of("dev.themis", "dev.themis.clock", "dev.themis.config", "dev.themis.cost",
          "dev.themis.expr", "dev.themis.expr.vars", "dev.themis.history", "dev.themis.policy",
          "dev.themis.schedule", "dev.themis.series", "dev.themis.spi"),
      "dev.themis.emr", Set.of("dev.themis.emr"),
      "dev.themis.kinesis", Set.of("dev.themis.kinesis"),
      "dev.themis.jdbc", Set.of("dev.themis.jdbc"),
      "dev.themis.console", Set.of("dev.themis.console", "dev.themis.console.metrics"));

  private static List<Path> modulePath;
  private static Path sources;

  @BeforeAll
  static void locate() throws Exception {
    String file = System.getProperty("themis.module.path.file");
    assertThat(file).as("system property themis.module.path.file (set by this module's POM)").isNotBlank();
    modulePath = Arrays.stream(Files.readString(Path.of(file)).strip().split(java.io.File.pathSeparator))
        .map(Path::of).toList();
    sources = Path.of(ModulePathTest.class.getResource("/modulepath/consumer/module-info.java").toURI())
        .getParent().getParent();
  }

  @Test
  void everyPublishedModuleHasAStableNameAndExportsOnlyItsApi() {
    ModuleFinder finder = ModuleFinder.of(modulePath.toArray(Path[]::new));
    EXPORTS.forEach((name, exported) -> {
      ModuleDescriptor d = finder.find(name).orElseThrow(() -> new AssertionError(name + " not on " + modulePath))
          .descriptor();
      assertThat(d.isAutomatic()).as(name + " has a module-info.class").isFalse();
      assertThat(d.exports()).as(name).allSatisfy(e -> assertThat(e.isQualified()).as(e.toString()).isFalse());
      assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
          .as(name + " exports").isEqualTo(exported);
      assertThat(d.opens()).as(name + " opens").isEmpty();
    });
    ModuleDescriptor testkit = finder.find("dev.themis.testkit").orElseThrow().descriptor();
    assertThat(testkit.isAutomatic()).as("testkit: named by its manifest").isTrue();
  }

  @Test
  void eachModulesProvidesMatchesItsServiceFilesForTheClassPath() throws IOException {
    ModuleFinder finder = ModuleFinder.of(modulePath.toArray(Path[]::new));
    Map<String, Map<String, List<String>>> seen = new LinkedHashMap<>();
    for (String name : EXPORTS.keySet()) {
      ModuleReference ref = finder.find(name).orElseThrow();
      Map<String, List<String>> declared = new TreeMap<>();
      ref.descriptor().provides().forEach(p -> declared.put(p.service(), p.providers().stream().sorted().toList()));
      Map<String, List<String>> files = new TreeMap<>();
      try (ModuleReader reader = ref.open()) {
        for (String resource : reader.list().filter(r -> r.startsWith("META-INF/services/")
            && !r.endsWith("/")).toList()) {
          files.put(resource.substring("META-INF/services/".length()), serviceFile(reader, resource));
        }
      }
      assertThat(declared).as(name + ": provides in module-info vs META-INF/services").isEqualTo(files);
      seen.put(name, declared);
    }
    assertThat(seen.get("dev.themis.emr")).containsOnlyKeys("dev.themis.spi.ResourceProvider");
    assertThat(seen.get("dev.themis.kinesis")).containsOnlyKeys("dev.themis.spi.ResourceProvider");
    assertThat(seen.get("dev.themis.jdbc")).containsOnlyKeys("dev.themis.spi.CoordinationProvider");
    assertThat(seen.get("dev.themis.core")).containsOnlyKeys("dev.themis.spi.PolicyProvider");
  }

  @Test
  void aHostModuleBuildsAnAutoscalerFindsTheProvidersAndRunsASandboxedExpression(@TempDir Path tmp)
      throws Exception {
    Run run = runConsumer(tmp, modulePath, List.of());

    // Themis ran as named modules, not on a class path.
    assertThat(run.lines().get("layer")).as(run.report()).isEqualTo("dev.themis.core");
    // provides/uses: both resource types, each from its own module.
    assertThat(run.lines().get("providers")).as(run.report())
        .isEqualTo("emr@dev.themis.emr,kinesis@dev.themis.kinesis");
    // The core found the kinesis provider, compiled its default expressions and acted on the simulated stream.
    assertThat(run.lines().get("tick")).as(run.report()).startsWith("Applied ").contains("stream_upscale_expr");
    // Janino's class (an unnamed module) read the host's exported variable type: 3 shards + 2 at load 0.9.
    assertThat(run.lines().get("expression")).as(run.report()).isEqualTo("5");
    // ...and the sandbox still refuses what is not an expression over variables and allowed functions.
    assertThat(run.lines().get("sandbox.1")).as(run.report()).startsWith("rejected: ").contains("host.evil.1");
    assertThat(run.lines().get("sandbox.2")).as(run.report()).startsWith("rejected: ").contains("host.evil.2");
    // The core read RE2/J (no module name: see ScheduleEntry) for a time_based_scaling floor.
    assertThat(run.lines().get("schedule")).as(run.report()).isEqualTo("OptionalInt[4]");
    assertThat(run.lines().get("internal")).as(run.report()).startsWith("denied: ")
        .contains("does not export dev.themis.kinesis.internal");
  }

  @Test
  void theCoreReadsRe2jFromTheClassPathToo(@TempDir Path tmp) throws Exception {
    // On the module path RE2/J is an automatic module, which the core would also read through Janino's (automatic
    // modules read each other); from the class path only the edge ScheduleEntry adds lets the core reach it.
    List<Path> re2j = modulePath.stream().filter(p -> p.getFileName().toString().startsWith("re2j-")).toList();
    assertThat(re2j).as("RE2/J on " + modulePath).hasSize(1);
    List<Path> modules = modulePath.stream().filter(p -> !re2j.contains(p)).toList();

    Run run = runConsumer(tmp, modules, re2j);

    assertThat(run.lines().get("schedule")).as(run.report()).isEqualTo("OptionalInt[4]");
  }

  @Test
  void aModuleThatImportsAProvidersInternalPackageDoesNotCompile(@TempDir Path tmp) throws IOException {
    List<Diagnostic<? extends JavaFileObject>> problems = javac(sources.resolve("intruder"), tmp);

    assertThat(problems).as("javac of a module importing dev.themis.kinesis.internal")
        .anySatisfy(d -> {
          assertThat(d.getKind()).isEqualTo(Diagnostic.Kind.ERROR);
          assertThat(d.getCode()).isEqualTo("compiler.err.package.not.visible");
          assertThat(d.getMessage(null)).contains("dev.themis.kinesis.internal");
        });
  }

  /** What the consumer printed ({@code key=value} lines) and, for failure messages, how it ran. */
  private record Run(Map<String, String> lines, String report) {}

  /** Compiles the consumer module and runs it in a JVM of its own; fails unless it exits with 0. */
  private static Run runConsumer(Path tmp, List<Path> modules, List<Path> classPath) throws Exception {
    Path classes = tmp.resolve("consumer");
    List<Diagnostic<? extends JavaFileObject>> problems = javac(sources.resolve("consumer"), classes);
    assertThat(problems).as("javac of the consumer module").noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--module-path",
        path(Stream.concat(Stream.of(classes), modules.stream()).toList())));
    if (!classPath.isEmpty()) {
      command.addAll(List.of("--class-path", path(classPath)));
    }
    command.addAll(List.of("-m", "modulepath.consumer/modulepath.consumer.Main"));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String stdout = Files.readString(out);
    String report = "command: " + String.join(" ", command) + "\nstdout:\n" + stdout + "\nstderr:\n"
        + Files.readString(err);
    assertThat(exited).as(report).isTrue();
    assertThat(process.exitValue()).as(report).isZero();
    Map<String, String> lines = new LinkedHashMap<>();
    stdout.lines().filter(l -> l.contains("=")).forEach(l -> lines.put(l.substring(0, l.indexOf('=')),
        l.substring(l.indexOf('=') + 1)));
    return new Run(lines, report);
  }

  private static String path(List<Path> entries) {
    return entries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
  }

  /** Compiles the module whose sources are under {@code root}; returns javac's errors and warnings. */
  private static List<Diagnostic<? extends JavaFileObject>> javac(Path root, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options = List.of("--release", "17", "-d", classes.toString(), "--module-path", path(modulePath));
      javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
    }
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE).toList();
  }

  private static List<String> serviceFile(ModuleReader reader, String resource) throws IOException {
    try (InputStream in = reader.open(resource).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("#.*", "").strip())
          .filter(l -> !l.isEmpty()).sorted().toList();
    }
  }
}
