package io.catalyst.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.PublicRoutes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * What every service answers from its first day, checked over real HTTP: ready on its probes, its OpenAPI
 * document under its own prefix, 401 problem without a token, 404 problem for an unknown path with a token. A service
 * test extends it with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and {@link EmbeddedInfrastructure}.
 */
public abstract class ServiceSmokeTest {

  private static final HttpClient http = HttpClient.newHttpClient();
  private final String service;

  @Value("${local.server.port}")
  int port;

  protected ServiceSmokeTest(String service) {
    this.service = service;
  }

  @Test
  void isLiveAndReadyWithItsDatabaseAndBroker() throws Exception {
    assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    HttpResponse<String> readiness = get("/actuator/health/readiness", null);
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"UP\"");
  }

  @Test
  void publishesItsOpenApiDocumentUnderItsPrefix() throws Exception {
    HttpResponse<String> docs = get("/api/v1/" + service + "/api-docs", null);
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("\"openapi\"").contains("Catalyst " + service);
  }

  @Test
  void answersProblemDetailsWithoutAToken() throws Exception {
    HttpResponse<String> response = get("/api/v1/" + service + "/anything", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(response.body()).contains("\"status\":401").contains("bearer access token");
  }

  /**
   * The service's own routes of the mesh's public list ({@link PublicRoutes}) need no token here either (the gateway
   * lets the same list through): whatever they answer to an empty call, it is not 401.
   */
  @Test
  void itsPublicRoutesNeedNoToken() throws Exception {
    for (PublicRoutes.Route route : PublicRoutes.servedBy(service + "-service")) {
      String path = route.pattern().replace("/api/v1/*/", "/api/v1/" + service + "/").replace("/**", "/sample")
          .replace("*", "sample");
      String method = route.method() == null ? "GET" : route.method();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
      request = method.equals("GET") ? request.GET()
          : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isNotIn(401, 403);
    }
  }

  @Test
  void answersAProblemForAnUnknownPath() throws Exception {
    String token = TestTokens.user("smoke").org("acme").roles("org-admin").sign();
    HttpResponse<String> response = get("/api/v1/" + service + "/no-such-thing", token);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("https://catalyst.dev/problems/not-found").doesNotContain("Exception");
  }

  private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
