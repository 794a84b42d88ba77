package dev.themis.examples;

import java.io.PrintStream;
import java.util.List;

/** A subcommand of {@link Main}. */
public interface Command {
  /** Exit code when the command line is wrong (unknown option, unreadable file). */
  int USAGE = 2;

  /** One line for {@code Main}'s usage text. */
  String summary();

  /**
   * Runs the command.
   *
   * @param args the arguments after the subcommand's name
   * @return the process exit code: 0 on success, {@link #USAGE} for a bad command line, 1 for a failure
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
