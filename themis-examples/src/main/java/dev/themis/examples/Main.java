package dev.themis.examples;

import dev.themis.examples.bench.BenchCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The examples' command line: {@code java dev.themis.examples.Main <command> [args...]}. Each command is a
 * {@link Command} registered in {@link #COMMANDS}.
 */
public final class Main {
  /** Subcommand name to command. Add new commands here. */
  static final Map<String, Supplier<Command>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("demo", dev.themis.examples.demo.DemoCommand::new);
    COMMANDS.put("bench", BenchCommand::new);
  }

  private Main() {}

  public static void main(String[] args) {
    int code = run(Arrays.asList(args), System.out, System.err);
    System.out.flush();
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Dispatches to a command and returns its exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help") || args.get(0).equals("help")) {
      usage(args.isEmpty() ? err : out);
      return args.isEmpty() ? Command.USAGE : 0;
    }
    Supplier<Command> command = COMMANDS.get(args.get(0));
    if (command == null) {
      err.println("unknown command '" + args.get(0) + "'; known commands: " + String.join(", ", COMMANDS.keySet()));
      usage(err);
      return Command.USAGE;
    }
    return command.get().run(args.subList(1, args.size()), out, err);
  }

  static void usage(PrintStream out) {
    out.println("usage: themis-examples <command> [args...]");
    out.println();
    for (Map.Entry<String, Supplier<Command>> e : COMMANDS.entrySet()) {
      out.printf("  %-8s %s%n", e.getKey(), e.getValue().get().summary());
    }
  }
}
