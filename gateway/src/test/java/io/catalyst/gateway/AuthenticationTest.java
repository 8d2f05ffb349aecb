package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bearer tokens at the edge: refused with a 401 problem and challenge, relayed to the service when valid. */
class AuthenticationTest extends GatewayTestBase {

  private static final String PROTECTED = "/api/v1/provisioning/environments";

  @Test
  void aProtectedPathWithoutATokenIsA401ProblemWithABearerChallenge() {
    client.get().uri(PROTECTED).exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHORIZED.toString())
        .jsonPath("$.title").isEqualTo("Unauthorized")
        .jsonPath("$.status").isEqualTo(401)
        .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Authorization: Bearer"))
        .jsonPath("$.instance").isEqualTo(PROTECTED)
        .jsonPath("$.requestId").isNotEmpty();
  }

  @Test
  void anExpiredTokenIsRefused() {
    String expired = TestTokens.user("layla").org("acme")
        .issuedAt(Instant.now().minus(Duration.ofHours(1))).lifetime(Duration.ofMinutes(15)).sign();
    expectInvalidToken(expired);
  }

  @Test
  void aTokenSignedByAnUnknownKeyIsRefused() {
    expectInvalidToken(TestTokens.user("mallory").org("acme").signedByStranger().sign());
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() {
    expectInvalidToken(TestTokens.user("mallory").org("acme").issuer("https://elsewhere.example").sign());
  }

  @Test
  void garbageIsRefused() {
    expectInvalidToken("not-a-jwt");
  }

  private void expectInvalidToken(String token) {
    client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
            .startsWith("Bearer error=\"invalid_token\""))
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHORIZED.toString())
        .jsonPath("$.status").isEqualTo(401)
        .jsonPath("$.requestId").isNotEmpty();
  }

  @Test
  void aValidTokenReachesTheServiceWithTheRequestIdAndTraceButNoCookie() {
    String token = validToken();
    Map<String, Object> echo = echoOf(client.get().uri(PROTECTED + "?page=2")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .header(HttpHeaders.COOKIE, "SESSION=browser-session")
        .exchange()
        .expectStatus().isOk()
        .expectHeader().exists("X-Request-Id"));

    assertThat(echo).containsEntry("backend", "backend").containsEntry("uri", PROTECTED + "?page=2");
    Map<String, List<String>> headers = headersOf(echo);
    assertThat(headers.get("authorization")).containsExactly("Bearer " + token);
    assertThat(headers.get("x-request-id")).singleElement().asString().isNotBlank();
    assertThat(headers.get("traceparent")).singleElement().asString().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    assertThat(headers.get("x-forwarded-for")).containsExactly(clientAddress);
    assertThat(headers).doesNotContainKey("cookie");
  }

  @Test
  void aSaneRequestIdIsKeptAndEchoedAnInsaneOneReplaced() {
    String token = validToken();
    var kept = client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .header("X-Request-Id", "client-chosen-id-123").exchange()
        .expectStatus().isOk()
        .expectHeader().valueEquals("X-Request-Id", "client-chosen-id-123");
    assertThat(headersOf(echoOf(kept)).get("x-request-id")).containsExactly("client-chosen-id-123");

    client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .header("X-Request-Id", "evil\"id with spaces<script>").exchange()
        .expectStatus().isOk()
        .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
  }

  @Test
  void theLoginFlowOfTheAuthorizationServerKeepsItsSessionCookie() {
    Map<String, Object> echo = echoOf(client.get().uri("/oauth2/authorize?response_type=code")
        .header(HttpHeaders.COOKIE, "JSESSIONID=identity-session").exchange()
        .expectStatus().isOk());
    assertThat(headersOf(echo).get("cookie")).containsExactly("JSESSIONID=identity-session");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> echoOf(WebTestClient.ResponseSpec response) {
    return response.expectBody(Map.class).returnResult().getResponseBody();
  }

  @SuppressWarnings("unchecked")
  static Map<String, List<String>> headersOf(Map<String, Object> echo) {
    return (Map<String, List<String>>) echo.get("headers");
  }
}
