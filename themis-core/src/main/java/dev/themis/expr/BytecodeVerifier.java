package dev.themis.expr;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's last layer, independent of the parser and type checker: reads the class file Janino produced,
 * before it is loaded, and rejects it unless every class, field and method it references is on the allow-list and
 * its code has no instruction that could loop, allocate, throw, synchronise or reach anything dynamically.
 *
 * <p>Why evaluation is then bounded: without backward branches, {@code switch}, {@code invokedynamic} or calls to
 * the class itself, every instruction of {@code evaluate} runs at most once; the only calls go to {@code Math},
 * {@code Bindings}' getters, {@link Functions} (each O(1), allocating at most 8 references) and the pure getters of
 * allow-listed variable classes; {@code new}, {@code newarray}, {@code anewarray} and {@code multianewarray} are
 * rejected. So time and allocation of one evaluation are linear in the (length-limited) expression.
 *
 * <p>This works the same on every JDK: it needs no SecurityManager (removed in Java 24).
 */
final class BytecodeVerifier {
  private static final Set<String> MATH_NAMES = Set.of(
      "abs", "min", "max", "floor", "ceil", "sqrt", "cbrt", "pow", "exp", "log", "log10", "signum", "hypot",
      "round", "floorDiv", "floorMod");
  private static final Set<String> STRING_NAMES = Set.of(
      "equals", "equalsIgnoreCase", "startsWith", "endsWith", "contains", "length", "isEmpty");
  private static final Set<String> BINDINGS_NAMES = Set.of("ref", "longAt", "doubleAt", "booleanAt");
  /** Types that may appear in descriptors though their members cannot be used. */
  private static final Set<String> DESCRIPTOR_ONLY = Set.of(
      "java/lang/Object", "java/lang/CharSequence", "java/util/List");
  /**
   * Types that may be named by a class entry though their members cannot be used: Janino casts a string to
   * {@code CharSequence} for {@code String.contains(CharSequence)}. A cast, or the class object, reaches nothing
   * without a member, and every member is checked on its own.
   */
  private static final Set<String> CAST_ONLY = Set.of("java/lang/CharSequence");

  private final Variables vars;
  private final String interfaceName;
  private final java.util.Collection<Class<?>> helpers;

  BytecodeVerifier(Variables vars, Class<?> iface) {
    this(vars, iface, List.of());
  }

  BytecodeVerifier(Variables vars, Class<?> iface, java.util.Collection<Class<?>> helpers) {
    this.vars = vars;
    this.interfaceName = iface.getName().replace('.', '/');
    this.helpers = helpers;
  }

  /** Checks the class; returns null if it is acceptable, else the reason. */
  String verify(String className, byte[] bytes) {
    try {
      return check(className.replace('.', '/'), bytes);
    } catch (IOException | RuntimeException e) {
      return "malformed class file: " + e;
    }
  }

