package dev.themis.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration is invalid. Carries every problem found, not just the first. Subclassed by
 * {@code dev.themis.expr.ExpressionException}, so expression errors aggregate with other problems.
 */
public class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigurationException(List<ConfigProblem> problems) {
    super(format(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public ConfigurationException(ConfigProblem problem) {
    this(List.of(problem));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    return problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
