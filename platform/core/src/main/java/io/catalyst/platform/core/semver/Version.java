package io.catalyst.platform.core.semver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver 2.0.0): {@code MAJOR.MINOR.PATCH[-prerelease][+build]}. Build metadata is kept for
 * display but, as the specification says, ignored when ordering and comparing.
 */
public record Version(long major, long minor, long patch, List<String> prerelease, String build)
    implements Comparable<Version> {

  private static final Pattern SEMVER = Pattern.compile(
      "^(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})"
          + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  private static final Comparator<Version> ORDER = Comparator.comparingLong(Version::major)
      .thenComparingLong(Version::minor)
      .thenComparingLong(Version::patch)
      .thenComparing(Version::prerelease, Version::comparePrerelease);

  public Version {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers cannot be negative");
    }
    prerelease = List.copyOf(prerelease);
    build = build == null || build.isEmpty() ? null : build;
  }

  public static Version of(long major, long minor, long patch) {
    return new Version(major, minor, patch, List.of(), null);
  }

  /** Parses a strict semantic version; throws {@link IllegalArgumentException} with a message an author can act on. */
  public static Version parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a version is required (MAJOR.MINOR.PATCH, e.g. 16.4.0)");
    }
    Matcher m = SEMVER.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a semantic version; use MAJOR.MINOR.PATCH with an optional -prerelease, e.g. 16.4.0");
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return new Version(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), pre,
        m.group(5));
  }

  public static boolean isValid(String text) {
    return text != null && SEMVER.matcher(text.trim()).matches();
  }

  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** The same MAJOR.MINOR.PATCH without prerelease and build. */
  public Version release() {
    return of(major, minor, patch);
  }

  public boolean sameTuple(Version other) {
    return major == other.major && minor == other.minor && patch == other.patch;
  }

  @Override
  public int compareTo(Version other) {
    return ORDER.compare(this, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, prerelease);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!prerelease.isEmpty()) {
      sb.append('-').append(String.join(".", prerelease));
    }
    if (build != null) {
      sb.append('+').append(build);
    }
    return sb.toString();
  }

  /** A release sorts after every prerelease of the same tuple; identifiers compare numerically when numeric. */
  private static int comparePrerelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNum = x.chars().allMatch(Character::isDigit);
      boolean yNum = y.chars().allMatch(Character::isDigit);
      int c;
      if (xNum && yNum) {
        c = new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
      } else if (xNum != yNum) {
        c = xNum ? -1 : 1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  static List<String> splitPrerelease(String text) {
    return text == null || text.isEmpty() ? List.of() : new ArrayList<>(List.of(text.split("\\.")));
  }
}
