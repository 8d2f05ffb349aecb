package io.catalyst.identity.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.catalyst.identity.IdentityProperties;
import io.catalyst.identity.support.IdentityIntegrationTest;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Identity federation against a real upstream OpenID Connect provider: Keycloak from Maven Central, started by the
 * test. A browser (java.net.http with a cookie jar, redirects followed one by one) goes from the console's
 * {@code /oauth2/authorize} through identity's login page, Keycloak's login form and back, and ends with a code and
 * an access token carrying the Organization the provider's mapping names and its default role.
 */
class FederationIT extends IdentityIntegrationTest {

  static {
    KeycloakServer.startInBackground(); // boots while the Spring context does
  }

  private static final String CONSOLE_REDIRECT = "http://localhost:8080/login/oauth2/code/catalyst";
  private static final String ALICE = "alice@bank-dhofar.om";
  private static final String ALICE_PASSWORD = "alice-passw0rd-at-the-bank";

  private KeycloakServer keycloak;

  @LocalServerPort int port;
  @Autowired IdentityProperties identity;

  /** Waits here, not in a @BeforeAll, so Keycloak and the Spring context start side by side. */
  @BeforeEach
  void keycloakAnswers() {
    keycloak = KeycloakServer.get();
  }

  @Test
  void aBankEmployeeLogsInThroughTheCorporateProviderAndJoinsTheMappedOrganization() throws Exception {
    String org = uniqueSlug("bank-dhofar");
    signUpByEmail(org + "-owner@example.com", "correct horse battery staple", org);
    String provider = uniqueSlug("bd");
    String admin = testToken(UUID.randomUUID().toString(), null, "sovereign-admin");

    // The Sovereign's operator registers the bank's IdP: @bank-dhofar.om users join the bank as org-viewer.
    MvcResult registered = mvc.perform(bearer(postJson("/api/v1/identity/federation/providers",
        registration(provider, keycloak.issuer(), List.of(Map.of("emailDomains", List.of("Bank-Dhofar.om"),
            "organization", org)))), admin)).andReturn();
    assertThat(registered.getResponse().getStatus()).as(registered.getResponse().getContentAsString())
        .isEqualTo(201);
    JsonNode view = body(registered);
    assertThat(view.get("issuerUri").asString()).isEqualTo(keycloak.issuer());
    assertThat(view.get("mappings").get(0).get("emailDomains").get(0).asString()).isEqualTo("bank-dhofar.om");
    assertThat(view.get("redirectUri").asString())
        .isEqualTo("http://localhost:8080/oauth2/federation/callback/" + provider);
    assertThat(registered.getResponse().getContentAsString()).doesNotContain(KeycloakServer.CLIENT_SECRET)
        .doesNotContain("clientSecret");
    byte[] stored = jdbc.sql("select client_secret from federation_provider where id = :id").param("id", provider)
        .query(byte[].class).single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(KeycloakServer.CLIENT_SECRET);
    assertThat(outbox("federation-provider.registered.v1", "federation-providers/" + provider)).hasSize(1);
    JsonNode listed = body(mvc.perform(bearer(get("/api/v1/identity/federation/providers"), admin)).andReturn());
    assertThat(listed.get("items").toString()).contains(provider).doesNotContain(KeycloakServer.CLIENT_SECRET);

    // Alice signs in to the console through Bank Dhofar's IdP.
    Browser alice = new Browser();
    Login login = alice.startConsoleLogin();
    String loginPage = alice.text(login.loginPage());
    assertThat(loginPage).contains("Sign in with Bank Dhofar " + provider);
    HttpResponse<String> back = alice.signInAtKeycloak(provider, "alice", ALICE_PASSWORD);
    String code = alice.codeAfterCallback(back);
    Map<String, Object> claims = claims(alice.token(code, login.verifier()).get("access_token").asString());

    UUID userId = jdbc.sql("select id from app_user where email = :email").param("email", ALICE)
        .query(UUID.class).single();
    assertThat(claims).containsEntry("sub", userId.toString()).containsEntry("org", org)
        .containsEntry("roles", List.of("org-viewer")).containsEntry("iss", "http://localhost:8080");
    Map<String, Object> user = jdbc.sql("select * from app_user where id = :id").param("id", userId).query()
        .singleRow();
    assertThat(user).containsEntry("email_verified", true).containsEntry("display_name", "Alice Al-Harthy")
        .containsEntry("password_hash", null);
    Map<String, Object> membership = jdbc.sql("select organization, array_to_string(roles, ',') as roles"
        + " from membership where user_id = :id").param("id", userId).query().singleRow();
    assertThat(membership).containsEntry("organization", org).containsEntry("roles", "org-viewer");
    assertThat(jdbc.sql("select provider from federated_identity where user_id = :id and issuer = :issuer")
        .param("id", userId).param("issuer", keycloak.issuer()).query(String.class).list())
        .containsExactly(provider);
    assertThat(outbox("member.joined.v1", "users/" + userId)).hasSize(1);

    // While the bank is suspended, Alice's next login through the IdP is refused like a password login.
    assertThat(status(bearer(postJson("/api/v1/identity/organizations/" + org + "/suspension", Map.of()), admin)))
        .isEqualTo(200);
    Browser again = new Browser();
    again.text(again.startConsoleLogin().loginPage());
    String refused = again.refusedAfterCallback(again.signInAtKeycloak(provider, "alice", ALICE_PASSWORD));
    assertThat(refused).contains("Your Organization is suspended");

    // Reactivated: the same upstream identity signs in as the same user; nobody joins twice.
    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + org + "/suspension")), admin)))
        .isEqualTo(200);
    Browser third = new Browser();
    Login secondLogin = third.startConsoleLogin();
    third.text(secondLogin.loginPage());
    String secondCode = third.codeAfterCallback(third.signInAtKeycloak(provider, "alice", ALICE_PASSWORD));
    assertThat(claims(third.token(secondCode, secondLogin.verifier()).get("access_token").asString()))
        .containsEntry("sub", userId.toString()).containsEntry("org", org);
    assertThat(outbox("member.joined.v1", "users/" + userId)).hasSize(1);

    // Two logins through the provider (the suspended one was refused), for the console's client; nothing upstream.
    var logins = outbox("login.succeeded.v1", "users/" + userId);
    assertThat(logins).hasSize(2);
    for (var row : logins) {
      assertThat(row).containsEntry("organization", org).containsEntry("actor", userId.toString())
          .containsEntry("actor_kind", "user");
      JsonNode data = json.readTree((String) row.get("data"));
      assertThat(data.get("method").asString()).isEqualTo("federation");
      assertThat(data.get("provider").asString()).isEqualTo(provider);
      assertThat(data.get("clientId").asString()).isEqualTo("catalyst-console");
      assertThat(data.get("surface").asString()).isEqualTo(row.get("surface"));
      assertThat(data.toString()).doesNotContain(ALICE_PASSWORD).doesNotContain(KeycloakServer.CLIENT_SECRET)
          .doesNotContain(code).doesNotContain(secondCode);
    }

    // Someone whose email the mapping does not cover is sent back to the login page with the reason.
    Browser someone = new Browser();
    someone.text(someone.startConsoleLogin().loginPage());
    String unmapped = someone.refusedAfterCallback(
        someone.signInAtKeycloak(provider, "someone", "someone-passw0rd-elsewhere"));
    assertThat(unmapped).contains("someone@unmapped.example is not mapped to an Organization");
    assertThat(jdbc.sql("select count(*) from app_user where email = 'someone@unmapped.example'")
        .query(Long.class).single()).isZero();

    // Removed: the login page no longer offers it.
    assertThat(status(bearer(from(delete("/api/v1/identity/federation/providers/" + provider)), admin)))
        .isEqualTo(204);
    Browser later = new Browser();
    assertThat(later.text(later.startConsoleLogin().loginPage())).doesNotContain(provider);
    assertThat(outbox("federation-provider.removed.v1", "federation-providers/" + provider)).hasSize(1);
  }

  @Test
  void registrationIsForSovereignAdminsAndSaysWhatToFix() throws Exception {
    String org = uniqueSlug("fed-rules");
    signUpByEmail(org + "@example.com", "correct horse battery staple", org);
    String admin = testToken(UUID.randomUUID().toString(), null, "sovereign-admin");
    String provider = uniqueSlug("idp");
    Map<String, Object> valid = registration(provider, keycloak.issuer(),
        List.of(Map.of("claim", "groups", "value", "catalyst-users", "organization", org)));

    assertThat(status(bearer(postJson("/api/v1/identity/federation/providers", valid),
        testToken(UUID.randomUUID().toString(), org, "org-admin")))).isEqualTo(403);

    Map<String, Object> bad = new LinkedHashMap<>(valid);
    bad.put("id", "Bad Id");
    bad.put("issuerUri", "http://idp.example.com/realms/x");
    bad.put("mappings", List.of(Map.of("emailDomains", List.of("not a domain"), "organization", "no-such-org"),
        Map.of("emailDomains", List.of("a.example"), "claim", "groups", "value", "x", "organization", org)));
    bad.put("defaultRole", "org-developer");
    MvcResult invalid = mvc.perform(bearer(postJson("/api/v1/identity/federation/providers", bad), admin))
        .andReturn();
    assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
    assertThat(invalid.getResponse().getContentType()).contains("application/problem+json");
    assertThat(body(invalid).get("errors").toString()).contains("\"id\"", "\"issuerUri\"", "must use https",
        "mappings[0].emailDomains", "mappings[0].organization", "mappings[1]", "\"defaultRole\"");

    Map<String, Object> noIssuer = new LinkedHashMap<>(valid);
    noIssuer.put("issuerUri", keycloak.issuer() + "-missing");
    MvcResult unreachable = mvc.perform(bearer(postJson("/api/v1/identity/federation/providers", noIssuer), admin))
        .andReturn();
    assertThat(unreachable.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(unreachable).get("errors").get(0).get("field").asString()).isEqualTo("issuerUri");

    MvcResult created = mvc.perform(bearer(postJson("/api/v1/identity/federation/providers", valid), admin))
        .andReturn();
    assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
    assertThat(status(bearer(postJson("/api/v1/identity/federation/providers", valid), admin))).isEqualTo(409);
    Map<String, Object> sameIssuer = new LinkedHashMap<>(valid);
    sameIssuer.put("id", uniqueSlug("idp"));
    assertThat(status(bearer(postJson("/api/v1/identity/federation/providers", sameIssuer), admin))).isEqualTo(409);
    assertThat(status(bearer(from(get("/api/v1/identity/federation/providers/" + provider)), admin))).isEqualTo(200);
    assertThat(status(bearer(from(delete("/api/v1/identity/federation/providers/" + provider)), admin)))
        .isEqualTo(204);
    assertThat(status(bearer(from(get("/api/v1/identity/federation/providers/" + provider)), admin))).isEqualTo(404);
  }

  private static Map<String, Object> registration(String id, String issuer, List<Map<String, Object>> mappings) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", id);
    r.put("displayName", "Bank Dhofar " + id);
    r.put("issuerUri", issuer);
    r.put("clientId", KeycloakServer.CLIENT_ID);
    r.put("clientSecret", KeycloakServer.CLIENT_SECRET);
    r.put("mappings", mappings);
    r.put("defaultRole", "org-viewer");
    return r;
  }

  /** Where the authorize request sent the browser, and the PKCE verifier for the code exchange. */
  record Login(URI loginPage, String verifier) {}

  /** A browser: its own cookie jar, redirects followed by the test one at a time. */
  final class Browser {
    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new LocalhostCookies())
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private final String base = "http://localhost:" + port;
    private final String state = UUID.randomUUID().toString();
    private URI loginPage;

    /** The console's authorize request (code + PKCE S256): not signed in, so it lands on the login page. */
    Login startConsoleLogin() throws Exception {
      String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();
      String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
      URI authorize = UriComponentsBuilder.fromUriString(base + "/oauth2/authorize")
          .queryParam("response_type", "code").queryParam("client_id", "catalyst-console")
          .queryParam("redirect_uri", CONSOLE_REDIRECT).queryParam("scope", "openid profile")
          .queryParam("state", state).queryParam("code_challenge", challenge)
          .queryParam("code_challenge_method", "S256").encode().build().toUri();
      HttpResponse<String> response = send(HttpRequest.newBuilder(authorize).GET());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
      loginPage = location(response);
      assertThat(loginPage.getPath()).isEqualTo("/login");
      return new Login(loginPage, verifier);
    }

    String text(URI uri) throws Exception {
      HttpResponse<String> page = send(HttpRequest.newBuilder(uri).GET());
      assertThat(page.statusCode()).as(uri + ": " + page.body()).isEqualTo(200);
      return page.body();
    }

    /** Follows the login page's link to the provider, fills in Keycloak's form; answers Keycloak's redirect back. */
    HttpResponse<String> signInAtKeycloak(String provider, String username, String password) throws Exception {
      String page = text(loginPage);
      Matcher link = Pattern.compile("href=\"([^\"]*/oauth2/federation/login/" + provider + ")\"").matcher(page);
      assertThat(link.find()).as("federation link on " + page).isTrue();
      HttpResponse<String> toKeycloak = send(HttpRequest.newBuilder(loginPage.resolve(link.group(1))).GET());
      assertThat(toKeycloak.statusCode()).as(toKeycloak.body()).isEqualTo(302);
      URI keycloakAuthorize = location(toKeycloak);
      assertThat(keycloakAuthorize.toString()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")
          .contains("code_challenge_method=S256");
      HttpResponse<String> form = send(HttpRequest.newBuilder(keycloakAuthorize).GET());
      assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
      Matcher action = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"").matcher(form.body());
      assertThat(action.find()).as("Keycloak login form: " + form.body()).isTrue();
      URI post = keycloakAuthorize.resolve(HtmlUtils.htmlUnescape(action.group(1)));
      HttpResponse<String> signedIn = send(HttpRequest.newBuilder(post)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
              "credentialId", "")))));
      assertThat(signedIn.statusCode()).as("Keycloak after the password: " + signedIn.body()).isEqualTo(302);
      URI callback = location(signedIn);
      assertThat(callback.toString()).startsWith(base + "/oauth2/federation/callback/" + provider);
      return send(HttpRequest.newBuilder(callback).GET());
    }

    /** identity's callback continues the saved authorize request, which ends at the console with a code. */
    String codeAfterCallback(HttpResponse<String> callback) throws Exception {
      assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
      URI authorize = location(callback);
      if (authorize.getPath().equals("/login")) {
        String page = HtmlUtils.htmlUnescape(text(authorize));
        throw new AssertionError("refused: " + page.replaceAll("(?s).*<div class=\"alert[^>]*>(.*?)</div>.*", "$1")
            .strip());
      }
      assertThat(authorize.getPath()).as(authorize.toString()).isEqualTo("/oauth2/authorize");
      HttpResponse<String> authorized = send(HttpRequest.newBuilder(authorize).GET());
      assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
      String redirect = authorized.headers().firstValue("Location").orElseThrow();
      assertThat(redirect).startsWith(CONSOLE_REDIRECT);
      Map<String, String> query = UriComponentsBuilder.fromUriString(redirect).build().getQueryParams()
          .toSingleValueMap();
      assertThat(query).containsEntry("state", state);
      return URLDecoder.decode(query.get("code"), StandardCharsets.UTF_8);
    }

    /** identity's callback refuses: back on the login page, which shows why. */
    String refusedAfterCallback(HttpResponse<String> callback) throws Exception {
      assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
      URI error = location(callback);
      assertThat(error.getPath()).isEqualTo("/login");
      assertThat(error.getQuery()).isEqualTo("error");
      return HtmlUtils.htmlUnescape(text(error));
    }

    JsonNode token(String code, String verifier) throws Exception {
      // The console client is the gateway's (confidential, the service secret).
      String client = "catalyst-console:" + identity.clients().serviceSecret();
      HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              client.getBytes(StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
              "code", code, "redirect_uri", CONSOLE_REDIRECT, "code_verifier", verifier)))));
      assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
      return json.readTree(tokens.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI location(HttpResponse<?> response) {
      return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }
  }

  /**
   * A browser's cookie jar on http://localhost: browsers treat localhost as a secure context and send the cookies
   * Keycloak marks {@code Secure} (its login session cookies) over plain HTTP; java.net's store would not.
   */
  static final class LocalhostCookies extends CookieManager {
    LocalhostCookies() {
      super(null, CookiePolicy.ACCEPT_ALL);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) throws java.io.IOException {
      Map<String, List<String>> relaxed = new LinkedHashMap<>();
      headers.forEach((name, values) -> relaxed.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
          ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList() : values));
      super.put(uri, relaxed);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }
}
