package io.catalyst.catalog.blueprint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A dependency's {@code when} predicate over the dependent's configuration. Authors write it as in the upstream
 * Blueprints, a Go-template-like expression, with or without the braces:
 *
 * <pre>
 * {{ .config.database.engine == 'postgres' }}
 * .config.cache.enabled && .config.replicas > 1
 * {{ eq .config.mode "embedded" }}      (Go template functions eq ne lt le gt ge and or not)
 * </pre>
 *
 * Only {@code .config.*} may be read; a missing value is null. Parsed once at sync time so a broken condition is
 * reported to the author instead of failing at install time. Evaluation never runs user code.
 */
public final class WhenCondition {

  private static final int MAX_LENGTH = 512;
  private static final Set<String> FUNCTIONS = Set.of("eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not");

  private final String source;
  private final Expr expr;

  private WhenCondition(String source, Expr expr) {
    this.source = source;
    this.expr = expr;
  }

  public static WhenCondition parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a when condition cannot be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a when condition is at most " + MAX_LENGTH + " characters");
    }
    String body = text.trim();
    if (body.startsWith("{{")) {
      if (!body.endsWith("}}")) {
        throw new IllegalArgumentException("'" + text + "' opens '{{' but does not end with '}}'");
      }
      body = body.substring(2, body.length() - 2).trim();
      if (body.startsWith("-")) {
        body = body.substring(1);
      }
      if (body.endsWith("-")) {
        body = body.substring(0, body.length() - 1);
      }
    }
    Parser parser = new Parser(tokenize(body, text), text);
    Expr e = parser.parseExpression();
    parser.expectEnd();
    return new WhenCondition(text.trim(), e);
  }

  public boolean test(JsonNode config) {
    return truthy(expr.eval(config));
  }

  /** The config paths the condition reads, e.g. {@code [database, engine]}, so they can be checked against the schema. */
  public Set<List<String>> paths() {
    Set<List<String>> out = new LinkedHashSet<>();
    expr.collectPaths(out);
    return out;
  }

  @Override
  public String toString() {
    return source;
  }

  // ---- evaluation -----------------------------------------------------------------------------------------------

  private sealed interface Expr {
    Object eval(JsonNode config);

    default void collectPaths(Set<List<String>> out) {}
  }

  private record Literal(Object value) implements Expr {
    public Object eval(JsonNode config) {
      return value;
    }
  }

  private record Path(List<String> segments) implements Expr {
    public Object eval(JsonNode config) {
      JsonNode node = config;
      for (String s : segments) {
        if (node == null || !node.isObject()) {
          return null;
        }
        node = node.get(s);
      }
      return fromJson(node);
    }

    public void collectPaths(Set<List<String>> out) {
      out.add(segments);
    }
  }

  private record Not(Expr operand) implements Expr {
    public Object eval(JsonNode config) {
      return !truthy(operand.eval(config));
    }

    public void collectPaths(Set<List<String>> out) {
      operand.collectPaths(out);
    }
  }

  private record Binary(String op, Expr left, Expr right) implements Expr {
    public Object eval(JsonNode config) {
      return switch (op) {
        case "&&" -> truthy(left.eval(config)) && truthy(right.eval(config));
        case "||" -> truthy(left.eval(config)) || truthy(right.eval(config));
        case "==" -> same(left.eval(config), right.eval(config));
        case "!=" -> !same(left.eval(config), right.eval(config));
        default -> compare(op, left.eval(config), right.eval(config));
      };
    }

    public void collectPaths(Set<List<String>> out) {
      left.collectPaths(out);
      right.collectPaths(out);
    }
  }

  private static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isString()) {
      return node.stringValue();
    }
    return node; // objects and arrays: truthy when non-empty
  }

  static boolean truthy(Object v) {
    return switch (v) {
      case null -> false;
      case Boolean b -> b;
      case BigDecimal d -> d.signum() != 0;
      case String s -> !s.isEmpty();
      case JsonNode n -> !n.isEmpty();
      default -> true;
    };
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  private static boolean compare(String op, Object a, Object b) {
    int c;
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      c = x.compareTo(y);
    } else if (a instanceof String x && b instanceof String y) {
      c = x.compareTo(y);
    } else {
      return false; // comparing different kinds (or a missing value) is never true
    }
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  // ---- parsing --------------------------------------------------------------------------------------------------

  private record Token(String kind, String text) {}

  private static List<Token> tokenize(String s, String whole) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string in when condition '" + whole + "'");
        }
        out.add(new Token("str", s.substring(i + 1, end)));
        i = end + 1;
      } else if (c == '.' && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))
          || Character.isLetter(c) || c == '_') {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "._-".indexOf(s.charAt(j)) >= 0)) {
          j++;
        }
        out.add(new Token("word", s.substring(i, j)));
        i = j;
      } else if (Character.isDigit(c) || c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        out.add(new Token("num", s.substring(i, j)));
        i = j;
      } else {
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
          out.add(new Token("op", two));
          i += 2;
        } else if ("<>!()".indexOf(c) >= 0) {
          out.add(new Token("op", String.valueOf(c)));
          i++;
        } else {
          throw new IllegalArgumentException("unexpected '" + c + "' in when condition '" + whole + "'");
        }
      }
    }
    return out;
  }

  private static final class Parser {
    private final List<Token> tokens;
    private final String whole;
    private int pos;

    Parser(List<Token> tokens, String whole) {
      this.tokens = tokens;
      this.whole = whole;
    }

    Expr parseExpression() {
      Expr left = parseAnd();
      while (peekIs("||")) {
        pos++;
        left = new Binary("||", left, parseAnd());
      }
      return left;
    }

    private Expr parseAnd() {
      Expr left = parseUnary();
      while (peekIs("&&")) {
        pos++;
        left = new Binary("&&", left, parseUnary());
      }
      return left;
    }

    private Expr parseUnary() {
      if (peekIs("!")) {
        pos++;
        return new Not(parseUnary());
      }
      return parseComparison();
    }

    private Expr parseComparison() {
      Expr left = parsePrimary();
      Token t = peek();
      if (t != null && t.kind.equals("op") && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text)) {
        pos++;
        return new Binary(t.text, left, parsePrimary());
      }
      return left;
    }

    private Expr parsePrimary() {
      Token t = next();
      switch (t.kind) {
        case "str":
          return new Literal(t.text);
        case "num":
          try {
            return new Literal(new BigDecimal(t.text));
          } catch (NumberFormatException e) {
            throw error("'" + t.text + "' is not a number");
          }
        case "op":
          if (t.text.equals("(")) {
            Expr inner = parseExpression();
            expect(")");
            return inner;
          }
          throw error("unexpected '" + t.text + "'");
        default:
          return word(t.text);
      }
    }

    private Expr word(String w) {
      switch (w) {
        case "true":
          return new Literal(true);
        case "false":
          return new Literal(false);
        case "null":
        case "nil":
          return new Literal(null);
        default:
          break;
      }
      if (FUNCTIONS.contains(w)) {
        return function(w);
      }
      String path = w.startsWith(".") ? w.substring(1) : w;
      List<String> segments = List.of(path.split("\\."));
      if (segments.size() < 2 || !segments.getFirst().equals("config") || segments.stream().anyMatch(String::isEmpty)) {
        throw error("'" + w + "' is not a config path; a when condition reads values like .config.database.engine");
      }
      return new Path(segments.subList(1, segments.size()));
    }

    private Expr function(String name) {
      List<Expr> args = new ArrayList<>();
      while (peek() != null && !peekIs(")") && !(peek().kind.equals("op") && !peekIs("(") && !peekIs("!"))) {
        args.add(parsePrimary());
      }
      int want = name.equals("not") ? 1 : 2;
      if (name.equals("and") || name.equals("or") ? args.size() < 2 : args.size() != want) {
        throw error(name + " takes " + (want == 1 ? "one argument" : "two arguments"));
      }
      return switch (name) {
        case "not" -> new Not(args.getFirst());
        case "and", "or" -> {
          Expr acc = args.getFirst();
          for (Expr e : args.subList(1, args.size())) {
            acc = new Binary(name.equals("and") ? "&&" : "||", acc, e);
          }
          yield acc;
        }
        default -> new Binary(switch (name) {
          case "eq" -> "==";
          case "ne" -> "!=";
          case "lt" -> "<";
          case "le" -> "<=";
          case "gt" -> ">";
          default -> ">=";
        }, args.get(0), args.get(1));
      };
    }

    void expectEnd() {
      if (pos < tokens.size()) {
        throw error("unexpected '" + tokens.get(pos).text + "'");
      }
    }

    private void expect(String op) {
      Token t = next();
      if (!t.kind.equals("op") || !t.text.equals(op)) {
        throw error("expected '" + op + "' but found '" + t.text + "'");
      }
    }

    private Token peek() {
      return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peekIs(String op) {
      Token t = peek();
      return t != null && t.kind.equals("op") && t.text.equals(op);
    }

    private Token next() {
      if (pos >= tokens.size()) {
        throw error("the condition ends too early");
      }
      return tokens.get(pos++);
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException("when condition '" + whole.trim() + "': " + message);
    }
  }
}
