package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.ProblemTypes;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A service that is down or slow answers a 503 problem naming it; when it comes back it is used again. */
class CircuitBreakerTest extends GatewayTestBase {

  private static final String PROMOTIONS = "/api/v1/promotion/promotions";

  @Autowired
  CircuitBreakerRegistry breakers;

  @AfterEach
  void serviceBack() {
    PROMOTION.restart();
    breakers.circuitBreaker("promotion-service").reset();
  }

  @Test
  void aStoppedServiceIsA503ProblemNamingItAndIsUsedAgainWhenItComesBack() {
    get().expectStatus().isOk();

    PROMOTION.stop();
    for (int i = 0; i < 4; i++) { // refused connections, then an open breaker: the same answer
      expectUnavailable(get(), "promotion-service is unavailable right now; try again shortly")
          .jsonPath("$.instance").isEqualTo(PROMOTIONS);
    }
    assertThat(breakers.circuitBreaker("promotion-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);

    PROMOTION.restart();
    // Open for 1 s in the tests, then half-open: the trial calls succeed and the breaker closes.
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        get().expectStatus().isOk());
    get().expectStatus().isOk();
    get().expectStatus().isOk();
    assertThat(breakers.circuitBreaker("promotion-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void theHealthRouteOfAStoppedServiceAnswersTheSameProblem() {
    PROMOTION.stop();
    expectUnavailable(client.get().uri("/api/v1/promotion/health").exchange(),
        "promotion-service is unavailable right now; try again shortly")
        .jsonPath("$.instance").isEqualTo("/api/v1/promotion/health");
  }

  @Test
  void aServiceThatDoesNotAnswerInTimeIsA503Problem() {
    // The backend answers after 3 s; the gateway gives up after 1.5 s (response timeout in the tests).
    expectUnavailable(client.get().uri(PROMOTIONS + "/slow").header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .exchange(), "promotion-service did not answer in time; try again shortly");
  }

  /** A call as a user of its own, so that polling never meets the rate limiter. */
  private WebTestClient.ResponseSpec get() {
    return client.get().uri(PROMOTIONS).header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken()).exchange();
  }

  private static WebTestClient.BodyContentSpec expectUnavailable(WebTestClient.ResponseSpec response, String detail) {
    return response.expectStatus().isEqualTo(503)
        .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE.toString())
        .jsonPath("$.title").isEqualTo("Service Unavailable")
        .jsonPath("$.status").isEqualTo(503)
        .jsonPath("$.detail").isEqualTo(detail)
        .jsonPath("$.requestId").isNotEmpty();
  }
}
