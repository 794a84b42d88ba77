package dev.themis.expr;

import java.util.List;

/** AST of an expression. Positions are offsets into the original source, so carets point at what the user wrote. */
abstract class Node {
  final int pos;
  /** Static type, set by the type checker: long, double, boolean, String, NULL_TYPE, a variable class or array. */
  Class<?> type;

  Node(int pos) {
    this.pos = pos;
  }

  /** One operation per kind of node, so that each operation (translation, interpretation...) names every kind. */
  interface Visitor<R, X extends Exception> {
    R lit(Lit n) throws X;

    R name(Name n) throws X;

    R member(Member n) throws X;

    R call(Call n) throws X;

    R index(Index n) throws X;

    R unary(Unary n) throws X;

    R binary(Binary n) throws X;

    R compare(Compare n) throws X;

    R cond(Cond n) throws X;

    R list(ListLit n) throws X;
  }

  /** The visitor's operation for this kind of node: the one place that tells the kinds apart. */
  final <R, X extends Exception> R accept(Visitor<R, X> v) throws X {
    if (this instanceof Lit n) {
      return v.lit(n);
    }
    if (this instanceof Name n) {
      return v.name(n);
    }
    if (this instanceof Member n) {
      return v.member(n);
    }
    if (this instanceof Call n) {
      return v.call(n);
    }
    if (this instanceof Index n) {
      return v.index(n);
    }
    if (this instanceof Unary n) {
      return v.unary(n);
    }
    if (this instanceof Binary n) {
      return v.binary(n);
    }
    if (this instanceof Compare n) {
      return v.compare(n);
    }
    if (this instanceof Cond n) {
      return v.cond(n);
    }
    return v.list((ListLit) this);
  }

  /** Direct sub-expressions. */
  List<Node> children() {
    if (this instanceof Member m) {
      return List.of(m.target);
    }
    if (this instanceof Call c) {
      List<Node> out = new java.util.ArrayList<>(c.args);
      out.add(0, c.callee);
      return out;
    }
    if (this instanceof Index i) {
      return List.of(i.target, i.index);
    }
    if (this instanceof Unary u) {
      return List.of(u.operand);
    }
    if (this instanceof Binary b) {
      return List.of(b.left, b.right);
    }
    if (this instanceof Compare c) {
      return c.operands;
    }
    if (this instanceof Cond c) {
      return List.of(c.cond, c.then, c.otherwise);
    }
    if (this instanceof ListLit l) {
      return l.items;
    }
    return List.of();
  }

  static final class Lit extends Node {
    final Object value; // Long, Double, Boolean, String or null

    Lit(int pos, Object value) {
      super(pos);
      this.value = value;
    }
  }

  static final class Name extends Node {
    final String name;
    int slot = -1;

    Name(int pos, String name) {
      super(pos);
      this.name = name;
    }
  }

  static final class Member extends Node {
    final Node target;
    final String name;
    /** The Java name actually accessed (Python aliases such as startswith map to startsWith). */
    String javaName;
    boolean arrayLength;
    /** The field read (null for a list's length and Math's constants); for explanations. */
    java.lang.reflect.Field field;
    /** Math.PI or Math.E; null otherwise. */
    Double constant;

    Member(int pos, Node target, String name) {
      super(pos);
      this.target = target;
      this.name = name;
    }
  }

  static final class Call extends Node {
    final Node callee;
    final List<Node> args;
    /** What is called: {@code fn} (a built-in function), {@code math}, {@code string}, {@code method}, {@code helper}. */
    String resolved;
    /** The method of a variable or helper called; null for functions, Math and string methods. */
    java.lang.reflect.Method method;

    Call(int pos, Node callee, List<Node> args) {
      super(pos);
      this.callee = callee;
      this.args = args;
    }
  }

  static final class Index extends Node {
    final Node target;
    final Node index;

    Index(int pos, Node target, Node index) {
      super(pos);
      this.target = target;
      this.index = index;
    }
  }

  static final class Unary extends Node {
    final String op; // "-", "+", "!"
    final Node operand;

    Unary(int pos, String op, Node operand) {
      super(pos);
      this.op = op;
      this.operand = operand;
    }
  }

  static final class Binary extends Node {
    final String op; // + - * / // % ** && ||
    final Node left;
    final Node right;

    Binary(int pos, String op, Node left, Node right) {
      super(pos);
      this.op = op;
      this.left = left;
      this.right = right;
    }
  }

  /** A comparison chain {@code a < b <= c}, meaning {@code a < b and b <= c}. */
  static final class Compare extends Node {
    final List<Node> operands;
    final List<String> ops;
    final List<Integer> opPos;

    Compare(int pos, List<Node> operands, List<String> ops, List<Integer> opPos) {
      super(pos);
      this.operands = operands;
      this.ops = ops;
      this.opPos = opPos;
    }
  }

  static final class Cond extends Node {
    final Node cond;
    final Node then;
    final Node otherwise;

    Cond(int pos, Node cond, Node then, Node otherwise) {
      super(pos);
      this.cond = cond;
      this.then = then;
      this.otherwise = otherwise;
    }
  }

  static final class ListLit extends Node {
    final List<Node> items;

    ListLit(int pos, List<Node> items) {
      super(pos);
      this.items = items;
    }
  }
}
