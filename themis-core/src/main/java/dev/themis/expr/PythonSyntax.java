package dev.themis.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The original Themis's Python expression forms, and their Java equivalents. The compiler accepts both directly
 * (one parser, one AST, so error carets point into the text as written); {@link #translate(String)} shows the Java
 * form of an expression, e.g. to migrate configurations:
 *
 * <table>
 *   <caption>Python forms and their Java equivalents</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code x if c else y}</td><td>{@code (c ? x : y)}</td></tr>
 *   <tr><td>{@code a and b}, {@code a or b}, {@code not a}</td><td>{@code a && b}, {@code a || b}, {@code !a}</td></tr>
 *   <tr><td>{@code True}, {@code False}, {@code None}</td><td>{@code true}, {@code false}, {@code null}</td></tr>
 *   <tr><td>{@code a // b}, {@code a ** b}</td><td>{@code Math.floorDiv(a, b)}, {@code Math.pow(a, b)}</td></tr>
 *   <tr><td>{@code 1 < x <= 5}</td><td>{@code (1 < x && x <= 5)}</td></tr>
 *   <tr><td>{@code x['average']}</td><td>{@code x.average}</td></tr>
 *   <tr><td>{@code 'text'}</td><td>{@code "text"}</td></tr>
 * </table>
 */
public final class PythonSyntax {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PythonSyntax() {}

  /**
   * The expression in Java syntax. Java input comes back equivalent (normalised parentheses and spacing).
   *
   * @throws ExpressionException (key {@code expression}) if it does not parse
   */
  public static String translate(String source) {
    try {
      return print(Parser.parse(source));
    } catch (SyntaxError e) {
      throw new ExpressionException("expression", source, e.pos, e.getMessage(), e.expected);
    }
  }

  private static String print(Node n) {
    if (n instanceof Node.Lit lit) {
      Object v = lit.value;
      if (v == null) {
        return "null";
      }
      if (v instanceof String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      }
      return v.toString();
    }
    if (n instanceof Node.Name name) {
      return name.name;
    }
    if (n instanceof Node.Member m) {
      return IDENT.matcher(m.name).matches() ? print(m.target) + "." + m.name
          : print(m.target) + "[\"" + m.name + "\"]";
    }
    if (n instanceof Node.Call c) {
      List<String> args = new ArrayList<>();
      for (Node a : c.args) {
        args.add(print(a));
      }
      return print(c.callee) + "(" + String.join(", ", args) + ")";
    }
    if (n instanceof Node.Index i) {
      return print(i.target) + "[" + print(i.index) + "]";
    }
    if (n instanceof Node.Unary u) {
      return u.op + paren(u.operand);
    }
    if (n instanceof Node.Binary b) {
      if (b.op.equals("//")) {
        return "Math.floorDiv(" + print(b.left) + ", " + print(b.right) + ")";
      }
      if (b.op.equals("**")) {
        return "Math.pow(" + print(b.left) + ", " + print(b.right) + ")";
      }
      return "(" + print(b.left) + " " + b.op + " " + print(b.right) + ")";
    }
    if (n instanceof Node.Compare c) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < c.ops.size(); i++) {
        parts.add(print(c.operands.get(i)) + " " + c.ops.get(i) + " " + print(c.operands.get(i + 1)));
      }
      return "(" + String.join(" && ", parts) + ")";
    }
    if (n instanceof Node.Cond c) {
      return "(" + print(c.cond) + " ? " + print(c.then) + " : " + print(c.otherwise) + ")";
    }
    Node.ListLit l = (Node.ListLit) n;
    List<String> items = new ArrayList<>();
    for (Node item : l.items) {
      items.add(print(item));
    }
    return "[" + String.join(", ", items) + "]";
  }

  private static String paren(Node n) {
    String s = print(n);
    return n instanceof Node.Name || n instanceof Node.Member || n instanceof Node.Call ? s : "(" + s + ")";
  }
}
