package io.catalyst.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTextsTest {

  @Test
  void javaTypesPackagesAndExceptionsAreInternals() {
    assertThat(ProblemTexts.namesInternals("Required request body is missing: java.util.Map io.catalyst.x.Y.create()"))
        .isTrue();
    assertThat(ProblemTexts.namesInternals("through reference chain: io.catalyst.kit.NewApplication[\"config\"]"))
        .isTrue();
    assertThat(ProblemTexts.namesInternals("Content type 'text/plain' not supported for bodyType=java.util.Map<>"))
        .isTrue();
    assertThat(ProblemTexts.namesInternals("tools.jackson.core.exc.StreamReadException: Unexpected")).isTrue();
    assertThat(ProblemTexts.namesInternals("IllegalArgumentException: bad")).isTrue();
  }

  @Test
  void sentencesForPeopleAreNot() {
    assertThat(ProblemTexts.namesInternals("The request is not valid: /config/replicas must be a whole number.")).isFalse();
    assertThat(ProblemTexts.namesInternals("The Application shop.example.com already exists in acme-prod.")).isFalse();
    assertThat(ProblemTexts.namesInternals("Unknown event type io.catalyst.catalog.blueprint.version.published.v1"))
        .isFalse();
    assertThat(ProblemTexts.namesInternals(null)).isFalse();
  }
}
