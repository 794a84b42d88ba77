package dev.themis.expr;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Type-checks the AST against a {@link Variables} schema and translates it into one Java expression for Janino.
 * The sandbox's second layer: only declared variables, their allow-listed members and the functions below can be
 * named; everything else is a compile error at the user's source position.
 */
final class Translator implements Node.Visitor<String, SyntaxError> {
  static final Class<?> NULL = Void.class;
  private static final String FN = "dev.themis.expr.Functions";

  /** Python builtins and their description for messages. */
  static final Set<String> FUNCTIONS = Set.of(
      "min", "max", "abs", "int", "float", "round", "floor", "ceil", "len", "sqrt", "pow");

  /** {@code Math.x} / {@code math.x}: name → result kind: "num" (long if all args long), "double", "long". */
  static final Map<String, String> MATH = Map.ofEntries(
      Map.entry("abs", "num"), Map.entry("min", "num"), Map.entry("max", "num"),
      Map.entry("floor", "double"), Map.entry("ceil", "double"), Map.entry("sqrt", "double"),
      Map.entry("cbrt", "double"), Map.entry("pow", "double"), Map.entry("exp", "double"),
      Map.entry("log", "double"), Map.entry("log10", "double"), Map.entry("signum", "double"),
      Map.entry("hypot", "double"), Map.entry("round", "long"), Map.entry("floorDiv", "long"),
      Map.entry("floorMod", "long"));

  private static final Map<String, Integer> MATH_ARITY = Map.ofEntries(
      Map.entry("abs", 1), Map.entry("floor", 1), Map.entry("ceil", 1), Map.entry("sqrt", 1),
      Map.entry("cbrt", 1), Map.entry("exp", 1), Map.entry("log", 1), Map.entry("log10", 1),
      Map.entry("signum", 1), Map.entry("round", 1), Map.entry("pow", 2), Map.entry("hypot", 2),
      Map.entry("floorDiv", 2), Map.entry("floorMod", 2), Map.entry("min", 2), Map.entry("max", 2));

  /** String methods expressions may call (Python aliases map to Java names). */
  static final Map<String, String> STRING_METHODS = Map.of(
      "equals", "equals", "equalsIgnoreCase", "equalsIgnoreCase", "startsWith", "startsWith",
      "startswith", "startsWith", "endsWith", "endsWith", "endswith", "endsWith", "contains", "contains",
      "length", "length", "isEmpty", "isEmpty");

  private final Variables vars;
  private final Map<String, Class<?>> helpers;

  Translator(Variables vars) {
    this(vars, Map.of());
  }

  Translator(Variables vars, Map<String, Class<?>> helpers) {
    this.vars = vars;
    this.helpers = helpers;
  }

