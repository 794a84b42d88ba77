package dev.themis.expr;

import dev.themis.config.ConfigProblem;
import dev.themis.config.ConfigurationException;
import java.util.List;

/**
 * An expression does not compile: a syntax error, a type error, an unknown name or something the sandbox does not
 * allow. Its single {@link ConfigProblem} names the configuration key, says what is wrong and what was expected,
 * and shows the offending line of the expression with a caret under the position, e.g.
 *
 * <pre>
 * emr.j-1.upscale_expr: unknown variable 'tasknode' (did you mean 'tasknodes'?) at line 1, column 6;
 *   expected one of the variables [allnodes, tasknodes, ...]
 *     3 if tasknode.average.cpu &gt; 0.7 else 0
 *          ^
 * </pre>
 */
public class ExpressionException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String source;
  private final int line;
  private final int column;
  private final String reason;
  private final String expected;

  ExpressionException(String key, String source, int offset, String reason, String expected) {
    super(List.of(new ConfigProblem(key, null, format(source, offset, reason, expected))));
    this.key = key;
    this.source = source;
    int[] lc = lineColumn(source, offset);
    this.line = lc[0];
    this.column = lc[1];
    this.reason = reason;
    this.expected = expected;
  }

  /** The configuration key path of the expression. */
  public String key() {
    return key;
  }

  /** The expression as written. */
  public String source() {
    return source;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }

  /** What is wrong, e.g. {@code unknown variable 'x' (did you mean 'y'?)}. */
  public String reason() {
    return reason;
  }

  /** What was expected at that position. */
  public String expected() {
    return expected;
  }

  static int[] lineColumn(String src, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(offset, src.length()); i++) {
      if (src.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }

  private static String format(String src, int offset, String reason, String expected) {
    int[] lc = lineColumn(src, offset);
    String[] lines = src.split("\n", -1);
    String text = lines[Math.min(lc[0] - 1, lines.length - 1)];
    StringBuilder caret = new StringBuilder();
    for (int i = 1; i < lc[1]; i++) {
      caret.append(i - 1 < text.length() && text.charAt(i - 1) == '\t' ? '\t' : ' ');
    }
    caret.append('^');
    return reason + " at line " + lc[0] + ", column " + lc[1] + "; expected " + expected + "\n      "
        + text + "\n      " + caret;
  }
}
