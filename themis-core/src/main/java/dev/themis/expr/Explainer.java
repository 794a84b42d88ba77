package dev.themis.expr;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explains an integer expression's result by interpreting its syntax tree with the same bindings, outside the
 * sandboxed bytecode: the comparisons and conditions on the branch taken (all of a true {@code and}, the first false
 * part of a false one, the first true part of a true {@code or}, all of a false one, the condition of each
 * conditional), each with the values read and the constants compared against. Interpretation follows the compiled
 * semantics exactly (whole-number and fractional arithmetic, floored division, NaN comparisons, short-circuits), so
 * an explanation's value is the compiled result; it allocates, so callers explain only decisions worth explaining
 * (an action or a hold), never every steady tick.
 *
 * <p>Immutable and thread-safe. Obtain one from {@link ExpressionCompiler#explainer} (which knows the compiler's
 * helper functions) or {@link #parse}.
 */
public final class Explainer {
  /** The longest {@link Explanation#text()}; longer texts are cut, ending in {@code ...}. */
  public static final int MAX_LENGTH = 400;

  private final Node ast;

  Explainer(Node typedAst) {
    this.ast = Objects.requireNonNull(typedAst, "typedAst");
  }

  /**
   * Parses and type-checks {@code source} (without compiling it) for explanations.
   *
   * @throws ExpressionException if it does not parse or type-check against {@code variables}
   */
  public static Explainer parse(String key, String source, Variables variables) {
    return ExpressionCompiler.typed(key, source, variables, Map.of());
  }

  /**
   * Evaluates the expression by interpretation and says why it gave its result.
   *
   * @throws RuntimeException exactly when the compiled expression throws (an unbound variable, division by zero...)
   */
  public Explanation explain(Bindings bindings) {
    Run run = new Run(bindings);
    Object v = run.eval(ast);
    long value = v instanceof Boolean bv ? (bv ? 1 : 0) : ((Number) v).longValue();
    String text = run.result(ast);
    if (text.length() > MAX_LENGTH) {
      text = text.substring(0, MAX_LENGTH - 3) + "...";
    }
    return new Explanation(value, text, run.reads);
  }

  /**
   * A number as explanations print it: whole numbers exactly, fractions to three significant digits (more only
   * where needed to tell two compared numbers apart), {@code NaN} for a missing metric.
   */
  public static String number(double v) {
    return number(v, 3);
  }

  /**
   * {@code before + number(v) + after}, built as one string where it can (no string for the number alone): for a
   * reason that names one number and is built on every tick, such as a steady hold's.
   */
  public static String number(String before, double v, String after) {
    if (whole(v)) {
      return before + (long) v + after;
    }
    String fast = threeDigits(before, v, after);
    return fast != null ? fast : before + number(v, 3) + after;
  }

  /** {@code v} to {@code digits} significant digits; from 16 on, the shortest text that reads back as {@code v}. */
  static String number(double v, int digits) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (whole(v)) {
      return Long.toString((long) v);
    }
    if (digits == 3) {
      String fast = threeDigits("", v, "");
      if (fast != null) {
        return fast;
      }
    }
    // From the shortest decimal form of v (as Double.toString prints it), not its exact binary expansion: cheaper,
    // and 2.675 reads 2.68 as the user wrote it.
    BigDecimal d = BigDecimal.valueOf(v);
    d = (digits >= 16 ? d : d.round(new MathContext(digits))).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    return exponent >= -4 && exponent < 15 ? d.toPlainString() : d.toString();
  }

  /** A whole number that a {@code long} prints exactly, as explanations print it. */
  private static boolean whole(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15;
  }

  private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  /** {@code ZEROS[k]} is k zeros. */
  private static final String[] ZEROS = {"", "0", "00", "000", "0000", "00000", "000000"};

  /**
   * {@code before}, {@code v} (not a whole number) to three significant digits as the BigDecimal path prints it,
   * then {@code after}, as one string and without a BigDecimal (a steady hold formats a number every tick), for
   * 1e-4 <= |v| < 1e6; {@code null} outside that range and where the digits are not certain: within 1e-6 of a tie,
   * or next to a power of ten.
   */
  private static String threeDigits(String before, double v, String after) {
    double a = Math.abs(v);
    if (!(a >= 1e-4 && a < 1e6)) {
      return null;
    }
    int e = (int) Math.floor(Math.log10(a)); // the leading digit's exponent: a is in [10^e, 10^(e+1))
    double scaled = e <= 2 ? a * POWERS[2 - e] : a / POWERS[e - 2]; // exact powers; one rounding, far below 1e-6
    double floor = Math.floor(scaled);
    double frac = scaled - floor;
    if (scaled < 100 || scaled >= 999.5 || Math.abs(frac - 0.5) < 1e-6) {
      return null; // log10 off by one next to a power of ten, a carry to the next power, or a tie: BigDecimal
    }
    int n = (int) floor + (frac > 0.5 ? 1 : 0);
    // Each text below is one concatenation: one array and one string, no builder and no string per part.
    String sign = v < 0 ? "-" : "";
    if (e >= 2) {
      return before + sign + n + ZEROS[e - 2] + after; // three digits, then e - 2 zeros
    }
    int decimals = 2 - e; // n * 10^-decimals
    while (decimals > 0 && n % 10 == 0) {
      n /= 10;
      decimals--;
    }
    if (decimals == 0) {
      return before + sign + n + after;
    }
    int unit = (int) POWERS[decimals];
    int fraction = n % unit; // not zero: its last digit is not
    int shown = 1;
    for (int f = fraction; f >= 10; f /= 10) {
      shown++;
    }
    return before + sign + n / unit + "." + ZEROS[decimals - shown] + fraction + after;
  }

  /** One interpretation: the bindings, and the values named so far. */
  private static final class Run implements Node.Visitor<Object, RuntimeException> {
    private final Bindings b;
    final Map<String, Object> reads = new LinkedHashMap<>();

    Run(Bindings b) {
      this.b = b;
    }

    // ---- interpretation, mirroring Translator's code generation ----

    Object eval(Node n) {
      return n.accept(this);
    }

    @Override
    public Object lit(Node.Lit n) {
      return n.value;
    }

    @Override
    public Object index(Node.Index n) {
      Object target = eval(n.target);
      long idx = ((Number) eval(n.index)).longValue();
      return normalise(Array.get(target, Functions.index(idx, Array.getLength(target))));
    }

    @Override
    public Object unary(Node.Unary n) {
      Object o = eval(n.operand);
      if (n.op.equals("!")) {
        return !(Boolean) o;
      }
      if (n.op.equals("-")) {
        return o instanceof Double d ? (Object) (-d) : (Object) (-(Long) o);
      }
      return o;
    }

    @Override
    public Object compare(Node.Compare n) {
      for (int i = 0; i < n.ops.size(); i++) {
        if (!pair(n, i)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Object cond(Node.Cond n) {
      Object v = eval((Boolean) eval(n.cond) ? n.then : n.otherwise);
      if (n.type == double.class) {
        return ((Number) v).doubleValue();
      }
      if (n.type == String[].class && !(v instanceof String[])) {
        return Functions.list((String) v);
      }
      return v;
    }

    @Override
    public Object list(Node.ListLit n) {
      String[] out = new String[n.items.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (String) eval(n.items.get(i));
      }
      return out;
    }

    @Override
    public Object name(Node.Name n) {
      if (n.type == long.class) {
        return b.longAt(n.slot);
      }
      if (n.type == double.class) {
        return b.doubleAt(n.slot);
      }
      if (n.type == boolean.class) {
        return b.booleanAt(n.slot);
      }
      return b.ref(n.slot);
    }

    @Override
    public Object member(Node.Member m) {
      if (m.constant != null) {
        return m.constant;
      }
      Object target = eval(m.target);
      if (m.arrayLength) {
        return (long) Array.getLength(Objects.requireNonNull(target));
      }
      try {
        return normalise(m.field.get(Objects.requireNonNull(target)));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + m.name, e);
      }
    }

    @Override
    public Object call(Node.Call c) {
      switch (c.resolved) {
        case "fn":
          return function(c, ((Node.Name) c.callee).name);
        case "math":
          return math(c, ((Node.Member) c.callee).name);
        case "string": {
          String s = Objects.requireNonNull((String) eval(((Node.Member) c.callee).target));
          String name = ((Node.Member) c.callee).name;
          String jn = Translator.STRING_METHODS.get(name);
          String arg = c.args.isEmpty() ? null : (String) eval(c.args.get(0));
          return switch (jn) {
            case "length" -> (long) s.length();
            case "isEmpty" -> s.isEmpty();
            case "equals" -> s.equals(arg);
            case "equalsIgnoreCase" -> s.equalsIgnoreCase(arg);
            case "startsWith" -> s.startsWith(Objects.requireNonNull(arg));
            case "endsWith" -> s.endsWith(Objects.requireNonNull(arg));
            default -> s.contains(Objects.requireNonNull(arg));
          };
        }
        default: {
          Object target = c.resolved.equals("method")
              ? Objects.requireNonNull(eval(((Node.Member) c.callee).target)) : null;
          return invoke(c.method, target, c.args);
        }
      }
    }

    private Object invoke(Method m, Object target, List<Node> args) {
      Class<?>[] ps = m.getParameterTypes();
      Object[] values = new Object[ps.length];
      for (int i = 0; i < ps.length; i++) {
        Object v = eval(args.get(i));
        if (ps[i] == int.class) {
          v = (int) ((Number) v).longValue();
        } else if (ps[i] == long.class) {
          v = ((Number) v).longValue();
        } else if (ps[i] == double.class) {
          v = ((Number) v).doubleValue();
        }
        values[i] = v;
      }
      try {
        return normalise(m.invoke(target, values));
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(m.getName() + " failed", e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot call " + m.getName(), e);
      }
    }

    private Object function(Node.Call c, String f) {
      List<Node> args = c.args;
      switch (f) {
        case "min":
        case "max": {
          boolean dbl = c.type == double.class;
          Object acc = numeric(eval(args.get(0)), dbl);
          for (int i = 1; i < args.size(); i++) {
            Object v = numeric(eval(args.get(i)), dbl);
            acc = dbl ? (Object) (f.equals("min") ? Math.min((Double) acc, (Double) v) : Math.max((Double) acc,
                (Double) v)) : (Object) (f.equals("min") ? Math.min((Long) acc, (Long) v) : Math.max((Long) acc,
                (Long) v));
          }
          return acc;
        }
        case "abs": {
          Object v = eval(args.get(0));
          return v instanceof Double d ? (Object) Math.abs(d) : (Object) Math.abs((Long) v);
        }
        case "int": {
          Object v = eval(args.get(0));
          if (v instanceof Boolean bv) {
            return Functions.bool(bv);
          }
          return v instanceof Double d ? Functions.trunc(d) : v;
        }
        case "float":
          return ((Number) eval(args.get(0))).doubleValue();
        case "round":
        case "floor":
        case "ceil": {
          Object v = eval(args.get(0));
          if (v instanceof Long) {
            return v;
          }
          double d = (Double) v;
          return f.equals("round") ? Functions.round(d) : f.equals("floor") ? Functions.floor(d) : Functions.ceil(d);
        }
        case "sqrt":
          return Math.sqrt(((Number) eval(args.get(0))).doubleValue());
        case "pow":
          return Math.pow(((Number) eval(args.get(0))).doubleValue(), ((Number) eval(args.get(1))).doubleValue());
        default: { // len
          Object v = Objects.requireNonNull(eval(args.get(0)));
          return v instanceof String s ? (long) s.length() : (long) Array.getLength(v);
        }
      }
    }

    private Object math(Node.Call c, String f) {
      String kind = Translator.MATH.get(f);
      Object a = eval(c.args.get(0));
      Object b2 = c.args.size() > 1 ? eval(c.args.get(1)) : null;
      if (kind.equals("num")) {
        boolean dbl = c.type == double.class;
        a = numeric(a, dbl);
        b2 = b2 == null ? null : numeric(b2, dbl);
        return switch (f) {
          case "abs" -> dbl ? (Object) Math.abs((Double) a) : (Object) Math.abs((Long) a);
          case "min" -> dbl ? (Object) Math.min((Double) a, (Double) b2) : (Object) Math.min((Long) a, (Long) b2);
          default -> dbl ? (Object) Math.max((Double) a, (Double) b2) : (Object) Math.max((Long) a, (Long) b2);
        };
      }
      double x = ((Number) a).doubleValue();
      double y = b2 == null ? 0 : ((Number) b2).doubleValue();
      if (kind.equals("long")) {
        if (f.equals("round")) {
          return Math.round(x);
        }
        if (c.type == double.class) { // floorDiv of fractions
          return Math.floor(x / y);
        }
        long p = (Long) a;
        long q = (Long) b2;
        return f.equals("floorDiv") ? Math.floorDiv(p, q) : Math.floorMod(p, q);
      }
      return switch (f) {
        case "floor" -> Math.floor(x);
        case "ceil" -> Math.ceil(x);
        case "sqrt" -> Math.sqrt(x);
        case "cbrt" -> Math.cbrt(x);
        case "pow" -> Math.pow(x, y);
        case "exp" -> Math.exp(x);
        case "log" -> Math.log(x);
        case "log10" -> Math.log10(x);
        case "signum" -> Math.signum(x);
        default -> Math.hypot(x, y);
      };
    }

    @Override
    public Object binary(Node.Binary n) {
      if (n.op.equals("&&")) {
        return (Boolean) eval(n.left) && (Boolean) eval(n.right);
      }
      if (n.op.equals("||")) {
        return (Boolean) eval(n.left) || (Boolean) eval(n.right);
      }
      Object l = eval(n.left);
      Object r = eval(n.right);
      boolean dbl = n.left.type == double.class || n.right.type == double.class;
      if (dbl || n.op.equals("**")) {
        double x = ((Number) l).doubleValue();
        double y = ((Number) r).doubleValue();
        return switch (n.op) {
          case "**" -> Math.pow(x, y);
          case "//" -> Math.floor(x / y);
          case "/" -> x / y;
          case "%" -> x % y;
          case "+" -> x + y;
          case "-" -> x - y;
          default -> x * y;
        };
      }
      long x = (Long) l;
      long y = (Long) r;
      return switch (n.op) {
        case "//", "/" -> Math.floorDiv(x, y);
        case "%" -> Math.floorMod(x, y);
        case "+" -> Functions.add(x, y);
        case "-" -> Functions.sub(x, y);
        default -> Functions.mul(x, y);
      };
    }

    /** The {@code i}-th comparison of a chain. */
    private boolean pair(Node.Compare c, int i) {
      Node an = c.operands.get(i);
      Node bn = c.operands.get(i + 1);
      return compare(c.ops.get(i), an, eval(an), bn, eval(bn));
    }

    private static boolean compare(String op, Node an, Object a, Node bn, Object b) {
      if (Translator.isNum(an.type) && Translator.isNum(bn.type)) {
        int order;
        if (an.type == double.class || bn.type == double.class) {
          double x = ((Number) a).doubleValue();
          double y = ((Number) b).doubleValue();
          if (Double.isNaN(x) || Double.isNaN(y)) {
            return op.equals("!="); // as Java compares NaN: only != holds
          }
          order = x < y ? -1 : x > y ? 1 : 0; // not Double.compare: -0.0 == 0.0
        } else {
          order = Long.compare((Long) a, (Long) b);
        }
        return switch (op) {
          case "<" -> order < 0;
          case "<=" -> order <= 0;
          case ">" -> order > 0;
          case ">=" -> order >= 0;
          case "==" -> order == 0;
          default -> order != 0;
        };
      }
      boolean eq = an.type == boolean.class ? a.equals(b) : Functions.eq((String) a, (String) b);
      return op.equals("==") == eq;
    }

    private static Object numeric(Object v, boolean dbl) {
      return dbl ? (Object) ((Number) v).doubleValue() : v;
    }

    private static Object normalise(Object v) {
      if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return ((Number) v).longValue();
      }
      if (v instanceof Float f) {
        return f.doubleValue();
      }
      return v;
    }

    // ---- explanation ----

    /** Why the result is what it is: the conditions that chose each branch taken, then how the value was made. */
    String result(Node n) {
      if (n.type == boolean.class) {
        return why(n, (Boolean) eval(n));
      }
      if (n instanceof Node.Cond c) {
        // A condition that failed is worth saying only when nothing else explains the value (an 'else 0').
        boolean taken = (Boolean) eval(c.cond);
        String branch = result(taken ? c.then : c.otherwise);
        return taken || branch.isEmpty() ? join("; ", why(c.cond, taken), branch) : branch;
      }
      if (n instanceof Node.Lit || constant(n)) {
        return "";
      }
      if (leaf(n)) {
        return read(n);
      }
      return source(n) + " = " + substituted(n);
    }

    /** True statements about {@code n}, a condition that was {@code value}, that made it so. */
    private String why(Node n, boolean value) {
      if (n instanceof Node.Binary bin && (bin.op.equals("&&") || bin.op.equals("||"))) {
        boolean and = bin.op.equals("&&");
        boolean left = (Boolean) eval(bin.left);
        if (and != left) { // short-circuited: the left side decided
          return why(bin.left, left);
        }
        if (and == value) { // all parts of a true 'and', or of a false 'or'
          return join(" and ", why(bin.left, left), why(bin.right, value));
        }
        return why(bin.right, value);
      }
      if (n instanceof Node.Unary u && u.op.equals("!")) {
        return why(u.operand, !value);
      }
      if (n instanceof Node.Compare c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.ops.size(); i++) {
          boolean holds = pair(c, i);
          if (value || !holds) {
            sb.append(sb.length() > 0 ? " and " : "").append(comparison(c, i, holds));
          }
          if (!holds) {
            break;
          }
        }
        return sb.toString();
      }
      if (n instanceof Node.Cond c) {
        boolean taken = (Boolean) eval(c.cond);
        return join(" and ", why(c.cond, taken), why(taken ? c.then : c.otherwise, value));
      }
      if (n instanceof Node.Lit || constant(n)) {
        return "";
      }
      String what = leaf(n) ? name(n) : source(n);
      if (leaf(n)) {
        reads.put(what, value);
      }
      return value ? what : "not " + what;
    }

    private String comparison(Node.Compare c, int i, boolean holds) {
      Node an = c.operands.get(i);
      Node bn = c.operands.get(i + 1);
      Object a = eval(an);
      Object b = eval(bn);
      int digits = 3;
      if (a instanceof Number x && b instanceof Number y && x.doubleValue() != y.doubleValue()) {
        while (digits < 16 && number(x.doubleValue(), digits).equals(number(y.doubleValue(), digits))) {
          digits++;
        }
      }
      String op = c.ops.get(i);
      boolean nan = a instanceof Double x && x.isNaN() || b instanceof Double y && y.isNaN();
      String shown = holds ? op : nan ? "not " + op : negation(op);
      return operand(an, a, digits) + " " + shown + " " + operand(bn, b, digits);
    }

    private static String negation(String op) {
      return switch (op) {
        case "<" -> ">=";
        case "<=" -> ">";
        case ">" -> "<=";
        case ">=" -> "<";
        case "==" -> "!=";
        default -> "==";
      };
    }

    /** An operand: a constant as written, a variable with its value, a computation with the values it used. */
    private String operand(Node n, Object v, int digits) {
      if (n instanceof Node.Lit) {
        return source(n); // a constant as the user wrote it
      }
      if (constant(n)) {
        return value(v, digits);
      }
      if (leaf(n)) {
        reads.put(name(n), v);
        return name(n) + " = " + value(v, digits);
      }
      String sub = substituted(n);
      String val = value(v, digits);
      return source(n) + " = " + (sub.equals(val) ? val : sub + " = " + val);
    }

    private String read(Node n) {
      Object v = eval(n);
      reads.put(name(n), v);
      return name(n) + " = " + value(v, 3);
    }

    /** The computation with each variable replaced by its value. */
    private String substituted(Node n) {
      if (leaf(n)) {
        Object v = eval(n);
        reads.put(name(n), v);
        return value(v, 3);
      }
      if (n instanceof Node.Lit || constant(n) || n instanceof Node.Cond || n instanceof Node.Compare
          || n instanceof Node.ListLit) {
        return value(eval(n), 3);
      }
      if (n instanceof Node.Binary bin) {
        return paren(bin.left, substituted(bin.left)) + " " + op(bin.op) + " " + paren(bin.right,
            substituted(bin.right));
      }
      if (n instanceof Node.Unary u) {
        return (u.op.equals("!") ? "not " : u.op) + paren(u.operand, substituted(u.operand));
      }
      Node.Call c = (Node.Call) n; // a function or Math call: leaves are variables' methods
      StringBuilder sb = new StringBuilder(source(c.callee)).append('(');
      for (int i = 0; i < c.args.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(substituted(c.args.get(i)));
      }
      return sb.append(')').toString();
    }

    /** A variable, or a path of members, indexes and method calls of one: what the user reads as one value. */
    private static boolean leaf(Node n) {
      if (n instanceof Node.Name) {
        return true;
      }
      if (n instanceof Node.Member m) {
        return m.constant == null && leaf(m.target);
      }
      if (n instanceof Node.Index i) {
        return leaf(i.target) && (i.index instanceof Node.Lit || leaf(i.index));
      }
      if (n instanceof Node.Call c) {
        return c.method != null || c.resolved.equals("string") && leaf(((Node.Member) c.callee).target);
      }
      return false;
    }

    private static boolean constant(Node n) {
      return n instanceof Node.Member m && m.constant != null;
    }

    private static String name(Node n) {
      return source(n);
    }

    private static String value(Object v, int digits) {
      if (v instanceof Double d) {
        return number(d, digits);
      }
      if (v instanceof String s) {
        return '"' + s + '"';
      }
      if (v instanceof String[] a) {
        return java.util.Arrays.toString(a);
      }
      return String.valueOf(v);
    }
  }

  /** The expression as the user would write it (Python operators, minimal parentheses). */
  static String source(Node n) {
    return n.accept(SOURCE);
  }

  private static final Node.Visitor<String, RuntimeException> SOURCE = new Node.Visitor<>() {
    @Override
    public String lit(Node.Lit n) {
      Object v = n.value;
      if (v == null) {
        return "None";
      }
      if (v instanceof String s) {
        return '"' + s + '"';
      }
      return v instanceof Double d ? number(d, 16) : v.toString();
    }

    @Override
    public String name(Node.Name n) {
      return n.name;
    }

    @Override
    public String member(Node.Member n) {
      return source(n.target) + "." + n.name;
    }

    @Override
    public String call(Node.Call n) {
      return source(n.callee) + "(" + joined(n.args) + ")";
    }

    @Override
    public String index(Node.Index n) {
      return source(n.target) + "[" + source(n.index) + "]";
    }

    @Override
    public String unary(Node.Unary n) {
      return (n.op.equals("!") ? "not " : n.op) + paren(n.operand, source(n.operand));
    }

    @Override
    public String binary(Node.Binary n) {
      return paren(n.left, source(n.left)) + " " + op(n.op) + " " + paren(n.right, source(n.right));
    }

    @Override
    public String compare(Node.Compare n) {
      StringBuilder sb = new StringBuilder(paren(n.operands.get(0), source(n.operands.get(0))));
      for (int i = 0; i < n.ops.size(); i++) {
        sb.append(' ').append(n.ops.get(i)).append(' ')
            .append(paren(n.operands.get(i + 1), source(n.operands.get(i + 1))));
      }
      return sb.toString();
    }

    @Override
    public String cond(Node.Cond n) {
      return "(" + source(n.then) + " if " + source(n.cond) + " else " + source(n.otherwise) + ")";
    }

    @Override
    public String list(Node.ListLit n) {
      return "[" + joined(n.items) + "]";
    }

    private String joined(List<Node> nodes) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < nodes.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(source(nodes.get(i)));
      }
      return sb.toString();
    }
  };

  private static String paren(Node n, String text) {
    return n instanceof Node.Binary || n instanceof Node.Compare ? "(" + text + ")" : text;
  }

  private static String op(String op) {
    return op.equals("&&") ? "and" : op.equals("||") ? "or" : op;
  }

  private static String join(String sep, String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + sep + b;
  }
}
