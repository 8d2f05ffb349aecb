package io.catalyst.platform.core.semver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semver range with npm semantics: caret ({@code ^1.4}), tilde ({@code ~1.4.2}), x-ranges ({@code 1.x}, {@code *}),
 * exact versions, primitive comparators ({@code >=1.2 <2}), hyphen ranges ({@code 1.2 - 1.4}) and unions
 * ({@code ^1 || ^2}). A prerelease version matches only when a comparator names the same {@code MAJOR.MINOR.PATCH}
 * with a prerelease, so {@code ^16} never selects {@code 17.0.0-rc.1}.
 */
public final class VersionRange {

  private static final Pattern PARTIAL = Pattern.compile(
      "^v?(\\*|[xX]|0|[1-9]\\d{0,17})(?:\\.(\\*|[xX]|0|[1-9]\\d{0,17})(?:\\.(\\*|[xX]|0|[1-9]\\d{0,17})"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?$");
  private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|\\^|~)\\s+");

  enum Op { LT, LE, GT, GE, EQ }

  record Comparator(Op op, Version version) {
    boolean test(Version v) {
      int c = v.compareTo(version);
      return switch (op) {
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
        case EQ -> c == 0;
      };
    }
  }

  private final String text;
  private final List<List<Comparator>> sets;

  private VersionRange(String text, List<List<Comparator>> sets) {
    this.text = text;
    this.sets = sets;
  }

  public static VersionRange any() {
    return parse("*");
  }

