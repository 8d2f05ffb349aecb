package io.catalyst.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.it.support.Mesh;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's login: authorization code + PKCE with the gateway as the OAuth2 client and identity-service as the
 * provider, both real processes. The browser talks to the gateway only and holds nothing but cookies; the API sees
 * the session's access token (TokenRelay).
 */
class ConsoleLoginIT {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @Test
  void aBrowserSignsInThroughTheGatewayAndTheConsoleReadsItsOrganizationWithTheSessionCookieOnly() {
    Mesh.User user = Mesh.signUp(uniqueSlug());
    Browser browser = new Browser();
    String gateway = Mesh.publicUrl();

    // A signed-out browser opening a console page is sent through the login, all on the gateway's address.
    HttpResponse<String> loginPage = browser.navigate(gateway + "/console/settings");
    assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
    assertThat(loginPage.uri().getPath()).isEqualTo("/login");
    assertThat(browser.visited).allSatisfy(uri -> assertThat(uri.getPort()).isEqualTo(Mesh.gateway().port()));
    URI authorize = browser.visited.stream().filter(u -> u.getPath().equals("/oauth2/authorize")).findFirst()
        .orElseThrow();
    assertThat(authorize.getQuery()).contains("client_id=catalyst-console", "code_challenge=",
        "code_challenge_method=S256");

    HttpResponse<String> landed = browser.submit(gateway + "/login",
        Map.of("username", user.email(), "password", user.password(), "_csrf", csrf(loginPage.body())));

    // identity-service sent the code back to the gateway, which exchanged it and returned to the page first asked.
    assertThat(browser.visited).anySatisfy(u -> assertThat(u.getPath()).isEqualTo("/login/oauth2/code/catalyst"));
    assertThat(landed.uri().getPath()).as("landed at %s after %s", landed.uri(), browser.visited)
        .isEqualTo("/console/settings");
    assertThat(browser.cookie("CATALYST_SESSION")).isPresent();

    HttpResponse<String> organization = browser.fetch(
        Browser.to("/api/v1/identity/organizations/" + user.organization()).GET());
    assertThat(organization.statusCode()).as(organization.body()).isEqualTo(200);
    assertThat((String) JsonPath.read(organization.body(), "$.slug")).isEqualTo(user.organization());

    // A change made with the session: the console sends the CSRF cookie's value back as a header.
    String csrf = browser.cookie("XSRF-TOKEN").orElseThrow();
    HttpResponse<String> renamed = browser.fetch(
        Browser.to("/api/v1/identity/organizations/" + user.organization())
            .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Renamed in the console\"}")));
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat((String) JsonPath.read(renamed.body(), "$.displayName")).isEqualTo("Renamed in the console");
    HttpResponse<String> forged = browser.fetch(
        Browser.to("/api/v1/identity/organizations/" + user.organization())
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Cross-site\"}")));
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
  }

  @Test
  void withoutASessionTheApiAnswers401ProblemNotARedirect() {
    HttpResponse<String> r = Mesh.send(Mesh.request("/api/v1/identity/organizations/acme")
        .header("Accept", "text/html,application/xhtml+xml").GET().build());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void afterLogoutTheSessionCookieNoLongerWorksAndItsRefreshTokenIsRevoked() {
    Mesh.User user = Mesh.signUp(uniqueSlug());
    Browser browser = signedIn(user);
    String path = "/api/v1/identity/organizations/" + user.organization();
    assertThat(browser.fetch(Browser.to(path).GET()).statusCode()).isEqualTo(200);
    String session = browser.cookie("CATALYST_SESSION").orElseThrow();

    HttpResponse<String> logout = browser.fetch(Browser.to("/logout")
        .header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN").orElseThrow())
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
    // The session's refresh token was revoked at identity-service, not just forgotten by the gateway.
    assertThat(ConsoleAuthorizations.refreshTokenRevoked(user.userId())).isTrue();

    // Even a client that kept the old cookie is not let in.
    HttpResponse<String> replay = Mesh.send(Mesh.request(path).header("Cookie", "CATALYST_SESSION=" + session)
        .header("Accept", "application/json").GET().build());
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
    assertThat(browser.fetch(Browser.to(path).GET()).statusCode()).isEqualTo(401);
  }

  /** A browser that went through the whole login as {@code user}. */
  static Browser signedIn(Mesh.User user) {
    Browser browser = new Browser();
    HttpResponse<String> loginPage = browser.navigate(Mesh.publicUrl() + "/oauth2/authorization/catalyst");
    assertThat(loginPage.uri().getPath()).as(loginPage.body()).isEqualTo("/login");
    browser.submit(Mesh.publicUrl() + "/login",
        Map.of("username", user.email(), "password", user.password(), "_csrf", csrf(loginPage.body())));
    assertThat(browser.cookie("CATALYST_SESSION")).as("signed in after %s", browser.visited).isPresent();
    return browser;
  }

  static String csrf(String loginPage) {
    Matcher m = CSRF_FIELD.matcher(loginPage);
    assertThat(m.find()).as("the login form has a CSRF field:%n%s", loginPage).isTrue();
    return m.group(1);
  }

  static String uniqueSlug() {
    return "login-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
