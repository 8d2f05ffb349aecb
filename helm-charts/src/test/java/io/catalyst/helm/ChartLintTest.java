package io.catalyst.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** helm lint --strict of every chart with its default values: a warning fails as an error would. */
class ChartLintTest {

  static Stream<String> charts() {
    return Stream.concat(Stream.of(Charts.UMBRELLA, "catalyst-common"), Charts.SERVICES.stream());
  }

  @ParameterizedTest
  @MethodSource("charts")
  void lintsStrictWithoutWarnings(String chart) {
    LintResult result = Charts.lintStrict(chart);

    assertThat(result.isFailed()).as("lint of %s: %s", chart, result.getMessages()).isFalse();
    assertThat(result.getMessages()).as(chart)
        .noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"));
  }
}