  /** Parses a range; throws {@link IllegalArgumentException} with a message naming the offending part. */
  public static VersionRange parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a version range is required, e.g. ^16.0.0");
    }
    String trimmed = text.trim();
    if (trimmed.length() > 256) {
      throw new IllegalArgumentException("a version range is at most 256 characters");
    }
    List<List<Comparator>> sets = new ArrayList<>();
    for (String alternative : trimmed.split("\\|\\|", -1)) {
      sets.add(parseSet(alternative.trim(), text));
    }
    return new VersionRange(trimmed.isEmpty() ? "*" : trimmed, List.copyOf(sets));
  }

  public static Optional<VersionRange> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean isSatisfiedBy(Version version) {
    for (List<Comparator> set : sets) {
      if (testSet(set, version)) {
        return true;
      }
    }
    return false;
  }

  /** The highest of {@code candidates} inside this range. */
  public Optional<Version> highest(Collection<Version> candidates) {
    return candidates.stream().filter(this::isSatisfiedBy).max(Version::compareTo);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionRange r && r.sets.equals(sets);
  }

  @Override
  public int hashCode() {
    return sets.hashCode();
  }

  private static boolean testSet(List<Comparator> set, Version version) {
    for (Comparator c : set) {
      if (!c.test(version)) {
        return false;
      }
    }
    if (version.isPrerelease()) {
      for (Comparator c : set) {
        if (c.version().isPrerelease() && c.version().sameTuple(version)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private static List<Comparator> parseSet(String set, String whole) {
    if (set.isEmpty()) {
      return List.of(new Comparator(Op.GE, Version.of(0, 0, 0)));
    }
    String[] hyphen = set.split("\\s+-\\s+");
    if (hyphen.length == 2) {
      Partial from = Partial.parse(hyphen[0].trim(), whole);
      Partial to = Partial.parse(hyphen[1].trim(), whole);
      List<Comparator> out = new ArrayList<>();
      out.add(new Comparator(Op.GE, from.floor()));
      to.upperInclusive().ifPresent(out::add);
      return out;
    }
    if (hyphen.length > 2) {
      throw new IllegalArgumentException("'" + whole + "' has more than one hyphen range in one alternative");
    }
    List<Comparator> out = new ArrayList<>();
    for (String token : OPERATOR_SPACE.matcher(set).replaceAll("$1").split("\\s+")) {
      out.addAll(parseSimple(token, whole));
    }
    return out;
  }

  private static List<Comparator> parseSimple(String token, String whole) {
    if (token.startsWith("^")) {
      return caret(Partial.parse(token.substring(1), whole));
    }
    if (token.startsWith("~")) {
      return tilde(Partial.parse(token.substring(token.startsWith("~>") ? 2 : 1), whole));
    }
    for (String op : List.of(">=", "<=", ">", "<", "=")) {
      if (token.startsWith(op)) {
        return primitive(op, Partial.parse(token.substring(op.length()), whole));
      }
    }
    return xRange(Partial.parse(token, whole));
  }

  private static List<Comparator> caret(Partial p) {
    Version floor = p.floor();
    if (p.major == null) {
      return List.of(new Comparator(Op.GE, Version.of(0, 0, 0)));
    }
    Version ceiling;
    if (p.major > 0 || p.minor == null) {
      ceiling = lowest(p.major + 1, 0, 0);
    } else if (p.minor > 0 || p.patch == null) {
      ceiling = lowest(0, p.minor + 1, 0);
    } else {
      ceiling = lowest(0, 0, p.patch + 1);
    }
    return List.of(new Comparator(Op.GE, floor), new Comparator(Op.LT, ceiling));
  }

  private static List<Comparator> tilde(Partial p) {
    if (p.major == null) {
      return List.of(new Comparator(Op.GE, Version.of(0, 0, 0)));
    }
    Version ceiling = p.minor == null ? lowest(p.major + 1, 0, 0) : lowest(p.major, p.minor + 1, 0);
    return List.of(new Comparator(Op.GE, p.floor()), new Comparator(Op.LT, ceiling));
  }

  private static List<Comparator> xRange(Partial p) {
    if (p.major == null) {
      return List.of(new Comparator(Op.GE, Version.of(0, 0, 0)));
    }
    if (p.isFull()) {
      return List.of(new Comparator(Op.EQ, p.floor()));
    }
    return List.of(new Comparator(Op.GE, p.floor()), p.upperExclusive());
  }

  private static List<Comparator> primitive(String op, Partial p) {
    if (op.equals("=")) {
      return xRange(p);
    }
    if (p.major == null) {
      // ">=*" matches everything; "<*" and ">*" match nothing.
      return op.equals(">=") || op.equals("<=")
          ? List.of(new Comparator(Op.GE, Version.of(0, 0, 0)))
          : List.of(new Comparator(Op.LT, Version.of(0, 0, 0)));
    }
    if (p.isFull()) {
      Op o = switch (op) {
        case ">=" -> Op.GE;
        case "<=" -> Op.LE;
        case ">" -> Op.GT;
        default -> Op.LT;
      };
      return List.of(new Comparator(o, p.floor()));
    }
    return switch (op) {
      case ">=" -> List.of(new Comparator(Op.GE, p.floor()));
      case "<" -> List.of(new Comparator(Op.LT, lowest(p.major, p.minor == null ? 0 : p.minor, 0)));
      case ">" -> List.of(new Comparator(Op.GE, p.minor == null ? Version.of(p.major + 1, 0, 0)
          : Version.of(p.major, p.minor + 1, 0)));
      default -> List.of(p.upperExclusive()); // "<=1.2" means "<1.3.0-0"
    };
  }

  /** The lowest version of a tuple, prereleases included ({@code 2.0.0-0}). */
  private static Version lowest(long major, long minor, long patch) {
    return new Version(major, minor, patch, List.of("0"), null);
  }

  /** A possibly partial version: {@code 1}, {@code 1.2}, {@code 1.2.x}, {@code 1.2.3-rc.1}; null parts are wildcards. */
  private record Partial(Long major, Long minor, Long patch, List<String> prerelease) {

    static Partial parse(String text, String whole) {
      Matcher m = PARTIAL.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + text + "' in version range '" + whole.trim()
            + "' is not a version; use forms like 16.4.0, ^16.0, ~16.4.0, 16.x or >=15 <17");
      }
      Long major = number(m.group(1));
      Long minor = major == null ? null : number(m.group(2));
      Long patch = minor == null ? null : number(m.group(3));
      List<String> pre = patch == null ? List.of() : Version.splitPrerelease(m.group(4));
      return new Partial(major, minor, patch, pre);
    }

    private static Long number(String s) {
      return s == null || s.equals("*") || s.equalsIgnoreCase("x") ? null : Long.parseLong(s);
    }

    boolean isFull() {
      return patch != null;
    }

    Version floor() {
      return new Version(major == null ? 0 : major, minor == null ? 0 : minor, patch == null ? 0 : patch,
          prerelease, null);
    }

    Comparator upperExclusive() {
      return minor == null ? new Comparator(Op.LT, lowest(major + 1, 0, 0))
          : new Comparator(Op.LT, lowest(major, minor + 1, 0));
    }

    Optional<Comparator> upperInclusive() {
      if (major == null) {
        return Optional.empty();
      }
      return isFull() ? Optional.of(new Comparator(Op.LE, floor())) : Optional.of(upperExclusive());
    }
  }
}
