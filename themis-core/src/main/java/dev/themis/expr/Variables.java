package dev.themis.expr;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of the variables an expression may use: ordered name → type. Immutable and thread-safe; equal
 * schemas share compiled expressions in the {@link ExpressionCompiler}'s cache.
 *
 * <p>A variable's type is {@code long}, {@code int}, {@code double}, {@code boolean}, {@code String}, a class (see
 * below) or an array of such a class. Providers declare their variables here; a user's own provider can add its
 * own types.
 *
 * <p><b>Sandbox allow-list.</b> An expression can reach only: the declared variables; the public instance fields
 * and public instance methods (not those inherited from {@code Object}) of the declared classes; and, transitively,
 * of the classes those fields and methods expose, but only if they live in {@code dev.themis.expr.vars} or were
 * allowed explicitly with {@link Builder#allow(Class)}. Members whose types are not allowed are invisible.
 * Variable classes must therefore be immutable and their public methods pure and cheap: expressions call them on
 * every evaluation.
 */
public final class Variables {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final String VARS_PACKAGE = "dev.themis.expr.vars";

  private final Map<String, Class<?>> types;
  private final List<String> names;
  private final Set<Class<?>> explicit;
  private final Set<Class<?>> allowed;
  private final int hash;

  private Variables(Map<String, Class<?>> types, Set<Class<?>> explicit) {
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    this.names = List.copyOf(types.keySet());
    this.explicit = Set.copyOf(explicit);
    this.allowed = Collections.unmodifiableSet(closure(types.values(), this.explicit));
    this.hash = Objects.hash(this.types, this.explicit);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting with these variables, to add more. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.types.putAll(types);
    b.explicit.addAll(explicit);
    return b;
  }

  /** Variable names in declaration order. */
  public List<String> names() {
    return names;
  }

  /** The type of a variable, or null if there is none of that name. */
  public Class<?> type(String name) {
    return types.get(name);
  }

  public boolean has(String name) {
    return types.containsKey(name);
  }

  /** A builder for values of these variables. */
  public Bindings.Builder bindings() {
    return new Bindings.Builder(this);
  }

  /** Binds values by name (names not in this schema are ignored). */
  public Bindings bind(Map<String, ?> values) {
    return bindings().putAll(values).build();
  }

  int slot(String name) {
    return names.indexOf(name);
  }

  /** Classes (not primitives, not String) whose public members expressions may use. */
  Set<Class<?>> allowedClasses() {
    return allowed;
  }

  boolean isAllowedType(Class<?> c) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    return c == long.class || c == int.class || c == double.class || c == boolean.class || c == String.class
        || allowed.contains(c);
  }

  ClassLoader classLoader() {
    ClassLoader core = Variables.class.getClassLoader();
    for (Class<?> c : allowed) {
      ClassLoader l = c.getClassLoader();
      if (l != null && l != core) {
        return l;
      }
    }
    return core;
  }

  private static Set<Class<?>> closure(Iterable<Class<?>> roots, Set<Class<?>> explicit) {
    Set<Class<?>> out = new LinkedHashSet<>();
    List<Class<?>> todo = new ArrayList<>();
    for (Class<?> r : roots) {
      todo.add(element(r));
    }
    todo.addAll(explicit);
    while (!todo.isEmpty()) {
      Class<?> c = element(todo.remove(todo.size() - 1));
      if (c.isPrimitive() || c == String.class || !out.add(c)) {
        continue;
      }
      for (Field f : c.getFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && reachable(f.getType(), explicit)) {
          todo.add(f.getType());
        }
      }
      for (Method m : c.getMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) && !Translator.overridesObject(m)
            && reachable(m.getReturnType(), explicit)) {
          todo.add(m.getReturnType());
        }
      }
    }
    return out;
  }

  private static boolean reachable(Class<?> t, Set<Class<?>> explicit) {
    Class<?> e = element(t);
    return !e.isPrimitive() && e != String.class
        && (e.getPackageName().equals(VARS_PACKAGE) || explicit.contains(e));
  }

  private static Class<?> element(Class<?> c) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Variables v && v.hash == hash && v.types.equals(types)
        && v.explicit.equals(explicit);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Variables{");
    types.forEach((k, v) -> sb.append(sb.length() > 10 ? ", " : "").append(k).append(": ").append(v.getSimpleName()));
    return sb.append('}').toString();
  }

  /** Builds a {@link Variables}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Class<?>> types = new LinkedHashMap<>();
    private final Set<Class<?>> explicit = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Declares (or re-declares) a variable.
     *
     * @param name an identifier, {@code [A-Za-z_][A-Za-z0-9_]*}
     * @param type {@code long}, {@code int}, {@code double}, {@code boolean}, {@code String}, or a public class or
     *     array of one, whose public fields and methods expressions may use
     * @throws IllegalArgumentException for a bad name or type
     */
    public Builder add(String name, Class<?> type) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("variable name: expected an identifier, was '" + name + "'");
      }
      Class<?> e = element(type);
      if (type.isArray() && e.isPrimitive()) {
        throw new IllegalArgumentException("variable '" + name + "': arrays of primitives are not supported");
      }
      if (e.isPrimitive() && e != long.class && e != int.class && e != double.class && e != boolean.class) {
        throw new IllegalArgumentException(
            "variable '" + name + "': expected long, int, double, boolean, String or a class, was " + type);
      }
      if (!e.isPrimitive() && (!Modifier.isPublic(e.getModifiers()) || e.getName().startsWith("java.")
          && e != String.class)) {
        throw new IllegalArgumentException(
            "variable '" + name + "': expected a public non-JDK class (or String), was " + type.getName());
      }
      types.put(name, type);
      return this;
    }

    /** Adds all variables of another schema (and its explicitly allowed classes). */
    public Builder addAll(Variables other) {
      types.putAll(other.types);
      explicit.addAll(other.explicit);
      return this;
    }

    /**
     * Allows expressions to use the public instance fields and methods of a class reached through a variable's
     * members, although it is not in {@code dev.themis.expr.vars}. The class must be immutable with pure methods.
     */
    public Builder allow(Class<?> type) {
      if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.")) {
        throw new IllegalArgumentException("allow: expected a non-JDK class, was " + type.getName());
      }
      explicit.add(type);
      return this;
    }

    public Variables build() {
      return new Variables(types, explicit);
    }
  }
}
