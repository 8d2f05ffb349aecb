package io.catalyst.platform.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** The translator's guard and helpers that no HTTP test can provoke on purpose. */
class ExceptionTranslatorTest {

  private final ExceptionTranslator translator =
      new ExceptionTranslator(new DefaultListableBeanFactory().getBeanProvider(io.micrometer.tracing.Tracer.class));

  @Test
  void aClientErrorWhoseDetailNamesJavaInternalsGetsAPlainDetail() {
    var request = new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/kit/things"));
    var response = translator.problem(ProblemException.badRequest(
        "Failed to bind io.catalyst.kit.Thing: java.lang.IllegalArgumentException"), request);
    String detail = ((ProblemDetail) response.getBody()).getDetail();
    assertThat(detail).isEqualTo("The request was refused (400 Bad Request). Check it against the API documentation.");
  }

  @Test
  void aClientErrorWrittenForAPersonIsKept() {
    var request = new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/kit/things"));
    var response = translator.problem(ProblemException.conflict(
        "The Application shop.example.com already exists in acme-prod; pick another name."), request);
    assertThat(((ProblemDetail) response.getBody()).getDetail())
        .isEqualTo("The Application shop.example.com already exists in acme-prod; pick another name.");
  }

  @Test
  void beanPropertyPathsBecomeJsonPointers() {
    assertThat(ExceptionTranslator.pointerOf("config.replicas")).isEqualTo("/config/replicas");
    assertThat(ExceptionTranslator.pointerOf("items[0].name")).isEqualTo("/items/0/name");
    assertThat(ExceptionTranslator.pointerOf("labels[app/tier]")).isEqualTo("/labels/app~1tier");
  }
}
