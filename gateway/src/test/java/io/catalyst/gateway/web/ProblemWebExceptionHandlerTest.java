package io.catalyst.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.gateway.resilience.ServiceFailures;
import io.catalyst.platform.core.ProblemTypes;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/** The failures no end-to-end test can provoke on purpose: an unexpected exception is a 500 problem. */
class ProblemWebExceptionHandlerTest {

  private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(
      new ProblemWriter(JsonMapper.builder().build()), new ServiceFailures(CircuitBreakerRegistry.ofDefaults()));

  @Test
  void anUnexpectedFailureIsA500ProblemWithoutItsInternals() {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/catalog/blueprints"));
    handler.handle(exchange, new IllegalStateException("secret internals at com.example.Foo")).block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    String body = exchange.getResponse().getBodyAsString().block();
    assertThat(body)
        .contains("\"type\":\"" + ProblemTypes.INTERNAL + "\"", "\"status\":500", "\"instance\":\"/api/v1/catalog/blueprints\"")
        .doesNotContain("secret", "IllegalStateException", "at com.");
  }

  @Test
  void anUnsupportedContentTypeNamesMediaTypesNotJavaTypes() {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/actuator/loggers/ROOT"));
    handler.handle(exchange, new org.springframework.web.server.UnsupportedMediaTypeStatusException(
        MediaType.TEXT_PLAIN, java.util.List.of(MediaType.APPLICATION_JSON),
        org.springframework.core.ResolvableType.forClassWithGenerics(java.util.Map.class, String.class, String.class)))
        .block();

    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(415);
    String body = exchange.getResponse().getBodyAsString().block();
    assertThat(body).contains("Content type text/plain is not supported at /actuator/loggers/ROOT; send one of "
        + "[application/json]").doesNotContain("java.", "bodyType");
  }

  @Test
  void anUnreadableBodyIsA400WithoutTheDecodersMessage() {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/logout"));
    handler.handle(exchange, new org.springframework.web.server.ServerWebInputException("Failed to read HTTP message",
        null, new org.springframework.core.codec.DecodingException(
            "JSON decoding error: Cannot deserialize value of type `java.lang.String` from Array value"))).block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(exchange.getResponse().getBodyAsString().block())
        .contains("The request could not be read; check its body and parameters against the API documentation")
        .doesNotContain("java.", "JSON decoding error");
  }

  @Test
  void aClientErrorWhoseReasonNamesInternalsGetsAPlainDetail() {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/catalog/blueprints"));
    handler.handle(exchange, new org.springframework.web.server.ResponseStatusException(HttpStatus.CONFLICT,
        "Failed: io.catalyst.gateway.Foo threw IllegalStateException")).block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(exchange.getResponse().getBodyAsString().block())
        .contains("The request was refused (409 Conflict). Check it against the API documentation.")
        .doesNotContain("io.catalyst", "IllegalStateException");
  }
}
