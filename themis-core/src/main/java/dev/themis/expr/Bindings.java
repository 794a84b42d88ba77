package dev.themis.expr;

import java.util.Map;

/**
 * Values for the variables of one {@link Variables} schema, in schema order, for one evaluation. Immutable once
 * built; build a new one per tick.
 *
 * <p>Compiled expressions read values through {@link #ref(int)}, {@link #longAt(int)}, {@link #doubleAt(int)}
 * and {@link #booleanAt(int)}; primitives are stored unboxed.
 */
public final class Bindings {
  private final Variables variables;
  private final Object[] refs;
  private final long[] longs;
  private final double[] doubles;
  private final boolean[] bound;

  private Bindings(Builder b) {
    this.variables = b.variables;
    this.refs = b.refs.clone();
    this.longs = b.longs.clone();
    this.doubles = b.doubles.clone();
    this.bound = b.bound.clone();
  }

  /** A variable an evaluation read has no value (e.g. its metric is missing). */
  public static final class UnboundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnboundException(String message) {
      super(message);
    }
  }

  public Variables variables() {
    return variables;
  }

  /**
   * The value of the reference variable at {@code slot}.
   *
   * @throws IllegalStateException if it was not bound
   */
  public Object ref(int slot) {
    Object v = refs[slot];
    if (v == null) {
      throw unbound(slot);
    }
    return v;
  }

  public long longAt(int slot) {
    if (!bound[slot]) {
      throw unbound(slot);
    }
    return longs[slot];
  }

  public double doubleAt(int slot) {
    if (!bound[slot]) {
      throw unbound(slot);
    }
    return doubles[slot];
  }

  public boolean booleanAt(int slot) {
    return longAt(slot) != 0;
  }

  /** The value bound to a name, boxed; null if unbound or unknown. For diagnostics, not for evaluation. */
  public Object get(String name) {
    int slot = variables.slot(name);
    if (slot < 0 || !bound[slot]) {
      return null;
    }
    Class<?> t = variables.type(name);
    if (t == long.class || t == int.class) {
      return longs[slot];
    }
    if (t == double.class) {
      return doubles[slot];
    }
    if (t == boolean.class) {
      return longs[slot] != 0;
    }
    return refs[slot];
  }

  private IllegalStateException unbound(int slot) {
    return new UnboundException("variable '" + variables.names().get(slot) + "' has no value");
  }

  /** Collects values. Not thread-safe. */
  public static final class Builder {
    private final Variables variables;
    private final Object[] refs;
    private final long[] longs;
    private final double[] doubles;
    private final boolean[] bound;

    Builder(Variables variables) {
      this.variables = variables;
      int n = variables.names().size();
      refs = new Object[n];
      longs = new long[n];
      doubles = new double[n];
      bound = new boolean[n];
    }

    /**
     * Binds one value. Names not in the schema are ignored, so a provider's whole variable map can be passed.
     *
     * @throws IllegalArgumentException if the value does not fit the declared type
     */
    public Builder put(String name, Object value) {
      int slot = variables.slot(name);
      if (slot < 0) {
        return this;
      }
      Class<?> t = variables.type(name);
      if (value == null) {
        refs[slot] = null;
        bound[slot] = false;
        return this;
      }
      if (t == long.class || t == int.class) {
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
          throw mismatch(name, t, value);
        }
        longs[slot] = ((Number) value).longValue();
      } else if (t == double.class) {
        if (!(value instanceof Number)) {
          throw mismatch(name, t, value);
        }
        doubles[slot] = ((Number) value).doubleValue();
      } else if (t == boolean.class) {
        if (!(value instanceof Boolean)) {
          throw mismatch(name, t, value);
        }
        longs[slot] = (Boolean) value ? 1 : 0;
      } else {
        if (!t.isInstance(value)) {
          throw mismatch(name, t, value);
        }
        refs[slot] = value;
      }
      bound[slot] = true;
      return this;
    }

    /** Binds every entry whose name is in the schema. */
    public Builder putAll(Map<String, ?> values) {
      values.forEach(this::put);
      return this;
    }

    public Bindings build() {
      return new Bindings(this);
    }

    private static IllegalArgumentException mismatch(String name, Class<?> t, Object value) {
      return new IllegalArgumentException(
          "variable '" + name + "': expected a value of type " + t.getSimpleName() + ", was "
              + value.getClass().getName());
    }
  }
}
