package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.ProblemTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Token buckets per client address (anonymous: 20 burst, 5/s in the tests) and per user (authenticated: 20 burst,
 * 1/s in the tests, slow enough that a busy machine does not refill a bucket between two assertions).
 */
class RateLimitTest extends GatewayTestBase {

  private static final String PUBLIC = "/api/v1/catalog/blueprints";
  private static final String PROTECTED = "/api/v1/billing/invoices";

  @Test
  void anAnonymousClientPastItsBurstGets429WithRetryAfterAndAProblem() {
    EntityExchangeResult<byte[]> refused = firstRefusal(client, null);

    assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(new String(refused.getResponseBody()))
        .contains("\"type\":\"" + ProblemTypes.RATE_LIMITED + "\"", "\"status\":429", "\"requestId\":");

    // Another address is another bucket.
    clientFrom(randomClientAddress()).get().uri(PUBLIC).exchange().expectStatus().isOk();
  }

  @Test
  void authenticatedRequestsAreCountedPerUserNotPerAddress() {
    String alice = validToken();
    firstRefusal(client, alice);

    // Same address, another user: a bucket of its own.
    client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken()).exchange()
        .expectStatus().isOk();
    // Alice from anywhere is still limited.
    refusalWithin(clientFrom(randomClientAddress()), alice, 3, new ArrayList<>());
  }

  @Test
  void theBucketRefillsOverTime() throws InterruptedException {
    firstRefusal(client, null);
    Thread.sleep(1_100); // refill is 5 per second in the tests
    client.get().uri(PUBLIC).exchange().expectStatus().isOk();
  }

  /** Uses up the burst: requests until the first 429, which must not come before 20 were let through. */
  private EntityExchangeResult<byte[]> firstRefusal(WebTestClient from, String token) {
    List<Integer> statuses = new ArrayList<>();
    EntityExchangeResult<byte[]> refused = refusalWithin(from, token, 60, statuses);
    assertThat(statuses.size()).as("statuses before the limit: %s", statuses).isGreaterThan(20);
    return refused;
  }

  /** Sends up to {@code attempts} requests until the first 429; fails if none comes. */
  private EntityExchangeResult<byte[]> refusalWithin(WebTestClient from, String token, int attempts,
      List<Integer> statuses) {
    for (int i = 0; i < attempts; i++) {
      var request = from.get().uri(token == null ? PUBLIC : PROTECTED);
      if (token != null) {
        request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
      }
      EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
      statuses.add(result.getStatus().value());
      if (result.getStatus().value() == 429) {
        return result;
      }
    }
    throw new AssertionError("never limited: " + statuses);
  }
}
