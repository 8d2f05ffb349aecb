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
}
