package dev.themis.expr;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles configuration expressions, once, into sandboxed bytecode. Thread-safe; compiled expressions are cached
 * by (result kind, source text, {@link Variables} schema), so reloading an unchanged configuration compiles
 * nothing.
 *
 * <p>Both syntaxes are accepted: Java ({@code c ? a : b}, {@code &&}, {@code ||}, {@code !}, {@code true},
 * {@code null}) and the original Themis's Python forms ({@code a if c else b}, {@code and}, {@code or},
 * {@code not}, {@code True}, {@code False}, {@code None}, {@code //}, {@code **}, chained comparisons such as
 * {@code 1 < x <= 5}, {@code x['field']}, negative list indexes), freely mixed. Semantics: {@code /} and
 * {@code //} of two integers divide rounding down and {@code %} of two integers is the matching (floored) modulo,
 * as in the original's Python 2 (so {@code -7 / 2 == -4}, {@code -7 % 2 == 1}); with a fractional operand
 * {@code /} is true division and {@code %} Java's remainder; {@code ==} on strings compares contents; any
 * comparison with NaN (a missing metric) is false. Functions: {@code min}, {@code max}, {@code abs}, {@code int}, {@code float},
 * {@code round}, {@code floor}, {@code ceil}, {@code len}, {@code sqrt}, {@code pow} and
 * {@code Math.abs|min|max|floor|ceil|sqrt|cbrt|pow|exp|log|log10|signum|hypot|round|floorDiv|floorMod}.
 *
 * <p><b>Sandbox</b>, three independent layers, all before any generated code is loaded: (1) the grammar has no
 * statements, assignments, object or array creation, lambdas or class bodies; (2) the type checker lets an
 * expression name only its declared variables, their allow-listed members (see {@link Variables}) and the
 * functions above; (3) the {@code BytecodeVerifier} reads the class file Janino produced and rejects any reference
 * to a class or member outside the allow-list and any instruction that could loop, allocate, throw or synchronise.
 * This holds on every JDK (no SecurityManager). Evaluation is therefore bounded: linear in the expression, which is
 * at most 4000 characters.
 */
public final class ExpressionCompiler {
  private static final AtomicLong COMPILATIONS = new AtomicLong();

  private enum Kind { INT, BOOLEAN, STRING_LIST, EXPLAIN }

  private record Key(Kind kind, String source, Variables variables) {}

  private final Cache<Key, Object> cache;
  private final Map<String, Class<?>> helpers;

  private ExpressionCompiler(Builder b) {
    // Maintenance (eviction) runs on the calling thread: Caffeine's default would start a ForkJoinPool.commonPool
    // worker, and Themis starts no threads.
    this.cache = Caffeine.newBuilder().maximumSize(b.cacheSize).executor(Runnable::run).build();
    this.helpers = Map.copyOf(b.helpers);
  }

  /** A compiler with a cache of up to 10,000 expressions. */
  public static ExpressionCompiler create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compiles an expression yielding a whole number (see {@link IntExpression} for how booleans and fractions are
   * handled).
   *
   * @param key the configuration key path, e.g. {@code emr.j-1.upscale_expr}, named in errors
   * @param source the expression text
   * @param variables the variables it may use
   * @throws ExpressionException if it does not compile or is not allowed
   */
  public IntExpression compileInt(String key, String source, Variables variables) {
    return (IntExpression) compile(Kind.INT, key, source, variables);
  }

  /**
   * An {@link Explainer} for an integer expression: its syntax tree, type-checked as {@link #compileInt} does (with
   * this compiler's helper functions), to say why a result is what it is. Cached like compiled expressions.
   *
   * @throws ExpressionException if it does not parse or type-check
   */
  public Explainer explainer(String key, String source, Variables variables) {
    return (Explainer) compile(Kind.EXPLAIN, key, source, variables);
  }

  /** Parses and type-checks {@code source}; the tree an {@link Explainer} interprets. */
  static Explainer typed(String key, String source, Variables variables, Map<String, Class<?>> helpers) {
    Objects.requireNonNull(source, "source");
    try {
      Node ast = Parser.parse(source);
      new Translator(variables, helpers).translate(ast);
      return new Explainer(ast);
    } catch (SyntaxError e) {
      throw new ExpressionException(key, source, e.pos, e.getMessage(), e.expected);
    }
  }

  /**
   * Compiles a condition.
   *
   * @throws ExpressionException if it does not compile, is not allowed or is not boolean
   */
  public BooleanExpression compileBoolean(String key, String source, Variables variables) {
    return (BooleanExpression) compile(Kind.BOOLEAN, key, source, variables);
  }

  /**
   * Compiles an expression yielding a string or a list of strings, such as {@code group_or_preferred_market}.
   *
   * <p>As in the original, the value may also be a plain comma-separated list such as {@code SPOT,ON_DEMAND} or
   * {@code ig-12345, SPOT} (names that are not declared variables): it then evaluates to that list. Blank text
   * evaluates to an empty list (callers apply their default, e.g. {@code [SPOT, ON_DEMAND]}).
   *
   * @throws ExpressionException if it is neither such a list nor a string- or list-valued expression
   */
  public StringListExpression compileStringList(String key, String source, Variables variables) {
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      return b -> List.of();
    }
    if (literalList(source)) {
      List<String> items = List.of(source.trim().split("\\s*,\\s*"));
      boolean anyVariable = items.stream().anyMatch(variables::has);
      boolean expressionLike = items.size() == 1 && items.get(0).matches("[0-9].*|True|False|None|true|false|null");
      if (!anyVariable && !expressionLike) {
        return b -> items;
      }
    }
    return (StringListExpression) compile(Kind.STRING_LIST, key, source, variables);
  }

  /**
   * True for {@code name(, name)*} with names of {@code [A-Za-z0-9_.-]} and blanks around commas: a plain scan, so a
   * list of any length costs linear time and no stack (a regex with a repeated group recursed per item and threw
   * StackOverflowError on long lists).
   */
  static boolean literalList(String s) {
    boolean inName = false;
    boolean needName = true;
    boolean afterName = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean nameChar = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
          || c == '.' || c == '-';
      if (nameChar) {
        if (afterName && !inName) {
          return false; // two names separated by blanks only
        }
        inName = true;
        needName = false;
        afterName = true;
      } else if (Character.isWhitespace(c)) {
        inName = false;
      } else if (c == ',') {
        if (needName) {
          return false;
        }
        inName = false;
        needName = true;
        afterName = false;
      } else {
        return false;
      }
    }
    return !needName;
  }

  /** Number of expressions actually compiled by all compilers of this JVM (cache misses); for tests. */
  public static long compilations() {
    return COMPILATIONS.get();
  }

  /** Compiled expressions currently cached. */
  public long cachedCount() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private Object compile(Kind kind, String key, String source, Variables variables) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(variables, "variables");
    try {
      return cache.get(new Key(kind, source, variables), k -> doCompile(kind, key, source, variables));
    } catch (ExpressionException e) {
      if (!e.key().equals(key)) { // a concurrent compile under another key failed: report under ours
        throw new ExpressionException(key, source, offset(source, e), e.reason(), e.expected());
      }
      throw e;
    }
  }

  private static int offset(String source, ExpressionException e) {
    int line = 1;
    int i = 0;
    while (i < source.length() && line < e.line()) {
      if (source.charAt(i++) == '\n') {
        line++;
      }
    }
    return i + e.column() - 1;
  }

  private Object doCompile(Kind kind, String key, String source, Variables variables) {
    if (kind == Kind.EXPLAIN) {
      return typed(key, source, variables, helpers);
    }
    Node ast;
    String code;
    try {
      ast = Parser.parse(source);
      code = new Translator(variables, helpers).translate(ast);
    } catch (SyntaxError e) {
      throw new ExpressionException(key, source, e.pos, e.getMessage(), e.expected);
    }
    Class<?> t = ast.type;
    Class<?> iface;
    String signature;
    String body;
    switch (kind) {
      case INT:
        iface = IntExpression.class;
        signature = "long evaluate";
        if (t == long.class) {
          body = code;
        } else if (t == boolean.class) {
          body = "(" + code + " ? 1L : 0L)";
        } else if (t == double.class) {
          throw new ExpressionException(key, source, 0,
              "the expression computes a fractional number (double), but a whole number of nodes or shards is "
                  + "needed; fractions are rejected, not truncated",
              "an integer: convert explicitly with int(...) (truncates), round(...), floor(...) or ceil(...)");
        } else {
          throw new ExpressionException(key, source, 0,
              "the expression computes a " + Translator.describe(t) + ", but a whole number is needed",
              "an integer expression, e.g. 3 if tasknodes.average.cpu > 0.7 else 0");
        }
        break;
      case BOOLEAN:
        iface = BooleanExpression.class;
        signature = "boolean evaluate";
        if (t != boolean.class) {
          throw new ExpressionException(key, source, 0,
              "the expression computes a " + Translator.describe(t) + ", but a condition is needed",
              "a boolean expression, e.g. tasknodes.average.cpu > 0.7");
        }
        body = code;
        break;
      default:
        iface = StringListExpression.class;
        signature = "java.util.List evaluate";
        if (t == String.class || t == String[].class) {
          body = "dev.themis.expr.Functions.toList(" + code + ")";
        } else if (t == Translator.NULL) {
          body = "dev.themis.expr.Functions.toList((java.lang.String) null)";
        } else {
          throw new ExpressionException(key, source, 0,
              "the expression computes a " + Translator.describe(t) + ", but a string or list of strings is needed",
              "e.g. \"ON_DEMAND\" if tasknodes.count.nodes < 15 else \"SPOT\", or [\"ig-1\", \"SPOT\"]");
        }
    }
    String className = "ThemisExpression";
    String javaSource = "public final class " + className + " implements " + iface.getCanonicalName() + " {\n"
        + "  public " + signature + "(dev.themis.expr.Bindings $b) {\n"
        + "    return " + body + "\n;\n  }\n}\n";
    GeneratedLoader loader = new GeneratedLoader(variables.classLoader());
    Map<String, byte[]> classes;
    try {
      SimpleCompiler sc = new SimpleCompiler();
      sc.setParentClassLoader(loader);
      sc.setDebuggingInformation(false, false, false);
      sc.cook(javaSource);
      classes = sc.getBytecodes();
    } catch (CompileException | RuntimeException | StackOverflowError e) {
      // Janino's words are about the generated code, not the user's expression: say what it means here.
      throw new ExpressionException(key, source, 0, "the expression is too deeply nested or too complex to compile",
          "a simpler expression: fewer parentheses or operations inside each other, e.g. max(a, b, c) instead of"
              + " long chains");
    }
    if (classes.size() != 1 || !classes.containsKey(className)) {
      throw new ExpressionException(key, source, 0, "the expression produced " + classes.size() + " classes",
          "a single expression without class bodies");
    }
    byte[] bytes = classes.get(className);
    String why = new BytecodeVerifier(variables, iface, helpers.values()).verify(className, bytes);
    if (why != null) {
      throw new ExpressionException(key, source, 0, "not allowed by the sandbox: " + why,
          "an expression that only computes over its variables and allowed functions");
    }
    COMPILATIONS.incrementAndGet();
    Object compiled;
    try {
      compiled = loader.define(className, bytes).getDeclaredConstructor().newInstance();
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException
        | NoSuchMethodException e) {
      throw new IllegalStateException("could not instantiate compiled expression " + key, e);
    }
    failsWithoutVariables(kind, key, source, variables, compiled);
    return compiled;
  }

  /**
   * Evaluates the expression once with no variable bound: one that reads a variable stops at its first read (no
   * value), so only a part that is constant can fail here, and a constant that always fails ({@code 1/0}, an index
   * outside a literal list) is a configuration error rather than a failure on every tick.
   */
  private static void failsWithoutVariables(Kind kind, String key, String source, Variables variables,
      Object compiled) {
    Bindings none = variables.bindings().build();
    try {
      switch (kind) {
        case INT -> ((IntExpression) compiled).evaluate(none);
        case BOOLEAN -> ((BooleanExpression) compiled).evaluate(none);
        default -> ((StringListExpression) compiled).evaluate(none);
      }
    } catch (Bindings.UnboundException e) {
      // reads a variable: evaluated per tick
    } catch (ArithmeticException e) {
      boolean overflow = "integer overflow".equals(e.getMessage()) || "long overflow".equals(e.getMessage());
      throw new ExpressionException(key, source, 0, "the expression always fails: "
          + (overflow ? "integer overflow (beyond 2^63-1)" : "division by zero"),
          overflow ? "whole numbers between -2^63 and 2^63-1"
              : "an expression that can be evaluated, e.g. x / max(1, y)");
    } catch (IndexOutOfBoundsException e) {
      throw new ExpressionException(key, source, 0, "the expression always fails: " + e.getMessage(),
          "an index inside the list");
    } catch (RuntimeException e) {
      // A host helper that is not ready at load time, say: judged per tick, as before.
    }
  }

  /** Each expression gets its own loader, so it is unloaded when no longer referenced. */
  private static final class GeneratedLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    GeneratedLoader(ClassLoader parent) {
      super(parent);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  /** Configures an {@link ExpressionCompiler}. */
  public static final class Builder {
    private long cacheSize = 10_000;
    private final Map<String, Class<?>> helpers = new java.util.LinkedHashMap<>();

    private Builder() {}

    /**
     * Allows expressions to call the public static methods of {@code helpers} as {@code namespace.method(...)},
     * e.g. {@code functions("cost", CostFunctions.class)} for {@code cost.perHour(tasknodes.count.nodes)}. Only
     * methods declared by that class whose parameter and return types are {@code long}, {@code int},
     * {@code double}, {@code boolean}, {@code String} or allow-listed variable classes are visible. The methods
     * must be pure, cheap and bounded: the sandbox trusts them.
     *
     * @throws IllegalArgumentException for a bad namespace or a JDK class
     */
    public Builder functions(String namespace, Class<?> helpers) {
      if (!namespace.matches("[A-Za-z_][A-Za-z0-9_]*") || namespace.equals("Math") || namespace.equals("math")
          || Translator.FUNCTIONS.contains(namespace)) {
        throw new IllegalArgumentException("functions namespace: expected an identifier other than Math and the"
            + " built-in functions, was '" + namespace + "'");
      }
      if (helpers.getName().startsWith("java.") || !java.lang.reflect.Modifier.isPublic(helpers.getModifiers())) {
        throw new IllegalArgumentException("functions: expected a public non-JDK class, was " + helpers.getName());
      }
      this.helpers.put(namespace, helpers);
      return this;
    }

    /** Most compiled expressions kept (default 10,000). */
    public Builder cacheSize(long size) {
      if (size < 0) {
        throw new IllegalArgumentException("cacheSize: must be >= 0, was " + size);
      }
      this.cacheSize = size;
      return this;
    }

    public ExpressionCompiler build() {
      return new ExpressionCompiler(this);
    }
  }
}