  /** A public static method of a registered helper class, usable by expressions. */
  static boolean helperMethod(Method m, Class<?> helper, Variables vars) {
    if (!Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())
        || m.getDeclaringClass() != helper || m.getReturnType() == void.class || m.isVarArgs()
        || m.isSynthetic() || !vars.isAllowedType(m.getReturnType())) {
      return false;
    }
    for (Class<?> p : m.getParameterTypes()) {
      if (!vars.isAllowedType(p)) {
        return false;
      }
    }
    return true;
  }

  static boolean isNum(Class<?> t) {
    return t == long.class || t == double.class;
  }

  static Class<?> norm(Class<?> t) {
    if (t == int.class || t == short.class || t == byte.class) {
      return long.class;
    }
    if (t == float.class) {
      return double.class;
    }
    return t;
  }

  static String describe(Class<?> t) {
    if (t == long.class) {
      return "integer";
    }
    if (t == double.class) {
      return "fractional number (double)";
    }
    if (t == boolean.class) {
      return "boolean";
    }
    if (t == String.class) {
      return "string";
    }
    if (t == NULL) {
      return "None/null";
    }
    if (t == String[].class) {
      return "list of strings";
    }
    if (t.isArray()) {
      return "list of " + t.getComponentType().getSimpleName();
    }
    return t.getSimpleName();
  }

  String translate(Node n) throws SyntaxError {
    return n.accept(this);
  }

  @Override
  public String lit(Node.Lit lit) throws SyntaxError {
    Object v = lit.value;
    if (v == null) {
      lit.type = NULL;
      return "null";
    }
    if (v instanceof Long l) {
      lit.type = long.class;
      return l == Long.MIN_VALUE ? "(-9223372036854775807L - 1L)" : "(" + l + "L)";
    }
    if (v instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new SyntaxError(lit.pos, "number out of range", "a finite number");
      }
      lit.type = double.class;
      return "(" + d + "D)";
    }
    if (v instanceof Boolean b) {
      lit.type = boolean.class;
      return b.toString();
    }
    lit.type = String.class;
    return quote((String) v);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        sb.append("\\134");
      } else if (c == '"') {
        sb.append("\\42");
      } else if (c >= 0x20 && c <= 0x7e) {
        sb.append(c);
      } else {
        throw new IllegalStateException("unexpected character in literal");
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public String name(Node.Name n) throws SyntaxError {
    Class<?> t = vars.type(n.name);
    if (t == null) {
      if (FUNCTIONS.contains(n.name)) {
        throw new SyntaxError(n.pos, "function '" + n.name + "' must be called", n.name + "(...)");
      }
      if (n.name.equals("Math") || n.name.equals("math")) {
        throw new SyntaxError(n.pos, "'" + n.name + "' can only be used to call its functions",
            n.name + ".<function>(...), e.g. Math.max(a, b)");
      }
      List<String> candidates = new ArrayList<>(vars.names());
      String hint = dev.themis.config.Suggestions.didYouMean(n.name, candidates);
      throw new SyntaxError(n.pos, "unknown variable '" + n.name + "'" + hint,
          vars.names().isEmpty() ? "no variables are declared" : "one of the variables " + vars.names());
    }
    int slot = vars.slot(n.name);
    n.slot = slot;
    Class<?> nt = norm(t);
    n.type = nt;
    if (nt == long.class) {
      return "$b.longAt(" + slot + ")";
    }
    if (nt == double.class) {
      return "$b.doubleAt(" + slot + ")";
    }
    if (nt == boolean.class) {
      return "$b.booleanAt(" + slot + ")";
    }
    return "((" + t.getCanonicalName() + ") $b.ref(" + slot + "))";
  }

  private boolean isMathName(Node n) {
    return n instanceof Node.Name nm && (nm.name.equals("Math") || nm.name.equals("math")) && !vars.has(nm.name);
  }

  @Override
  public String member(Node.Member m) throws SyntaxError {
    if (isMathName(m.target)) {
      if (m.name.equals("PI") || m.name.equals("pi")) {
        m.type = double.class;
        m.constant = Math.PI;
        return "(" + Math.PI + "D)";
      }
      if (m.name.equals("E") || m.name.equals("e")) {
        m.type = double.class;
        m.constant = Math.E;
        return "(" + Math.E + "D)";
      }
      throw new SyntaxError(m.pos, "'" + m.name + "' is not an allowed constant of Math", "PI or E");
    }
    String target = translate(m.target);
    Class<?> t = m.target.type;
    if (t.isArray()) {
      if (m.name.equals("length")) {
        m.type = long.class;
        m.arrayLength = true;
        return "(" + target + ").length";
      }
      throw new SyntaxError(m.pos, "a list has no member '" + m.name + "'", "length, len(...) or an index [i]");
    }
    if (t.isPrimitive() || t == NULL || t == String.class) {
      throw new SyntaxError(m.pos, "a " + describe(t) + " has no field '" + m.name + "'",
          "a field of a variable such as tasknodes.count.nodes");
    }
    Field f = field(t, m.name);
    if (f == null) {
      if (method(t, m.name) != null) {
        throw new SyntaxError(m.pos, "'" + m.name + "' is a method of " + t.getSimpleName() + "; call it",
            m.name + "(...)");
      }
      List<String> names = memberNames(t);
      throw new SyntaxError(m.pos,
          t.getSimpleName() + " has no field '" + m.name + "'" + dev.themis.config.Suggestions.didYouMean(m.name, names),
          names.isEmpty() ? "no fields" : "one of " + names);
    }
    m.type = norm(f.getType());
    m.javaName = f.getName();
    m.field = f;
    return "(" + target + ")." + f.getName();
  }

  /** A public instance field whose type is allowed, declared by an allowed class. */
  private Field field(Class<?> t, String name) {
    try {
      Field f = t.getField(name);
      if (Modifier.isStatic(f.getModifiers()) || !vars.allowedClasses().contains(f.getDeclaringClass())
          || !vars.isAllowedType(f.getType())) {
        return null;
      }
      return f;
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private Method method(Class<?> t, String name) {
    for (Method m : t.getMethods()) {
      if (m.getName().equals(name) && accessible(m)) {
        return m;
      }
    }
    return null;
  }

  private boolean accessible(Method m) {
    if (Modifier.isStatic(m.getModifiers()) || overridesObject(m)
        || !vars.allowedClasses().contains(m.getDeclaringClass()) || m.getReturnType() == void.class
        || !vars.isAllowedType(m.getReturnType()) || m.isVarArgs() || m.isSynthetic() || m.isBridge()) {
      return false;
    }
    for (Class<?> p : m.getParameterTypes()) {
      if (!vars.isAllowedType(p)) {
        return false;
      }
    }
    return true;
  }

  /** toString, hashCode, equals, getClass...: not part of any variable vocabulary, even when overridden. */
  static boolean overridesObject(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private List<String> memberNames(Class<?> t) {
    Set<String> out = new LinkedHashSet<>();
    for (Field f : t.getFields()) {
      if (field(t, f.getName()) != null) {
        out.add(f.getName());
      }
    }
    for (Method m : t.getMethods()) {
      if (accessible(m)) {
        out.add(m.getName() + "()");
      }
    }
    return new ArrayList<>(out);
  }

  @Override
  public String call(Node.Call c) throws SyntaxError {
    if (c.callee instanceof Node.Name fn && !vars.has(fn.name)) {
      return function(c, fn);
    }
    if (c.callee instanceof Node.Member m && isMathName(m.target)) {
      return math(c, m);
    }
    if (c.callee instanceof Node.Member m && m.target instanceof Node.Name ns && !vars.has(ns.name)
        && helpers.containsKey(ns.name)) {
      return helper(c, m, helpers.get(ns.name));
    }
    if (!(c.callee instanceof Node.Member m)) {
      throw new SyntaxError(c.pos, "only functions and methods of variables can be called",
          "a function such as max(a, b) or a method such as time_based.minimum.nodes(now)");
    }
    String target = translate(m.target);
    Class<?> t = m.target.type;
    List<String> args = args(c);
    if (t == String.class) {
      String jn = STRING_METHODS.get(m.name);
      if (jn == null) {
        throw new SyntaxError(m.pos, "string method '" + m.name + "' is not allowed",
            "one of " + new java.util.TreeSet<>(STRING_METHODS.keySet()));
      }
      boolean noArg = jn.equals("length") || jn.equals("isEmpty");
      if (c.args.size() != (noArg ? 0 : 1) || (!noArg && c.args.get(0).type != String.class)) {
        throw new SyntaxError(c.pos, "wrong arguments for " + m.name, noArg ? "no arguments" : "one string");
      }
      c.type = jn.equals("length") ? long.class : boolean.class;
      c.resolved = "string";
      return "(" + target + ")." + jn + "(" + String.join(", ", args) + ")";
    }
    if (t.isPrimitive() || t == NULL || t.isArray()) {
      throw new SyntaxError(m.pos, "a " + describe(t) + " has no method '" + m.name + "'",
          "a method of a variable such as time_based.minimum.nodes(now)");
    }
    Method found = null;
    boolean nameExists = false;
    for (Method cand : t.getMethods()) {
      if (!cand.getName().equals(m.name) || !accessible(cand)) {
        continue;
      }
      nameExists = true;
      if (applicable(cand.getParameterTypes(), c.args)) {
        found = cand;
        break;
      }
    }
    if (found == null) {
      if (nameExists) {
        throw new SyntaxError(c.pos, "no variant of " + t.getSimpleName() + "." + m.name + " accepts ("
            + describeArgs(c.args) + ")", "arguments matching " + signatures(t, m.name));
      }
      List<String> names = memberNames(t);
      throw new SyntaxError(m.pos,
          t.getSimpleName() + " has no method '" + m.name + "'" + dev.themis.config.Suggestions.didYouMean(m.name + "()", names),
          names.isEmpty() ? "no members" : "one of " + names);
    }
    c.type = norm(found.getReturnType());
    c.resolved = "method";
    c.method = found;
    StringBuilder sb = new StringBuilder("(" + target + ")." + found.getName() + "(");
    Class<?>[] ps = found.getParameterTypes();
    for (int i = 0; i < ps.length; i++) {
      sb.append(i > 0 ? ", " : "").append("((").append(ps[i].getCanonicalName()).append(") ").append(args.get(i))
          .append(")");
    }
    return sb.append(")").toString();
  }

  private String helper(Node.Call c, Node.Member m, Class<?> helper) throws SyntaxError {
    List<String> args = args(c);
    List<String> names = new ArrayList<>();
    for (Method cand : helper.getMethods()) {
      if (!helperMethod(cand, helper, vars)) {
        continue;
      }
      names.add(cand.getName());
      if (cand.getName().equals(m.name) && applicable(cand.getParameterTypes(), c.args)) {
        c.type = norm(cand.getReturnType());
        c.resolved = "helper";
        c.method = cand;
        StringBuilder sb = new StringBuilder(helper.getCanonicalName() + "." + cand.getName() + "(");
        Class<?>[] ps = cand.getParameterTypes();
        for (int i = 0; i < ps.length; i++) {
          sb.append(i > 0 ? ", " : "").append("((").append(ps[i].getCanonicalName()).append(") ")
              .append(args.get(i)).append(")");
        }
        return sb.append(")").toString();
      }
    }
    throw new SyntaxError(m.pos, "no function " + m.name + "(" + describeArgs(c.args) + ") in "
        + helper.getSimpleName() + dev.themis.config.Suggestions.didYouMean(m.name, names), "one of " + new java.util.TreeSet<>(names));
  }

  private String signatures(Class<?> t, String name) {
    List<String> out = new ArrayList<>();
    for (Method cand : t.getMethods()) {
      if (cand.getName().equals(name) && accessible(cand)) {
        List<String> ps = new ArrayList<>();
        for (Class<?> p : cand.getParameterTypes()) {
          ps.add(p.getSimpleName());
        }
        out.add(name + "(" + String.join(", ", ps) + ")");
      }
    }
    return String.join(" or ", out);
  }

  private static String describeArgs(List<Node> args) {
    List<String> out = new ArrayList<>();
    for (Node a : args) {
      out.add(describe(a.type));
    }
    return String.join(", ", out);
  }

  private static boolean applicable(Class<?>[] ps, List<Node> args) {
    if (ps.length != args.size()) {
      return false;
    }
    for (int i = 0; i < ps.length; i++) {
      Class<?> p = norm(ps[i]);
      Class<?> a = args.get(i).type;
      boolean ok = p == a || (p == double.class && a == long.class)
          || (!p.isPrimitive() && (a == NULL || p.isAssignableFrom(a)));
      if (!ok || (ps[i] == int.class && a != long.class)) {
        return false;
      }
    }
    return true;
  }

  private List<String> args(Node.Call c) throws SyntaxError {
    List<String> out = new ArrayList<>();
    for (Node a : c.args) {
      out.add(translate(a));
    }
    return out;
  }

  private String function(Node.Call c, Node.Name fn) throws SyntaxError {
    String f = fn.name;
    if (!FUNCTIONS.contains(f)) {
      if (f.equals("Math") || f.equals("math")) {
        throw new SyntaxError(fn.pos, "'" + f + "' is not a function", f + ".<function>(...)");
      }
      List<String> cands = new ArrayList<>(FUNCTIONS);
      throw new SyntaxError(fn.pos, "unknown function '" + f + "'" + dev.themis.config.Suggestions.didYouMean(f, cands),
          "one of the functions " + new java.util.TreeSet<>(FUNCTIONS) + " or Math.<function>");
    }
    List<String> args = args(c);
    int n = args.size();
    c.resolved = "fn";
    switch (f) {
      case "min":
      case "max": {
        if (n < 2) {
          throw new SyntaxError(c.pos, f + " needs at least two arguments", f + "(a, b, ...)");
        }
        requireNumeric(c, f);
        boolean dbl = anyDouble(c.args);
        c.type = dbl ? double.class : long.class;
        String acc = cast(dbl, args.get(0));
        for (int i = 1; i < n; i++) {
          acc = "java.lang.Math." + f + "(" + acc + ", " + cast(dbl, args.get(i)) + ")";
        }
        return acc;
      }
      case "abs":
        arity(c, f, 1);
        requireNumeric(c, f);
        c.type = c.args.get(0).type;
        return "java.lang.Math.abs(" + args.get(0) + ")";
      case "int": {
        arity(c, f, 1);
        Class<?> a = c.args.get(0).type;
        c.type = long.class;
        if (a == long.class) {
          return args.get(0);
        }
        if (a == double.class) {
          return FN + ".trunc(" + args.get(0) + ")";
        }
        if (a == boolean.class) {
          return FN + ".bool(" + args.get(0) + ")";
        }
        throw new SyntaxError(c.args.get(0).pos, "int() of a " + describe(a) + " is not supported",
            "a number or boolean");
      }
      case "float":
        arity(c, f, 1);
        requireNumeric(c, f);
        c.type = double.class;
        return "((double) " + args.get(0) + ")";
      case "round":
      case "floor":
      case "ceil":
        arity(c, f, 1);
        requireNumeric(c, f);
        c.type = long.class;
        return c.args.get(0).type == long.class ? args.get(0) : FN + "." + f + "(" + args.get(0) + ")";
      case "sqrt":
        arity(c, f, 1);
        requireNumeric(c, f);
        c.type = double.class;
        return "java.lang.Math.sqrt(" + args.get(0) + ")";
      case "pow":
        arity(c, f, 2);
        requireNumeric(c, f);
        c.type = double.class;
        return "java.lang.Math.pow(" + args.get(0) + ", " + args.get(1) + ")";
      default: { // len
        arity(c, f, 1);
        Class<?> a = c.args.get(0).type;
        c.type = long.class;
        if (a.isArray()) {
          return "(" + args.get(0) + ").length";
        }
        if (a == String.class) {
          return "(" + args.get(0) + ").length()";
        }
        throw new SyntaxError(c.args.get(0).pos, "len() of a " + describe(a) + " is not supported",
            "a list or a string");
      }
    }
  }

  private String math(Node.Call c, Node.Member m) throws SyntaxError {
    String kind = MATH.get(m.name);
    if (kind == null) {
      throw new SyntaxError(m.pos, "Math." + m.name + " is not allowed" + dev.themis.config.Suggestions.didYouMean(m.name,
          new ArrayList<>(MATH.keySet())), "one of Math." + new java.util.TreeSet<>(MATH.keySet()));
    }
    arity(c, "Math." + m.name, MATH_ARITY.get(m.name));
    c.resolved = "math";
    List<String> args = args(c);
    requireNumeric(c, "Math." + m.name);
    boolean dbl = anyDouble(c.args);
    List<String> cast = new ArrayList<>();
    switch (kind) {
      case "num":
        c.type = dbl ? double.class : long.class;
        for (String a : args) {
          cast.add(cast(dbl, a));
        }
        break;
      case "long":
        if (m.name.equals("round")) {
          c.type = long.class;
          cast.add("((double) " + args.get(0) + ")");
        } else if (dbl && m.name.equals("floorDiv")) {
          // Math.floorDiv(a, b) means a // b for every numeric type (the floor of the quotient, as Python's //),
          // so that translating the original's Python syntax to Java syntax keeps its meaning.
          c.type = double.class;
          return "java.lang.Math.floor((double) " + args.get(0) + " / (double) " + args.get(1) + ")";
        } else {
          if (dbl) {
            throw new SyntaxError(c.pos, "Math." + m.name + " takes integers", "integer arguments");
          }
          c.type = long.class;
          cast.addAll(args);
        }
        break;
      default:
        c.type = double.class;
        for (String a : args) {
          cast.add("((double) " + a + ")");
        }
    }
    return "java.lang.Math." + m.name + "(" + String.join(", ", cast) + ")";
  }

  private static String cast(boolean dbl, String code) {
    return dbl ? "((double) " + code + ")" : code;
  }

  private static boolean anyDouble(List<Node> args) {
    for (Node a : args) {
      if (a.type == double.class) {
        return true;
      }
    }
    return false;
  }

  private static void arity(Node.Call c, String f, int n) throws SyntaxError {
    if (c.args.size() != n) {
      throw new SyntaxError(c.pos, f + " takes " + n + " argument" + (n == 1 ? "" : "s") + ", got "
          + c.args.size(), n + " argument" + (n == 1 ? "" : "s"));
    }
  }

  private static void requireNumeric(Node.Call c, String f) throws SyntaxError {
    for (Node a : c.args) {
      if (!isNum(a.type)) {
        throw new SyntaxError(a.pos, f + " needs numbers, got a " + describe(a.type), "a number");
      }
    }
  }

  @Override
  public String index(Node.Index i) throws SyntaxError {
    String target = translate(i.target);
    String idx = translate(i.index);
    if (!i.target.type.isArray()) {
      throw new SyntaxError(i.pos, "a " + describe(i.target.type) + " cannot be indexed",
          "a list such as shards_list, or x['field'] for a field");
    }
    if (i.index.type != long.class) {
      throw new SyntaxError(i.index.pos, "list index must be an integer, got a " + describe(i.index.type),
          "an integer index");
    }
    i.type = norm(i.target.type.getComponentType());
    // Through a checked helper: an index outside the list (or beyond int, which a cast would wrap) is a clear
    // evaluation error, never another element or an ArrayIndexOutOfBoundsException.
    if (i.index instanceof Node.Lit lit && (Long) lit.value < 0) {
      return "(" + target + ")[dev.themis.expr.Functions.index(" + lit.value + "L, (" + target + ").length)]";
    }
    return "(" + target + ")[dev.themis.expr.Functions.index(" + idx + ", (" + target + ").length)]";
  }

  @Override
  public String unary(Node.Unary u) throws SyntaxError {
    String o = translate(u.operand);
    Class<?> t = u.operand.type;
    if (u.op.equals("!")) {
      if (t != boolean.class) {
        throw new SyntaxError(u.pos, "'not' needs a boolean, got a " + describe(t), "a condition");
      }
      u.type = boolean.class;
      return "(!" + o + ")";
    }
    if (!isNum(t)) {
      throw new SyntaxError(u.pos, "'" + u.op + "' needs a number, got a " + describe(t), "a number");
    }
    u.type = t;
    return "(" + u.op + o + ")";
  }

  @Override
  public String binary(Node.Binary b) throws SyntaxError {
    String l = translate(b.left);
    String r = translate(b.right);
    Class<?> lt = b.left.type;
    Class<?> rt = b.right.type;
    if (b.op.equals("&&") || b.op.equals("||")) {
      String word = b.op.equals("&&") ? "'and'" : "'or'";
      if (lt != boolean.class) {
        throw new SyntaxError(b.left.pos, word + " needs conditions, got a " + describe(lt), "a boolean");
      }
      if (rt != boolean.class) {
        throw new SyntaxError(b.right.pos, word + " needs conditions, got a " + describe(rt), "a boolean");
      }
      b.type = boolean.class;
      return "(" + l + " " + b.op + " " + r + ")";
    }
    if (b.op.equals("+") && (lt == String.class || rt == String.class)) {
      throw new SyntaxError(b.pos, "string concatenation is not supported", "numbers on both sides of '+'");
    }
    if (!isNum(lt)) {
      throw new SyntaxError(b.left.pos, "'" + b.op + "' needs numbers, got a " + describe(lt), "a number");
    }
    if (!isNum(rt)) {
      throw new SyntaxError(b.right.pos, "'" + b.op + "' needs numbers, got a " + describe(rt), "a number");
    }
    boolean dbl = lt == double.class || rt == double.class;
    b.type = dbl ? double.class : long.class;
    switch (b.op) {
      case "**":
        b.type = double.class;
        return "java.lang.Math.pow((double) " + l + ", (double) " + r + ")";
      case "//":
        return dbl ? "java.lang.Math.floor((double) " + l + " / (double) " + r + ")"
            : "java.lang.Math.floorDiv((long) " + l + ", (long) " + r + ")";
      case "/":
        return dbl ? "(" + l + " / " + r + ")" : "java.lang.Math.floorDiv((long) " + l + ", (long) " + r + ")";
      case "%":
        return dbl ? "(" + l + " % " + r + ")" : "java.lang.Math.floorMod((long) " + l + ", (long) " + r + ")";
      case "+":
      case "-":
      case "*":
        // Whole numbers never wrap: 9223372036854775807 + 1 is an error (integer overflow), not a negative number.
        return dbl ? "(" + l + " " + b.op + " " + r + ")"
            : FN + "." + (b.op.equals("+") ? "add" : b.op.equals("-") ? "sub" : "mul") + "((long) " + l + ", (long) "
                + r + ")";
      default:
        return "(" + l + " " + b.op + " " + r + ")";
    }
  }

  @Override
  public String compare(Node.Compare c) throws SyntaxError {
    List<String> codes = new ArrayList<>();
    for (Node o : c.operands) {
      codes.add(translate(o));
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < c.ops.size(); i++) {
      Node a = c.operands.get(i);
      Node b = c.operands.get(i + 1);
      String op = c.ops.get(i);
      boolean eq = op.equals("==") || op.equals("!=");
      Class<?> at = a.type;
      Class<?> bt = b.type;
      if (isNum(at) && isNum(bt)) {
        parts.add("(" + codes.get(i) + " " + op + " " + codes.get(i + 1) + ")");
      } else if (eq && at == boolean.class && bt == boolean.class) {
        parts.add("(" + codes.get(i) + " " + op + " " + codes.get(i + 1) + ")");
      } else if (eq && (at == String.class || at == NULL) && (bt == String.class || bt == NULL)) {
        parts.add((op.equals("!=") ? "(!" : "(") + FN + ".eq(" + codes.get(i) + ", " + codes.get(i + 1) + "))");
      } else {
        throw new SyntaxError(c.opPos.get(i), "cannot compare a " + describe(at) + " with a " + describe(bt)
            + " using '" + op + "'", eq ? "two numbers, two booleans or two strings" : "two numbers");
      }
    }
    c.type = boolean.class;
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(" && ", parts) + ")";
  }

  @Override
  public String cond(Node.Cond c) throws SyntaxError {
    String cond = translate(c.cond);
    if (c.cond.type != boolean.class) {
      throw new SyntaxError(c.cond.pos, "the condition is a " + describe(c.cond.type) + ", not a boolean",
          "a condition such as tasknodes.average.cpu > 0.7");
    }
    String a = translate(c.then);
    String b = translate(c.otherwise);
    Class<?> at = c.then.type;
    Class<?> bt = c.otherwise.type;
    if (isNum(at) && isNum(bt)) {
      boolean dbl = at == double.class || bt == double.class;
      c.type = dbl ? double.class : long.class;
      return "(" + cond + " ? " + cast(dbl, a) + " : " + cast(dbl, b) + ")";
    }
    if (at == bt && at != NULL) {
      c.type = at;
      return "(" + cond + " ? " + a + " : " + b + ")";
    }
    if (at == String[].class && (bt == String.class || bt == NULL)) {
      c.type = String[].class;
      return "(" + cond + " ? " + a + " : " + FN + ".list(" + b + "))";
    }
    if (bt == String[].class && (at == String.class || at == NULL)) {
      c.type = String[].class;
      return "(" + cond + " ? " + FN + ".list(" + a + ") : " + b + ")";
    }
    if (at == NULL && !bt.isPrimitive()) {
      c.type = bt;
      return "(" + cond + " ? (" + bt.getCanonicalName() + ") null : " + b + ")";
    }
    if (bt == NULL && !at.isPrimitive()) {
      c.type = at;
      return "(" + cond + " ? " + a + " : (" + at.getCanonicalName() + ") null)";
    }
    throw new SyntaxError(c.pos, "the branches have incompatible types: " + describe(at) + " and " + describe(bt),
        "both branches numbers, booleans, strings or lists of strings");
  }

  @Override
  public String list(Node.ListLit l) throws SyntaxError {
    if (l.items.size() > 8) {
      throw new SyntaxError(l.pos, "list literal too long (" + l.items.size() + " items)", "at most 8 items");
    }
    List<String> codes = new ArrayList<>();
    for (Node item : l.items) {
      String code = translate(item);
      if (item.type != String.class) {
        throw new SyntaxError(item.pos, "list items must be strings, got a " + describe(item.type),
            "a string such as \"SPOT\" or \"ig-123\"");
      }
      codes.add(code);
    }
    l.type = String[].class;
    return FN + ".list(" + String.join(", ", codes) + ")";
  }
}
