package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.ProblemTypes;
import io.catalyst.platform.testkit.TestTokens;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The gateway's side of the console's login (the whole dance against identity-service is
 * {@code io.catalyst.it.login.ConsoleLoginIT}): where it sends the browser, what stays a 401, what is not forwarded.
 */
class ConsoleLoginTest extends GatewayTestBase {

  @Test
  void theLoginStartsAtTheAuthorizeEndpointOfThePublicUrlWithPkceS256() {
    var result = client.get().uri("/oauth2/authorization/catalyst").exchange()
        .expectStatus().isFound()
        .expectBody().isEmpty();
    URI location = result.getResponseHeaders().getLocation();
    assertThat(location.toString()).startsWith(TestTokens.ISSUER + "/oauth2/authorize?");
    Map<String, String> query = UriComponentsBuilder.fromUri(location).build().getQueryParams().toSingleValueMap();
    assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "catalyst-console")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("redirect_uri", TestTokens.ISSUER + "/login/oauth2/code/catalyst")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("scope")).contains("openid").contains("profile");
    // The state (and PKCE verifier) wait in a new session, named by the console's cookie.
    ResponseCookie session = result.getResponseCookies().getFirst("CATALYST_SESSION");
    assertThat(session).isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Lax");
  }

  @Test
  void aBrowserNavigatingToTheConsoleIsSentToTheLogin() {
    client.get().uri("/console/environments").accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isFound()
        .expectHeader().location("/oauth2/authorization/catalyst");
  }

  @Test
  void aScriptAskingForTheConsoleOrTheApiWithoutCredentialsGetsA401Problem() {
    for (String path : List.of("/console/environments", "/api/v1/identity/organizations/acme")) {
      client.get().uri(path).accept(MediaType.APPLICATION_JSON).exchange()
          .expectStatus().isUnauthorized()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHORIZED.toString());
    }
    // Even a browser navigation to the API is answered, not redirected.
    client.get().uri("/api/v1/identity/organizations/acme").accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isUnauthorized();
  }

  @Test
  void aSessionCookieWithoutASignedInSessionAuthenticatesNothing() {
    client.get().uri("/api/v1/identity/organizations/acme").cookie("CATALYST_SESSION", "forged").exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void aChangeWithTheSessionCookieButNoCsrfTokenIsRefused() {
    client.post().uri("/api/v1/provisioning/environments").cookie("CATALYST_SESSION", "any")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
        .expectStatus().isForbidden()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("X-XSRF-TOKEN"));
  }

  @Test
  void publicCallsWithoutTheSessionCookieNeedNoCsrfToken() {
    client.post().uri("/api/v1/identity/signup/email").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .exchange()
        .expectStatus().isOk(); // the echo backend answers: the gateway let it through
  }

  @Test
  void identityServiceLoginGetsItsOwnCookieButNotTheConsoleSessionOrCsrfCookie() {
    Map<String, Object> echo = AuthenticationTest.echoOf(client.get().uri("/login")
        .header(HttpHeaders.COOKIE, "CATALYST_SESSION=console; JSESSIONID=identity-session; XSRF-TOKEN=t")
        .header("X-Forwarded-Host", "evil.example")
        .exchange()
        .expectStatus().isOk());
    Map<String, List<String>> headers = AuthenticationTest.headersOf(echo);
    assertThat(headers.get("cookie")).containsExactly("JSESSIONID=identity-session");
    assertThat(echo).containsEntry("path", "/login");
    // identity-service's redirects (to /login, back to /oauth2/authorize) must name the public URL, not its own.
    URI publicUrl = URI.create(TestTokens.ISSUER);
    assertThat(headers.get("x-forwarded-host")).containsExactly(publicUrl.getHost() + ":" + publicUrl.getPort());
    assertThat(headers.get("x-forwarded-proto")).containsExactly(publicUrl.getScheme());
    assertThat(headers.get("x-forwarded-port")).containsExactly(Integer.toString(publicUrl.getPort()));
  }

  @Test
  void logoutWithoutASessionIsHarmless() {
    client.post().uri("/logout").exchange().expectStatus().isNoContent();
  }
}
