package io.catalyst.platform.core.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
      "^1.4, 1.4.0, true", "^1.4, 1.9.9, true", "^1.4, 2.0.0, false", "^1.4, 1.3.9, false",
      "^1, 1.0.0, true", "^1, 2.0.0-rc.1, false",
      "^0.2.3, 0.2.9, true", "^0.2.3, 0.3.0, false", "^0.0.3, 0.0.4, false", "^0.0.3, 0.0.3, true",
      "~1.4.2, 1.4.9, true", "~1.4.2, 1.5.0, false", "~1, 1.9.0, true",
      "16.x, 16.4.0, true", "16.x, 17.0.0, false", "16.4.x, 16.4.7, true", "16.4.x, 16.5.0, false",
      "*, 0.0.1, true", "x, 99.0.0, true",
      "16.4.0, 16.4.0, true", "16.4.0, 16.4.1, false", "=16.4.0, 16.4.0, true",
      ">=15 <17, 16.9.9, true", ">=15 <17, 17.0.0, false", ">= 15, 15.0.0, true",
      ">1.2, 1.3.0, true", ">1.2, 1.2.9, false", "<=1.2, 1.2.9, true", "<=1.2, 1.3.0, false", "<1.2, 1.1.9, true",
      "1.2 - 1.4, 1.4.9, true", "1.2 - 1.4, 1.5.0, false", "1.2.3 - 1.4.0, 1.4.0, true",
      "^15 || ^17, 16.0.0, false", "^15 || ^17, 17.2.0, true",
      "^1.0.0-beta.1, 1.0.0-beta.2, true", "^1.0.0-beta.1, 1.0.1-beta.1, false", "^1.0.0-beta.1, 1.0.0, true",
      "16.4.0-rc.1, 16.4.0-rc.1, true"})
  void npmSemantics(String range, String version, boolean expected) {
    assertThat(VersionRange.parse(range).isSatisfiedBy(Version.parse(version))).isEqualTo(expected);
  }

  @Test
  void picksTheHighestVersionInside() {
    var published = List.of("15.8.0", "16.2.1", "16.4.0", "17.0.0-rc.1", "17.2.0").stream().map(Version::parse)
        .toList();
    assertThat(VersionRange.parse("^16").highest(published)).contains(Version.parse("16.4.0"));
    assertThat(VersionRange.parse("*").highest(published)).contains(Version.parse("17.2.0"));
    assertThat(VersionRange.parse("^18").highest(published)).isEmpty();
  }

  @Test
  void explainsWhatIsWrong() {
    assertThatThrownBy(() -> VersionRange.parse("^sixteen"))
        .hasMessageContaining("'sixteen' in version range '^sixteen' is not a version");
    assertThatThrownBy(() -> Version.parse("16.4")).hasMessageContaining("MAJOR.MINOR.PATCH");
  }

  @Test
  void ordersPrereleasesBeforeTheRelease() {
    assertThat(List.of("1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.11", "1.0.0-beta.2",
        "0.9.9").stream().map(Version::parse).sorted().map(Version::toString))
        .containsExactly("0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
            "1.0.0");
  }
}
