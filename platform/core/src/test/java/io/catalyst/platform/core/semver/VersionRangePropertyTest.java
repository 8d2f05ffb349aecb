package io.catalyst.platform.core.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Semver ordering and range semantics, checked against their definitions on generated versions. */
class VersionRangePropertyTest {

  @Provide
  Arbitrary<Version> releases() {
    Arbitrary<Long> n = Arbitraries.longs().between(0, 4);
    return Combinators.combine(n, n, n).as(Version::of);
  }

  @Provide
  Arbitrary<Version> versions() {
    Arbitrary<List<String>> pre = Arbitraries.of("alpha", "beta", "rc", "1", "2", "11").list().ofMaxSize(2);
    return Combinators.combine(releases(), pre, Arbitraries.integers().between(0, 2))
        .as((v, p, coin) -> coin == 0 ? new Version(v.major(), v.minor(), v.patch(), p, null) : v);
  }

  @Property
  void printsAndParsesBack(@ForAll("versions") Version v) {
    assertThat(Version.parse(v.toString())).isEqualTo(v);
  }

  @Property
  void releasesOrderByTheirNumbers(@ForAll("releases") Version a, @ForAll("releases") Version b) {
    Comparator<Version> tuple = Comparator.comparingLong(Version::major).thenComparingLong(Version::minor)
        .thenComparingLong(Version::patch);
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(tuple.compare(a, b)));
  }

  @Property
  void orderIsTransitiveAndAntisymmetric(@ForAll("versions") Version a, @ForAll("versions") Version b,
      @ForAll("versions") Version c) {
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
      assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
    }
  }

  @Property
  void caretKeepsTheLeftmostNonZeroPart(@ForAll("releases") Version base, @ForAll("releases") Version v) {
    boolean expected = v.compareTo(base) >= 0 && (base.major() > 0 ? v.major() == base.major()
        : base.minor() > 0 ? v.major() == 0 && v.minor() == base.minor()
        : v.major() == 0 && v.minor() == 0 && v.patch() == base.patch());
    assertThat(VersionRange.parse("^" + base).isSatisfiedBy(v)).isEqualTo(expected);
  }

  @Property
  void tildeKeepsMajorAndMinor(@ForAll("releases") Version base, @ForAll("releases") Version v) {
    boolean expected = v.compareTo(base) >= 0 && v.major() == base.major() && v.minor() == base.minor();
    assertThat(VersionRange.parse("~" + base).isSatisfiedBy(v)).isEqualTo(expected);
  }

  @Property
  void xRangesFixTheGivenParts(@ForAll("releases") Version base, @ForAll("releases") Version v) {
    assertThat(VersionRange.parse(base.major() + ".x").isSatisfiedBy(v)).isEqualTo(v.major() == base.major());
    assertThat(VersionRange.parse(base.major() + "." + base.minor() + ".x").isSatisfiedBy(v))
        .isEqualTo(v.major() == base.major() && v.minor() == base.minor());
    assertThat(VersionRange.parse("*").isSatisfiedBy(v)).isTrue();
  }

  @Property
  void anExactVersionMatchesOnlyItself(@ForAll("versions") Version base, @ForAll("versions") Version v) {
    assertThat(VersionRange.parse(base.toString()).isSatisfiedBy(v)).isEqualTo(v.equals(base));
  }

  @Property
  void spaceIsIntersectionAndBarsAreUnion(@ForAll("releases") Version low, @ForAll("releases") Version high,
      @ForAll("releases") Version v) {
    assertThat(VersionRange.parse(">=" + low + " <" + high).isSatisfiedBy(v))
        .isEqualTo(v.compareTo(low) >= 0 && v.compareTo(high) < 0);
    VersionRange a = VersionRange.parse("^" + low);
    VersionRange b = VersionRange.parse("~" + high);
    assertThat(VersionRange.parse("^" + low + " || ~" + high).isSatisfiedBy(v))
        .isEqualTo(a.isSatisfiedBy(v) || b.isSatisfiedBy(v));
  }

  @Property
  void prereleasesNeverSneakIntoReleaseRanges(@ForAll("releases") Version base, @ForAll("versions") Version v) {
    if (v.isPrerelease()) {
      for (String op : List.of("^", "~", ">=", "")) {
        String range = op.isEmpty() ? base.major() + ".x" : op + base;
        assertThat(VersionRange.parse(range).isSatisfiedBy(v)).as(range + " vs " + v).isFalse();
      }
    }
  }

  @Property
  void highestIsTheMaximumOfTheMatches(@ForAll @Size(max = 12) List<@net.jqwik.api.From("versions") Version> published,
      @ForAll("releases") Version base) {
    VersionRange range = VersionRange.parse("^" + base);
    var expected = published.stream().filter(range::isSatisfiedBy).max(Comparator.naturalOrder());
    assertThat(range.highest(published)).isEqualTo(expected);
    range.highest(published).ifPresent(h -> assertThat(published).allSatisfy(p ->
        assertThat(range.isSatisfiedBy(p) && p.compareTo(h) > 0).isFalse()));
  }
}
