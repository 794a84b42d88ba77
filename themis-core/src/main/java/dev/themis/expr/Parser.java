package dev.themis.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses both expression syntaxes into one AST: Java ({@code c ? a : b}, {@code &&}, {@code ||}, {@code !},
 * {@code true}, {@code null}) and the original's Python forms ({@code a if c else b}, {@code and}, {@code or},
 * {@code not}, {@code True}, {@code None}, {@code //}, {@code **}, chained comparisons, {@code x['name']}).
 *
 * <p>The grammar has no statements, assignments, object or array creation, lambdas or class bodies, so whatever
 * parses is a pure expression: that is the sandbox's first layer.
 */
final class Parser {
  static final int MAX_LENGTH = 4000;
  static final int MAX_DEPTH = 64;

  private static final Map<String, String> FORBIDDEN_WORDS = Map.ofEntries(
      Map.entry("new", "creating objects or arrays is not allowed in expressions"),
      Map.entry("class", "class literals and class bodies are not allowed in expressions"),
      Map.entry("this", "'this' is not available in expressions"),
      Map.entry("super", "'super' is not available in expressions"),
      Map.entry("instanceof", "'instanceof' is not allowed in expressions"),
      Map.entry("lambda", "lambdas are not allowed in expressions"),
      Map.entry("import", "imports are not allowed in expressions"),
      Map.entry("for", "loops are not allowed in expressions"),
      Map.entry("while", "loops are not allowed in expressions"),
      Map.entry("do", "loops are not allowed in expressions"),
      Map.entry("return", "statements are not allowed in expressions"),
      Map.entry("throw", "statements are not allowed in expressions"),
      Map.entry("try", "statements are not allowed in expressions"),
      Map.entry("switch", "statements are not allowed in expressions"),
      Map.entry("synchronized", "statements are not allowed in expressions"),
      Map.entry("assert", "statements are not allowed in expressions"),
      Map.entry("var", "declarations are not allowed in expressions"),
      Map.entry("final", "declarations are not allowed in expressions"),
      Map.entry("static", "declarations are not allowed in expressions"),
      Map.entry("def", "definitions are not allowed in expressions"),
      Map.entry("exec", "'exec' is not available in expressions"),
      Map.entry("eval", "'eval' is not available in expressions"),
      Map.entry("yield", "'yield' is not allowed in expressions"),
      Map.entry("await", "'await' is not allowed in expressions"),
      Map.entry("is", "'is' is not supported; use == or !="),
      Map.entry("in", "'in' is not supported"));

  private static final String EXPECTED_OPERAND =
      "a number, a string, a variable, a function call or a parenthesised expression";

  private final String src;
  private int p;
  private int depth;
  // current token
  private TokKind kind;
  private String text;
  private Object value;
  private int tokPos;

  private enum TokKind { NUM, STR, IDENT, OP, EOF }

  private Parser(String src) {
    this.src = src;
  }

  static Node parse(String src) throws SyntaxError {
    if (src.length() > MAX_LENGTH) {
      throw new SyntaxError(MAX_LENGTH, "expression too long (" + src.length() + " characters)",
          "at most " + MAX_LENGTH + " characters");
    }
    Parser parser = new Parser(src);
    parser.next();
    if (parser.kind == TokKind.EOF) {
      throw new SyntaxError(0, "empty expression", "an expression");
    }
    Node n = parser.conditional();
    if (parser.kind != TokKind.EOF) {
      throw parser.unexpected("an operator or the end of the expression");
    }
    depth(n);
    return n;
  }

  static final int MAX_TREE_DEPTH = 100;

  /** Long operator chains nest the tree (and the generated code) deeply; Janino and the JVM need a bound. */
  private static int depth(Node n) throws SyntaxError {
    int d = 0;
    for (Node c : n.children()) {
      d = Math.max(d, depth(c));
    }
    if (d + 1 > MAX_TREE_DEPTH) {
      throw new SyntaxError(n.pos, "expression nested too deeply (more than " + MAX_TREE_DEPTH
          + " operations inside each other)", "a simpler expression, e.g. max(a, b, c) instead of long chains");
    }
    return d + 1;
  }

  // ---------------------------------------------------------------- grammar

  private Node conditional() throws SyntaxError {
    enter();
    Node n = logicalOr();
    if (isWord("if")) {
      int at = tokPos;
      next();
      Node cond = logicalOr();
      if (!isWord("else")) {
        throw unexpected("'else' (Python form: x if condition else y)");
      }
      next();
      Node otherwise = conditional();
      n = new Node.Cond(at, cond, n, otherwise);
    } else if (isOp("?")) {
      int at = tokPos;
      next();
      Node then = conditional();
      expectOp(":", "':' (Java form: condition ? x : y)");
      Node otherwise = conditional();
      n = new Node.Cond(at, n, then, otherwise);
    }
    depth--;
    return n;
  }

  private Node logicalOr() throws SyntaxError {
    Node n = logicalAnd();
    while (isWord("or") || isOp("||")) {
      int at = tokPos;
      next();
      n = new Node.Binary(at, "||", n, logicalAnd());
    }
    return n;
  }

  private Node logicalAnd() throws SyntaxError {
    Node n = logicalNot();
    while (isWord("and") || isOp("&&")) {
      int at = tokPos;
      next();
      n = new Node.Binary(at, "&&", n, logicalNot());
    }
    return n;
  }

  private Node logicalNot() throws SyntaxError {
    if (isWord("not")) {
      int at = tokPos;
      next();
      enter();
      Node operand = logicalNot();
      depth--;
      return new Node.Unary(at, "!", operand);
    }
    return comparison();
  }

  private Node comparison() throws SyntaxError {
    Node first = additive();
    if (!isCompareOp()) {
      return first;
    }
    List<Node> operands = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    List<Integer> opPos = new ArrayList<>();
    operands.add(first);
    while (isCompareOp()) {
      ops.add(text);
      opPos.add(tokPos);
      next();
      operands.add(additive());
    }
    return new Node.Compare(opPos.get(0), operands, ops, opPos);
  }

  private boolean isCompareOp() {
    return kind == TokKind.OP
        && (text.equals("<") || text.equals("<=") || text.equals(">") || text.equals(">=") || text.equals("==")
            || text.equals("!="));
  }

  private Node additive() throws SyntaxError {
    Node n = multiplicative();
    while (isOp("+") || isOp("-")) {
      String op = text;
      int at = tokPos;
      next();
      n = new Node.Binary(at, op, n, multiplicative());
    }
    return n;
  }

  private Node multiplicative() throws SyntaxError {
    Node n = unary();
    while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
      String op = text;
      int at = tokPos;
      next();
      n = new Node.Binary(at, op, n, unary());
    }
    return n;
  }

  private Node unary() throws SyntaxError {
    if (isOp("-") || isOp("+") || isOp("!")) {
      String op = text;
      int at = tokPos;
      next();
      enter();
      Node operand = unary();
      depth--;
      // fold negative literals so that -9223372036854775808 and shards_list[-1] work
      if (op.equals("-") && operand instanceof Node.Lit lit && lit.value instanceof Number num
          && !(lit.value instanceof Long l && l == Long.MIN_VALUE)) {
        return new Node.Lit(at, num instanceof Long l ? (Object) (-l) : (Object) (-num.doubleValue()));
      }
      return new Node.Unary(at, op, operand);
    }
    return power();
  }

  private Node power() throws SyntaxError {
    Node n = postfix();
    if (isOp("**")) {
      int at = tokPos;
      next();
      enter();
      Node exp = unary();
      depth--;
      n = new Node.Binary(at, "**", n, exp);
    }
    return n;
  }

  private Node postfix() throws SyntaxError {
    Node n = primary();
    while (true) {
      if (isOp(".")) {
        next();
        if (kind != TokKind.IDENT) {
          throw unexpected("a field or method name after '.'");
        }
        checkWord();
        n = new Node.Member(tokPos, n, text);
        next();
      } else if (isOp("(")) {
        int at = tokPos;
        next();
        List<Node> args = new ArrayList<>();
        if (!isOp(")")) {
          args.add(conditional());
          while (isOp(",")) {
            next();
            args.add(conditional());
          }
        }
        expectOp(")", "',' or ')' to close the argument list");
        n = new Node.Call(at, n, args);
      } else if (isOp("[")) {
        int at = tokPos;
        next();
        Node index = conditional();
        expectOp("]", "']'");
        if (index instanceof Node.Lit lit && lit.value instanceof String s) {
          n = new Node.Member(index.pos, n, s); // x['IncomingBytes'] is x.IncomingBytes
        } else {
          n = new Node.Index(at, n, index);
        }
      } else {
        return n;
      }
    }
  }

  private Node primary() throws SyntaxError {
    int at = tokPos;
    switch (kind) {
      case NUM:
      case STR: {
        Object v = value;
        next();
        return new Node.Lit(at, v);
      }
      case IDENT: {
        String w = text;
        switch (w) {
          case "True":
          case "true":
            next();
            return new Node.Lit(at, Boolean.TRUE);
          case "False":
          case "false":
            next();
            return new Node.Lit(at, Boolean.FALSE);
          case "None":
          case "null":
            next();
            return new Node.Lit(at, null);
          case "and":
          case "or":
          case "not":
          case "if":
          case "else":
            throw unexpected(EXPECTED_OPERAND);
          default:
            checkWord();
            next();
            return new Node.Name(at, w);
        }
      }
      case OP:
        if (isOp("(")) {
          next();
          enter();
          Node n = conditional();
          depth--;
          expectOp(")", "')'");
          return n;
        }
        if (isOp("[")) {
          next();
          enter();
          List<Node> items = new ArrayList<>();
          if (!isOp("]")) {
            items.add(conditional());
            while (isOp(",")) {
              next();
              items.add(conditional());
            }
          }
          depth--;
          expectOp("]", "',' or ']' to close the list");
          return new Node.ListLit(at, items);
        }
        throw unexpected(EXPECTED_OPERAND);
      default:
        throw unexpected(EXPECTED_OPERAND);
    }
  }

  private void checkWord() throws SyntaxError {
    String why = FORBIDDEN_WORDS.get(text);
    if (why != null) {
      throw new SyntaxError(tokPos, "'" + text + "' is not allowed: " + why,
          "an expression over the declared variables and allowed functions");
    }
  }

  private void enter() throws SyntaxError {
    if (++depth > MAX_DEPTH) {
      throw new SyntaxError(tokPos, "expression nested too deeply", "at most " + MAX_DEPTH + " levels of nesting");
    }
  }

  private boolean isOp(String op) {
    return kind == TokKind.OP && text.equals(op);
  }

  private boolean isWord(String w) {
    return kind == TokKind.IDENT && text.equals(w);
  }

  private void expectOp(String op, String expected) throws SyntaxError {
    if (!isOp(op)) {
      throw unexpected(expected);
    }
    next();
  }

  private SyntaxError unexpected(String expected) {
    if (kind == TokKind.IDENT && FORBIDDEN_WORDS.containsKey(text)) {
      return new SyntaxError(tokPos, "'" + text + "' is not allowed: " + FORBIDDEN_WORDS.get(text),
          "an expression over the declared variables and allowed functions");
    }
    String found = kind == TokKind.EOF ? "end of expression" : "'" + text + "'";
    return new SyntaxError(tokPos, "unexpected " + found, expected);
  }

  // ---------------------------------------------------------------- lexer

  private void next() throws SyntaxError {
    while (p < src.length() && Character.isWhitespace(src.charAt(p))) {
      p++;
    }
    tokPos = p;
    value = null;
    if (p >= src.length()) {
      kind = TokKind.EOF;
      text = "";
      return;
    }
    char c = src.charAt(p);
    if (c > 0x7e) {
      throw new SyntaxError(p, "unexpected character '" + c + "' (U+" + String.format("%04X", (int) c) + ")",
          "ASCII expression text");
    }
    if (Character.isLetter(c) || c == '_') {
      int s = p;
      while (p < src.length() && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')
          && src.charAt(p) <= 0x7e) {
        p++;
      }
      kind = TokKind.IDENT;
      text = src.substring(s, p);
      return;
    }
    if (Character.isDigit(c) || (c == '.' && p + 1 < src.length() && Character.isDigit(src.charAt(p + 1)))) {
      number();
      return;
    }
    if (c == '"' || c == '\'') {
      string(c);
      return;
    }
    kind = TokKind.OP;
    String two = p + 1 < src.length() ? src.substring(p, p + 2) : "";
    switch (two) {
      case "<=":
      case ">=":
      case "==":
      case "!=":
      case "&&":
      case "||":
      case "//":
      case "**":
        text = two;
        p += 2;
        return;
      case "->":
        throw new SyntaxError(p, "'->' is not allowed: lambdas are not allowed in expressions", "an operator");
      case "::":
        throw new SyntaxError(p, "'::' is not allowed: method references are not allowed in expressions",
            "an operator");
      case "++":
      case "--":
        throw new SyntaxError(p, "'" + two + "' is not allowed: expressions cannot change variables",
            "an operator");
      case "<<":
      case ">>":
        throw new SyntaxError(p, "'" + two + "': bitwise operators are not supported", "an operator");
      case "/*":
        throw new SyntaxError(p, "comments are not allowed in expressions", "an operator");
      default:
        break;
    }
    switch (c) {
      case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '!': case '?': case ':':
      case '(': case ')': case '[': case ']': case ',': case '.':
        text = String.valueOf(c);
        p++;
        return;
      case '=':
        throw new SyntaxError(p, "'=' is not allowed: expressions cannot assign; did you mean '=='?", "an operator");
      case '{': case '}': case ';':
        throw new SyntaxError(p, "'" + c + "' is not allowed: expressions cannot contain blocks or statements",
            "an operator or operand");
      case '&': case '|': case '^': case '~':
        throw new SyntaxError(p, "'" + c + "': bitwise operators are not supported; use 'and', 'or', 'not'"
            + " (or &&, ||, !)", "an operator");
      case '#':
        throw new SyntaxError(p, "comments are not allowed in expressions", "an operator or operand");
      case '\\':
        throw new SyntaxError(p, "'\\' is only allowed inside string literals", "an operator or operand");
      case '@':
        throw new SyntaxError(p, "annotations and decorators are not allowed in expressions",
            "an operator or operand");
      default:
        throw new SyntaxError(p, "unexpected character '" + printable(c) + "'", "an operator or operand");
    }
  }

  private static String printable(char c) {
    return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private void number() throws SyntaxError {
    int s = p;
    boolean floating = false;
    while (p < src.length() && Character.isDigit(src.charAt(p))) {
      p++;
    }
    if (p < src.length() && src.charAt(p) == '.' && !(p + 1 < src.length() && Character.isLetter(src.charAt(p + 1)))) {
      floating = true;
      p++;
      while (p < src.length() && Character.isDigit(src.charAt(p))) {
        p++;
      }
    }
    if (p < src.length() && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
      int save = p;
      p++;
      if (p < src.length() && (src.charAt(p) == '+' || src.charAt(p) == '-')) {
        p++;
      }
      if (p < src.length() && Character.isDigit(src.charAt(p))) {
        floating = true;
        while (p < src.length() && Character.isDigit(src.charAt(p))) {
          p++;
        }
      } else {
        p = save;
      }
    }
    String digits = src.substring(s, p);
    if (p < src.length()) {
      char suffix = src.charAt(p);
      if (suffix == 'L' || suffix == 'l') {
        if (floating) {
          throw new SyntaxError(p, "malformed number '" + src.substring(s, p + 1) + "'", "a number");
        }
        p++;
      } else if (suffix == 'D' || suffix == 'd' || suffix == 'F' || suffix == 'f') {
        floating = true;
        p++;
      }
    }
    if (p < src.length() && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
      throw new SyntaxError(s, "malformed number '" + src.substring(s, p + 1) + "'",
          "a decimal number such as 3, 0.5 or 1e6");
    }
    kind = TokKind.NUM;
    text = src.substring(s, p);
    try {
      value = floating ? (Object) Double.parseDouble(digits) : (Object) Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new SyntaxError(s, "number out of range: " + digits, "an integer between -2^63 and 2^63-1");
    }
  }

  private void string(char quote) throws SyntaxError {
    int s = p;
    p++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (p >= src.length()) {
        throw new SyntaxError(s, "unterminated string literal", "a closing " + quote);
      }
      char c = src.charAt(p);
      if (c == quote) {
        p++;
        break;
      }
      if (c < 0x20 || c > 0x7e) {
        throw new SyntaxError(p, "string literals may contain printable ASCII characters only",
            "a printable character or " + quote);
      }
      if (c == '\\') {
        if (p + 1 >= src.length()) {
          throw new SyntaxError(p, "unterminated string literal", "a closing " + quote);
        }
        char e = src.charAt(p + 1);
        switch (e) {
          case '\\': case '\'': case '"':
            sb.append(e);
            break;
          default:
            throw new SyntaxError(p, "unsupported escape '\\" + e + "' in string literal",
                "one of \\\\, \\' or \\\"");
        }
        p += 2;
        continue;
      }
      sb.append(c);
      p++;
      if (sb.length() > 256) {
        throw new SyntaxError(s, "string literal too long", "at most 256 characters");
      }
    }
    kind = TokKind.STR;
    text = src.substring(s, p);
    value = sb.toString();
  }
}
