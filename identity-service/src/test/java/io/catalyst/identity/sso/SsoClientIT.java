package io.catalyst.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Application SSO clients: provisioning-service registers (idempotently), the secret store resolves the secretRef,
 * a user of the Organization logs in with authorization code + PKCE, a user of another Organization is refused, and
 * uninstalling removes the client.
 */
class SsoClientIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";

  private MockHttpServletRequestBuilder register(String org, String app, Object body) {
    return bearer(put("/api/v1/identity/organizations/" + org + "/sso-clients/" + app)
        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)),
        serviceToken("provisioning-service"));
  }

  @Test
  void provisioningRegistersAClientAndGetsASecretReferenceNeverTheSecret() throws Exception {
    String org = uniqueSlug("sso");
    signUpByEmail(org + "@example.com", PASSWORD, org);
    String env = org + "-prod";
    String redirect = "https://shop." + env + ".example.com/oauth2/callback";
    MvcResult first = mvc.perform(register(org, "shop", Map.of("environment", env, "redirectUris",
        List.of(redirect), "displayName", "Shop"))).andReturn();
    assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString()).isEqualTo(201);
    JsonNode answer = body(first);
    String clientId = "app-" + env + "-shop";
    assertThat(answer.get("clientId").asString()).isEqualTo(clientId);
    assertThat(answer.get("secretRef").asString()).isEqualTo("catalyst-sso/" + clientId);
    assertThat(answer.get("issuer").asString()).isEqualTo("http://localhost:8080");
    assertThat(answer.get("scopes").toString()).isEqualTo("[\"openid\",\"profile\",\"email\"]");
    assertThat(answer.has("clientSecret")).isFalse();
    assertThat(first.getResponse().getContentAsString()).doesNotContain("cat_sso_");
    var registered = outbox("sso-client.registered.v1", "organizations/" + org + "/environments/" + env
        + "/applications/shop/sso-client");
    assertThat(registered).hasSize(1);
    assertThat((String) registered.get(0).get("data")).contains(clientId).contains("\"created\":true")
        .doesNotContain("cat_sso_");

    // the secret store resolves the reference; the secret is encrypted at rest and hashed in the client table
    JsonNode secret = body(mvc.perform(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("secret-store"))).andReturn());
    // no other service reads it, not even the one that registered the client
    assertThat(status(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("provisioning-service")))).isEqualTo(403);
    String clientSecret = secret.get("clientSecret").asString();
    assertThat(secret.get("clientId").asString()).isEqualTo(clientId);
    assertThat(clientSecret).startsWith("cat_sso_");
    // the read is published (who read which Application's secret), never the secret; the refused read is not
    String ssoSubject = "organizations/" + org + "/environments/" + env + "/applications/shop/sso-client";
    var read = outbox("sso-client.secret-read.v1", ssoSubject);
    assertThat(read).hasSize(1);
    assertThat(read.get(0)).containsEntry("organization", org).containsEntry("environment", env)
        .containsEntry("actor", "secret-store").containsEntry("actor_kind", "service");
    JsonNode readData = json.readTree((String) read.get(0).get("data"));
    assertThat(readData.get("clientId").asString()).isEqualTo(clientId);
    assertThat(readData.get("application").asString()).isEqualTo("shop");
    assertThat(readData.get("environment").asString()).isEqualTo(env);
    assertThat(readData.get("organization").asString()).isEqualTo(org);
    assertThat(readData.get("reader").asString()).isEqualTo("secret-store");
    assertThat(readData.toString()).doesNotContain(clientSecret).doesNotContain("cat_sso_");
    assertThat(jdbc.sql("select count(*) from sso_client where position(convert_to(:s, 'UTF8') in secret_encrypted)"
        + " > 0").param("s", clientSecret).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select client_secret from oauth2_registered_client where client_id = :c")
        .param("c", clientId).query(String.class).single()).startsWith("{bcrypt}");

    // again: 200, same secret, redirect URIs updated
    String second = "https://shop2." + env + ".example.com/oauth2/callback";
    MvcResult again = mvc.perform(register(org, "shop", Map.of("environment", env, "redirectUris",
        List.of(second)))).andReturn();
    assertThat(again.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(again).get("clientId").asString()).isEqualTo(clientId);
    assertThat(jdbc.sql("select redirect_uris from oauth2_registered_client where client_id = :c")
        .param("c", clientId).query(String.class).single()).isEqualTo(second);
    assertThat(body(mvc.perform(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("secret-store"))).andReturn()).get("clientSecret").asString()).isEqualTo(clientSecret);
    assertThat(outbox("sso-client.secret-read.v1", ssoSubject)).hasSize(2);
    assertThat(mvc.perform(register(org, "shop", Map.of("environment", env, "redirectUris", List.of(second))))
        .andReturn().getResponse().getStatus()).as("unchanged: 200, no event").isEqualTo(200);
    assertThat(outbox("sso-client.registered.v1", "organizations/" + org + "/environments/" + env
        + "/applications/shop/sso-client")).hasSize(2);

    // uninstall: another Organization's path 404, then 204 and the client is gone
    String other = uniqueSlug("sso-other");
    signUpByEmail(other + "@example.com", PASSWORD, other);
    String provisioning = serviceToken("provisioning-service");
    assertThat(status(bearer(delete("/api/v1/identity/organizations/" + other + "/sso-clients/shop")
        .param("environment", env), provisioning))).isEqualTo(404);
    assertThat(status(bearer(delete("/api/v1/identity/organizations/" + org + "/sso-clients/shop")
        .param("environment", env), provisioning))).isEqualTo(204);
    assertThat(jdbc.sql("select count(*) from oauth2_registered_client where client_id = :c").param("c", clientId)
        .query(Long.class).single()).isZero();
    assertThat(status(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("secret-store")))).isEqualTo(404);
    assertThat(status(bearer(delete("/api/v1/identity/organizations/" + org + "/sso-clients/shop")
        .param("environment", env), provisioning))).isEqualTo(404);
    assertThat(outbox("sso-client.removed.v1", "organizations/" + org + "/environments/" + env
        + "/applications/shop/sso-client")).hasSize(1);
  }

  @Test
  void badRegistrationsAre400WithFieldErrors() throws Exception {
    String org = uniqueSlug("sso-bad");
    signUpByEmail(org + "@example.com", PASSWORD, org);
    MvcResult bad = mvc.perform(register(org, "Shop_1", Map.of("environment", "someone-else-prod",
        "redirectUris", List.of("http://evil.example.com/cb", "https://ok.example.com/cb#frag")))).andReturn();
    assertThat(bad.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(bad).get("errors").toString()).contains("\"application\"").contains("\"environment\"")
        .contains("redirectUris[0]").contains("redirectUris[1]");
    assertThat(mvc.perform(register(org, "shop", Map.of("environment", org + "-prod"))).andReturn().getResponse()
        .getStatus()).isEqualTo(400);
    assertThat(mvc.perform(register(uniqueSlug("nobody"), "shop", Map.of("environment", "x-prod",
        "redirectUris", List.of("https://a.example.com/cb")))).andReturn().getResponse().getStatus()).isEqualTo(404);
    assertThat(status(bearer(delete("/api/v1/identity/organizations/" + org + "/sso-clients/shop"),
        serviceToken("provisioning-service")))).as("environment is required").isEqualTo(400);
  }

  @Test
  void aUserOfTheOrganizationLogsInWithPkceAndAUserOfAnotherIsRefused() throws Exception {
    String org = uniqueSlug("sso-login");
    String email = org + "@example.com";
    JsonNode signup = signUpByEmail(email, PASSWORD, org);
    String env = org + "-prod";
    String redirect = "https://shop." + env + ".example.com/oauth2/callback";
    assertThat(mvc.perform(register(org, "shop", Map.of("environment", env, "redirectUris", List.of(redirect))))
        .andReturn().getResponse().getStatus()).isEqualTo(201);
    String clientId = "app-" + env + "-shop";
    String secret = body(mvc.perform(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("secret-store"))).andReturn()).get("clientSecret").asString();

    String verifier = "verifier-" + "s".repeat(50);
    String code = login(email, clientId, redirect, verifier, "st1");
    assertThat(code).isNotNull();
    String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
        .getBytes(StandardCharsets.UTF_8));
    MvcResult tokens = mvc.perform(post("/oauth2/token").header("Authorization", basic)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "authorization_code")
        .param("code", code).param("redirect_uri", redirect).param("code_verifier", verifier)).andReturn();
    assertThat(tokens.getResponse().getStatus()).as(tokens.getResponse().getContentAsString()).isEqualTo(200);
    JsonNode answer = body(tokens);
    assertThat(claims(answer.get("access_token").asString())).containsEntry("sub", signup.get("userId").asString())
        .containsEntry("org", org).containsEntry("iss", "http://localhost:8080");
    assertThat(answer.get("id_token")).isNotNull();
    // the Application learns who signed in from the ID token
    assertThat(claims(answer.get("id_token").asString())).containsEntry("sub", signup.get("userId").asString())
        .containsEntry("aud", List.of(clientId)).containsEntry("email", email).containsEntry("email_verified", true)
        .containsEntry("preferred_username", email);
    assertThat(answer.get("refresh_token")).isNotNull();
    assertThat(answer.get("scope").asString()).contains("openid").contains("email");

    // a wrong secret is refused
    String wrong = "Basic " + Base64.getEncoder().encodeToString((clientId + ":nope")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(status(post("/oauth2/token").header("Authorization", wrong)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "refresh_token")
        .param("refresh_token", answer.get("refresh_token").asString()))).isEqualTo(401);

    // the refresh token works while the user is in the Organization, and stops when they are not
    MvcResult refreshed = mvc.perform(post("/oauth2/token").header("Authorization", basic)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "refresh_token")
        .param("refresh_token", answer.get("refresh_token").asString())).andReturn();
    assertThat(refreshed.getResponse().getStatus()).as(refreshed.getResponse().getContentAsString()).isEqualTo(200);
    jdbc.sql("delete from membership where user_id = :u::uuid").param("u", signup.get("userId").asString()).update();
    MvcResult moved = mvc.perform(post("/oauth2/token").header("Authorization", basic)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "refresh_token")
        .param("refresh_token", body(refreshed).get("refresh_token").asString())).andReturn();
    assertThat(moved.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(moved).get("error").asString()).isEqualTo("invalid_grant");

    // a user of another Organization gets no code: access_denied back at the application
    String other = uniqueSlug("sso-stranger");
    signUpByEmail(other + "@example.com", PASSWORD, other);
    MvcResult refused = authorizeAfterLogin(other + "@example.com", clientId, redirect, verifier, "st2");
    assertThat(refused.getResponse().getStatus()).isEqualTo(302);
    String back = refused.getResponse().getRedirectedUrl();
    assertThat(back).startsWith(redirect).contains("error=access_denied").contains("state=st2")
        .doesNotContain("code=");
  }

  @Test
  void userinfoTellsTheApplicationWhoSignedIn() throws Exception {
    String org = uniqueSlug("sso-userinfo");
    String email = org + "@example.com";
    String userId = signUpByEmail(email, PASSWORD, org).get("userId").asString();
    String env = org + "-prod";
    String redirect = "https://shop." + env + ".example.com/oauth2/callback";
    assertThat(mvc.perform(register(org, "shop", Map.of("environment", env, "redirectUris", List.of(redirect))))
        .andReturn().getResponse().getStatus()).isEqualTo(201);
    String clientId = "app-" + env + "-shop";
    String secret = body(mvc.perform(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("secret-store"))).andReturn()).get("clientSecret").asString();
    String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
        .getBytes(StandardCharsets.UTF_8));
    String verifier = "verifier-" + "u".repeat(50);

    String code = login(email, clientId, redirect, verifier, "st3");
    MvcResult tokens = mvc.perform(post("/oauth2/token").header("Authorization", basic)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "authorization_code")
        .param("code", code).param("redirect_uri", redirect).param("code_verifier", verifier)).andReturn();
    assertThat(tokens.getResponse().getStatus()).as(tokens.getResponse().getContentAsString()).isEqualTo(200);
    // (the tests' clock runs ahead of the real time that userinfo checks tokens against: no nbf, so no matter)
    MvcResult userinfo = mvc.perform(get("/userinfo").header("Authorization", "Bearer "
        + body(tokens).get("access_token").asString())).andReturn();
    assertThat(userinfo.getResponse().getStatus()).as(userinfo.getResponse().getContentAsString()).isEqualTo(200);
    JsonNode who = body(userinfo);
    assertThat(who.get("sub").asString()).isEqualTo(userId);
    assertThat(who.get("email").asString()).isEqualTo(email);
    assertThat(who.get("email_verified").asBoolean()).isTrue(); // the sign-up's code proved the mailbox
    assertThat(who.get("preferred_username").asString()).isEqualTo(email);
  }

  private String login(String email, String clientId, String redirect, String verifier, String state)
      throws Exception {
    MvcResult authorized = authorizeAfterLogin(email, clientId, redirect, verifier, state);
    assertThat(authorized.getResponse().getStatus()).isEqualTo(302);
    String back = authorized.getResponse().getRedirectedUrl();
    assertThat(back).startsWith(redirect);
    return UriComponentsBuilder.fromUriString(back).build().getQueryParams().getFirst("code");
  }

  /** Authorize (sent to the login page), sign in on the form, and follow the way back to the authorize endpoint. */
  private MvcResult authorizeAfterLogin(String email, String clientId, String redirect, String verifier,
      String state) throws Exception {
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    MockHttpSession session = new MockHttpSession();
    MvcResult toLogin = mvc.perform(from(get(authorizeUri("response_type", "code", "client_id", clientId,
        "redirect_uri", redirect, "scope", "openid profile email", "state", state, "code_challenge", challenge,
        "code_challenge_method", "S256"))).session(session)).andReturn();
    assertThat(toLogin.getResponse().getStatus()).isEqualTo(302);
    assertThat(toLogin.getResponse().getRedirectedUrl()).endsWith("/login");
    MvcResult login = mvc.perform(from(post("/login")).session(session).with(csrf())
        .param("username", email).param("password", PASSWORD)).andReturn();
    assertThat(login.getResponse().getStatus()).isEqualTo(302);
    String back = login.getResponse().getRedirectedUrl();
    assertThat(back).contains("/oauth2/authorize");
    return mvc.perform(from(get(URI.create(back))).session(session)).andReturn();
  }
}
