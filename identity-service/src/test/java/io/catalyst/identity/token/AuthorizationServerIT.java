package io.catalyst.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

class AuthorizationServerIT extends IdentityIntegrationTest {

  private static final String CONSOLE_REDIRECT = "http://localhost:8080/login/oauth2/code/catalyst";

  @Autowired JwtDecoder decoder;

  /** MockMvc's param() does not make a query string, and the authorization endpoint reads the query string. */
  private static URI authorize(String... pairs) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromUriString("http://localhost/oauth2/authorize");
    for (int i = 0; i < pairs.length; i += 2) {
      uri.queryParam(pairs[i], pairs[i + 1]);
    }
    return uri.encode().build().toUri();
  }

  private static String describe(MvcResult r) throws Exception {
    return r.getResponse().getStatus() + " " + r.getResponse().getHeaderNames().stream()
        .map(h -> h + "=" + r.getResponse().getHeader(h)).toList() + " " + r.getResponse().getContentAsString();
  }

  @Test
  void discoveryNamesTheSovereignAsIssuerAndItsEndpoints() throws Exception {
    JsonNode discovery = body(mvc.perform(get("/.well-known/openid-configuration")).andReturn());
    assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:8080");
    assertThat(discovery.get("jwks_uri").asString()).isEqualTo("http://localhost:8080/oauth2/jwks");
    assertThat(discovery.get("token_endpoint").asString()).isEqualTo("http://localhost:8080/oauth2/token");
    assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).contains("RS256");
    assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
  }

  @Test
  void jwksPublishesThePersistedKeysPublicHalvesOnly() throws Exception {
    JsonNode jwks = body(mvc.perform(get("/oauth2/jwks")).andReturn());
    List<String> stored = jdbc.sql("select kid from signing_key").query(String.class).list();
    assertThat(jwks.get("keys")).isNotEmpty();
    for (JsonNode key : jwks.get("keys")) {
      assertThat(stored).contains(key.get("kid").asString());
      assertThat(key.get("kty").asString()).isEqualTo("RSA");
      assertThat(key.get("alg").asString()).isEqualTo("RS256");
      assertThat(key.has("d")).as("private exponent must never be published").isFalse();
    }
  }

  @Test
  void aServiceGetsAFifteenMinuteClientCredentialsTokenWithRoleService() throws Exception {
    MvcResult result = mvc.perform(post("/oauth2/token")
        .with(r -> {
          r.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              "provisioning-service:local-service-secret".getBytes(StandardCharsets.UTF_8)));
          return r;
        })
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .param("grant_type", "client_credentials").param("scope", "catalyst.internal")).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
    String token = body(result).get("access_token").asString();
    Map<String, Object> claims = claims(token);
    assertThat(claims).containsEntry("sub", "provisioning-service").containsEntry("iss", "http://localhost:8080")
        .containsEntry("roles", List.of("service"));
    assertThat(body(result).get("expires_in").asLong()).isBetween(899L, 900L);
    assertThat(decoder.decode(token).getClaimAsStringList("roles")).containsExactly("service");

    // The token opens service-to-service reads of any Organization.
    String slug = uniqueSlug("svc");
    signUpByEmail(slug + "@example.com", "correct horse battery staple", slug);
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + slug), token))).isEqualTo(200);
  }

  @Test
  void aWrongClientSecretIsRefused() throws Exception {
    MvcResult result = mvc.perform(post("/oauth2/token")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .param("grant_type", "client_credentials").param("client_id", "billing-service")
        .param("client_secret", "wrong")).andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(401);
    assertThat(result.getResponse().getContentAsString()).contains("invalid_client");
  }

  @Test
  void badAuthorizeRequestsGetAnOAuthErrorNeverA500() throws Exception {
    // Unknown client, no redirect to trust: 400 with the OAuth error as JSON.
    MvcResult unknown = mvc.perform(get(authorize("response_type", "code", "client_id", "nobody",
        "redirect_uri", CONSOLE_REDIRECT, "scope", "openid"))).andReturn();
    assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(unknown).get("error").asString()).isEqualTo("invalid_request");

    // A client-credentials client asking for a code.
    MvcResult wrongFlow = mvc.perform(get(authorize("response_type", "code", "client_id", "catalog-service",
        "redirect_uri", CONSOLE_REDIRECT, "scope", "openid"))).andReturn();
    assertThat(wrongFlow.getResponse().getStatus()).isIn(302, 400);
    assertThat(wrongFlow.getResponse().getStatus()).isNotEqualTo(500);

    // The console with a redirect URI it does not own.
    MvcResult foreignRedirect = mvc.perform(get(authorize("response_type", "code", "client_id", "catalyst-console",
        "redirect_uri", "https://evil.example/cb", "scope", "openid", "code_challenge", "x".repeat(43),
        "code_challenge_method", "S256"))).andReturn();
    assertThat(foreignRedirect.getResponse().getStatus()).isEqualTo(400);
    assertThat(foreignRedirect.getResponse().getRedirectedUrl()).isNull();

    // The console without PKCE: its own redirect URI is trusted, so the error goes back there.
    MvcResult noPkce = mvc.perform(get(authorize("response_type", "code", "client_id", "catalyst-console",
        "redirect_uri", CONSOLE_REDIRECT, "scope", "openid", "state", "s1"))).andReturn();
    assertThat(noPkce.getResponse().getStatus()).as(describe(noPkce)).isEqualTo(302);
    assertThat(noPkce.getResponse().getRedirectedUrl()).startsWith(CONSOLE_REDIRECT).contains("error=invalid_request")
        .contains("state=s1");
  }

  @Test
  void theConsoleLogsInWithAuthorizationCodeAndPkce() throws Exception {
    String slug = uniqueSlug("pkce");
    String email = slug + "@example.com";
    JsonNode signup = signUpByEmail(email, "correct horse battery staple", slug);
    String verifier = "verifier-" + "v".repeat(50);
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    MockHttpSession session = new MockHttpSession();

    // Not signed in yet: a JSON client (no text/html) is still sent to the login page.
    MvcResult toLogin = mvc.perform(from(get(authorize("response_type", "code", "client_id", "catalyst-console",
        "redirect_uri", CONSOLE_REDIRECT, "scope", "openid profile", "state", "st", "code_challenge", challenge,
        "code_challenge_method", "S256"))).session(session)).andReturn();
    assertThat(toLogin.getResponse().getStatus()).as(describe(toLogin)).isEqualTo(302);
    assertThat(toLogin.getResponse().getRedirectedUrl()).endsWith("/login");

    // through the gateway: the console's session cookie makes the surface ui
    MvcResult login = mvc.perform(from(post("/login")).session(session).with(csrf())
        .header("X-Catalyst-Surface", "ui").header("X-Request-Id", "console-login-request-1")
        .param("username", email).param("password", "correct horse battery staple")).andReturn();
    assertThat(login.getResponse().getStatus()).isEqualTo(302);
    String back = login.getResponse().getRedirectedUrl();
    assertThat(back).contains("/oauth2/authorize");

    MvcResult authorized = mvc.perform(from(get(URI.create(back))).session(session)).andReturn();
    assertThat(authorized.getResponse().getStatus()).isEqualTo(302);
    String redirect = authorized.getResponse().getRedirectedUrl();
    assertThat(redirect).startsWith(CONSOLE_REDIRECT);
    String code = UriComponentsBuilder.fromUriString(redirect).build().getQueryParams().getFirst("code");

    MvcResult tokens = mvc.perform(post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .with(httpBasic("catalyst-console", "local-service-secret"))
        .param("grant_type", "authorization_code")
        .param("code", code).param("redirect_uri", CONSOLE_REDIRECT).param("code_verifier", verifier)).andReturn();
    assertThat(tokens.getResponse().getStatus()).as(tokens.getResponse().getContentAsString()).isEqualTo(200);
    Map<String, Object> claims = claims(body(tokens).get("access_token").asString());
    assertThat(claims).containsEntry("sub", signup.get("userId").asString()).containsEntry("org", slug)
        .containsEntry("roles", List.of("org-admin")).containsEntry("iss", "http://localhost:8080");
    assertThat(body(tokens).get("id_token")).isNotNull();
    assertThat(body(tokens).get("refresh_token")).as("the confidential console client gets refresh tokens").isNotNull();

    // one login: at the form, for the console's client; the code exchange is none
    String user = signup.get("userId").asString();
    var logins = outbox("login.succeeded.v1", "users/" + user);
    assertThat(logins).hasSize(1);
    assertThat(logins.get(0)).containsEntry("organization", slug).containsEntry("actor", user)
        .containsEntry("actor_kind", "user").containsEntry("surface", "ui")
        .containsEntry("correlation_id", "console-login-request-1");
    JsonNode data = json.readTree((String) logins.get(0).get("data"));
    assertThat(data.get("method").asString()).isEqualTo("password");
    assertThat(data.get("surface").asString()).isEqualTo("ui");
    assertThat(data.get("clientId").asString()).isEqualTo("catalyst-console");
    assertThat(data.get("provider").isNull()).isTrue();
    assertThat(data.toString()).doesNotContain("correct horse").doesNotContain(code).doesNotContain(verifier)
        .doesNotContain(body(tokens).get("access_token").asString())
        .doesNotContain(body(tokens).get("refresh_token").asString());
  }
}
