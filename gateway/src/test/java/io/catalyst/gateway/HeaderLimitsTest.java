package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.ProblemTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the HTTP decoder refuses before Spring sees them (too large headers, too long a URL) are answered with a
 * problem body like every other error, not Reactor Netty's empty 431/414.
 */
class HeaderLimitsTest extends GatewayTestBase {

  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void a20kBearerHeaderIsA431Problem() throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/catalog/blueprints"))
        .header("Authorization", "Bearer " + "a".repeat(20_000)).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString()).isEqualTo(ProblemTypes.MALFORMED_REQUEST.toString());
    assertThat(problem.get("status").asInt()).isEqualTo(431);
    assertThat(problem.get("title").asString()).isEqualTo("Request Header Fields Too Large");
    assertThat(problem.get("detail").asString()).contains("headers are larger than the 8192 bytes")
        .contains("Authorization");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/catalog/blueprints");
    assertThat(problem.get("requestId").asString()).isNotBlank();
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue(problem.get("requestId").asString());
  }

  @Test
  void aTooLongUrlIsA414Problem() throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/catalog/blueprints?q="
        + "a".repeat(10_000))).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(414);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(414);
    assertThat(problem.get("detail").asString()).contains("send a shorter URL");
  }

  @Test
  void headersWithinTheLimitStillPass() throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/catalog/blueprints"))
        .header("X-Forwarded-For", clientAddress).header("X-Padding", "p".repeat(4_000)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