  private String check(String self, byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != 0xCAFEBABE) {
      return "not a class file";
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int n = in.readUnsignedShort();
    int[] tag = new int[n];
    int[] a = new int[n];
    int[] b = new int[n];
    String[] utf = new String[n];
    for (int i = 1; i < n; i++) {
      int t = in.readUnsignedByte();
      tag[i] = t;
      switch (t) {
        case 1:
          utf[i] = in.readUTF();
          break;
        case 3:
        case 4:
          in.readInt();
          break;
        case 5:
        case 6:
          in.readLong();
          i++;
          break;
        case 7:
        case 8:
          a[i] = in.readUnsignedShort();
          break;
        case 9:
        case 10:
        case 11:
        case 12:
          a[i] = in.readUnsignedShort();
          b[i] = in.readUnsignedShort();
          break;
        default:
          return "constant pool entry of kind " + t + " (method handles, dynamic constants, modules) is not allowed";
      }
    }
    // classes
    for (int i = 1; i < n; i++) {
      if (tag[i] == 7) {
        String cn = utf[a[i]];
        if (!cn.equals(self) && !classAllowed(cn) && !cn.equals(interfaceName) && !CAST_ONLY.contains(cn)) {
          return "reference to class " + cn.replace('/', '.') + " is not allowed";
        }
      }
    }
    // members
    for (int i = 1; i < n; i++) {
      if (tag[i] == 9 || tag[i] == 10 || tag[i] == 11) {
        String owner = utf[a[a[i]]];
        String name = utf[a[b[i]]];
        String desc = utf[b[b[i]]];
        String why = memberAllowed(self, tag[i] == 9, owner, name, desc);
        if (why != null) {
          return why;
        }
      }
    }
    in.readUnsignedShort(); // access
    if (!utf[a[in.readUnsignedShort()]].equals(self)) {
      return "unexpected class name";
    }
    in.readUnsignedShort(); // super
    int ifaces = in.readUnsignedShort();
    for (int i = 0; i < ifaces; i++) {
      in.readUnsignedShort();
    }
    if (in.readUnsignedShort() != 0) {
      return "the generated class must not have fields";
    }
    int methods = in.readUnsignedShort();
    for (int i = 0; i < methods; i++) {
      in.readUnsignedShort();
      String name = utf[in.readUnsignedShort()];
      in.readUnsignedShort();
      if (!name.equals("<init>") && !name.equals("evaluate")) {
        return "unexpected method " + name + " in generated class";
      }
      int attrs = in.readUnsignedShort();
      for (int j = 0; j < attrs; j++) {
        String an = utf[in.readUnsignedShort()];
        int len = in.readInt();
        byte[] body = in.readNBytes(len);
        if (an.equals("Code")) {
          String why = checkCode(body, tag, a, b, utf, self);
          if (why != null) {
            return why;
          }
        }
      }
    }
    return null;
  }

  private boolean classAllowed(String internal) {
    String cn = internal;
    while (cn.startsWith("[")) {
      cn = cn.substring(1);
    }
    if (cn.startsWith("L") && cn.endsWith(";")) {
      cn = cn.substring(1, cn.length() - 1);
    }
    if (cn.length() == 1) {
      return true; // primitive array
    }
    switch (cn) {
      case "java/lang/Object":
      case "java/lang/Math":
      case "java/lang/String":
      case "java/util/List": // the declared return type of StringListExpression; its members stay forbidden
      case "dev/themis/expr/Bindings":
      case "dev/themis/expr/Functions":
        return true;
      default:
        break;
    }
    for (Class<?> c : vars.allowedClasses()) {
      if (c.getName().replace('.', '/').equals(cn)) {
        return true;
      }
    }
    for (Class<?> c : helpers) {
      if (c.getName().replace('.', '/').equals(cn)) {
        return true;
      }
    }
    return false;
  }

  private boolean descriptorAllowed(String desc) {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < desc.length(); i++) {
      char c = desc.charAt(i);
      if (c == 'L') {
        int end = desc.indexOf(';', i);
        types.add(desc.substring(i + 1, end));
        i = end;
      }
    }
    for (String t : types) {
      if (!classAllowed(t) && !DESCRIPTOR_ONLY.contains(t)) {
        return false;
      }
    }
    return true;
  }

  private String memberAllowed(String self, boolean isField, String owner, String name, String desc) {
    String what = owner.replace('/', '.') + "." + name;
    if (!descriptorAllowed(desc)) {
      return "reference to " + what + " with type " + desc + " is not allowed";
    }
    switch (owner) {
      case "java/lang/Object":
        return !isField && name.equals("<init>") && desc.equals("()V") ? null : "call to " + what + " is not allowed";
      case "java/lang/Math":
        return !isField && MATH_NAMES.contains(name) ? null : "call to " + what + " is not allowed";
      case "java/lang/String":
        return !isField && STRING_NAMES.contains(name) ? null : "call to " + what + " is not allowed";
      case "dev/themis/expr/Bindings":
        return !isField && BINDINGS_NAMES.contains(name) ? null : "call to " + what + " is not allowed";
      case "dev/themis/expr/Functions":
        return !isField && !name.startsWith("<") ? null : "reference to " + what + " is not allowed";
      default:
        break;
    }
    if (owner.equals(self)) {
      return "the generated class must not call itself";
    }
    for (Class<?> h : helpers) {
      if (h.getName().replace('.', '/').equals(owner)) {
        for (Method m : h.getMethods()) {
          if (!isField && m.getName().equals(name) && Translator.helperMethod(m, h, vars)
              && descriptor(m).equals(desc)) {
            return null;
          }
        }
        return "reference to " + what + " is not allowed";
      }
    }
    Class<?> oc = null;
    for (Class<?> c : vars.allowedClasses()) {
      if (c.getName().replace('.', '/').equals(owner)) {
        oc = c;
      }
    }
    if (oc == null) {
      return "reference to " + what + " is not allowed";
    }
    if (isField) {
      for (Field f : oc.getFields()) {
        if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())
            && vars.allowedClasses().contains(f.getDeclaringClass()) && descriptor(f.getType()).equals(desc)) {
          return null;
        }
      }
      return "field " + what + " is not allowed";
    }
    for (Method m : oc.getMethods()) {
      if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())
          && !Translator.overridesObject(m) && vars.allowedClasses().contains(m.getDeclaringClass())
          && descriptor(m).equals(desc)) {
        return null;
      }
    }
    return "method " + what + " is not allowed";
  }

  private static String descriptor(Method m) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) {
      sb.append(descriptor(p));
    }
    return sb.append(')').append(descriptor(m.getReturnType())).toString();
  }

  private static String descriptor(Class<?> c) {
    if (c.isArray()) {
      return "[" + descriptor(c.getComponentType());
    }
    if (c.isPrimitive()) {
      switch (c.getName()) {
        case "int": return "I";
        case "long": return "J";
        case "double": return "D";
        case "float": return "F";
        case "boolean": return "Z";
        case "byte": return "B";
        case "short": return "S";
        case "char": return "C";
        default: return "V";
      }
    }
    return "L" + c.getName().replace('.', '/') + ";";
  }

  private String checkCode(byte[] attr, int[] tag, int[] a, int[] b, String[] utf, String self) {
    int codeLen = ((attr[4] & 0xff) << 24) | ((attr[5] & 0xff) << 16) | ((attr[6] & 0xff) << 8) | (attr[7] & 0xff);
    int base = 8;
    int pc = 0;
    while (pc < codeLen) {
      int op = attr[base + pc] & 0xff;
      int len;
      if (op <= 0x0f || (op >= 0x1a && op <= 0x35) || (op >= 0x3b && op <= 0x83)
          || (op >= 0x85 && op <= 0x98) || (op >= 0xac && op <= 0xb1) || op == 0xbe) {
        len = 1;
      } else if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3a)) {
        len = 2;
      } else if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || op == 0xb4 || op == 0xb6
          || op == 0xb7 || op == 0xb8 || op == 0xc0) {
        len = 3;
      } else if ((op >= 0x99 && op <= 0xa7) || op == 0xc6 || op == 0xc7) {
        int off = (short) (((attr[base + pc + 1] & 0xff) << 8) | (attr[base + pc + 2] & 0xff));
        if (off <= 0) {
          return "backward jump (a loop) at offset " + pc;
        }
        len = 3;
      } else if (op == 0xb9) {
        len = 5;
      } else {
        return "instruction 0x" + Integer.toHexString(op) + " (" + opName(op) + ") is not allowed";
      }
      if (op == 0xb7) {
        int idx = ((attr[base + pc + 1] & 0xff) << 8) | (attr[base + pc + 2] & 0xff);
        if (!utf[a[b[idx]]].equals("<init>")) {
          return "invokespecial of a method is not allowed";
        }
      }
      pc += len;
    }
    return null;
  }

  private static String opName(int op) {
    switch (op) {
      case 0xbb: return "new: object creation";
      case 0xbc: case 0xbd: case 0xc5: return "array creation";
      case 0xbf: return "throw";
      case 0xc2: case 0xc3: return "synchronisation";
      case 0xba: return "invokedynamic";
      case 0xaa: case 0xab: return "switch";
      case 0xb2: case 0xb3: case 0xb5: return "static or field access";
      case 0xa8: case 0xa9: case 0xc9: return "subroutine";
      case 0xc8: return "long jump";
      case 0xc1: return "instanceof";
      case 0xc4: return "wide";
      default: return "unknown";
    }
  }
}
