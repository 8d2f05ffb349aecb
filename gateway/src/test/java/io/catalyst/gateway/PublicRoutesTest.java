package io.catalyst.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.gateway.routing.CatalystService;
import io.catalyst.platform.core.PublicRoutes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** What anyone may reach without a token, and where it ends up. */
class PublicRoutesTest extends GatewayTestBase {

  @ParameterizedTest
  @ValueSource(strings = {
      "/.well-known/openid-configuration", "/oauth2/jwks", "/api/v1/catalog/blueprints?q=postgres",
      "/api/v1/catalog/blueprints/wordpress/versions", "/api/v1/catalog/api-docs", "/api/v1/billing/prices",
      "/api/v1/identity/organizations/slug-suggestion?name=muscat-pharmacy"})
  void publicReadsReachTheirServiceUnchanged(String uri) {
    var echo = AuthenticationTest.echoOf(client.get().uri(uri).exchange().expectStatus().isOk());
    assertThat(echo).containsEntry("uri", uri).containsEntry("method", "GET");
  }

  @Test
  void signupRefreshAndVoucherPreviewArePublicWrites() {
    client.post().uri("/api/v1/identity/signup").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("email", "ahmed@example.om")).exchange().expectStatus().isOk();
    client.post().uri("/api/v1/identity/token/refresh").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("refreshToken", "r1")).exchange().expectStatus().isOk();
    client.post().uri("/api/v1/billing/vouchers/redeem-preview").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("code", "WELCOME")).exchange().expectStatus().isOk();
  }

  /**
   * Every route of the one list (platform/core {@link PublicRoutes}) reaches its service without a token (the
   * stand-in backend answers 200 with what it got; a skeleton service such as billing's would answer its own 404,
   * never the gateway's 401), and the same path with a method the list does not name needs one.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("publicRoutes")
  void everyPublicRouteReachesItsServiceWithoutAToken(PublicRoutes.Route route) {
    String path = concrete(route.pattern());
    String method = route.method() == null ? "GET" : route.method();
    var request = client.method(HttpMethod.valueOf(method)).uri(path);
    var response = method.equals("GET") ? request.exchange()
        : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    if (route.service().equals(PublicRoutes.GATEWAY)) {
      response.expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    } else {
      var echo = AuthenticationTest.echoOf(response.expectStatus().isOk());
      assertThat(echo).containsEntry("path", path).containsEntry("method", method);
    }
    if (route.method() != null) {
      String other = route.method().equals("GET") ? "POST" : "GET";
      client.method(HttpMethod.valueOf(other)).uri(path).exchange()
          .expectStatus().isUnauthorized()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void whatTheDocsCallPublicIsOnTheList() {
    // docs/catalog.md: resolve and validate; DOMAIN.md 7.4: the voucher preview; docs/identity.md: email verification.
    assertThat(PublicRoutes.ALL).extracting(r -> r.method() + " " + r.pattern()).contains(
        "POST /api/v1/catalog/blueprints/*/resolve", "POST /api/v1/catalog/blueprints/*/validate",
        "POST /api/v1/billing/vouchers/redeem-preview", "POST /api/v1/identity/email-verification");
  }

  static Stream<PublicRoutes.Route> publicRoutes() {
    return PublicRoutes.ALL.stream();
  }

  /** A path the pattern matches: {@code *} a sample segment (a service's short name after /api/v1), {@code **} two. */
  private static String concrete(String pattern) {
    String path = pattern.replace("/api/v1/*/", "/api/v1/catalog/").replace("/**", "/sample/path");
    return path.replace("*", "sample");
  }

  @Test
  void writingToTheCatalogNeedsAToken() {
    client.post().uri("/api/v1/catalog/blueprints").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .exchange().expectStatus().isUnauthorized();
  }

  @ParameterizedTest
  @EnumSource(CatalystService.class)
  void eachServicesHealthIsItsReadiness(CatalystService service) {
    client.get().uri(service.healthPath()).exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.status").isEqualTo("UP");
  }

  @Test
  void theGatewaysOwnHealthIsPublic() {
    client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
  }

  @Test
  void theStartPageLinksTheDocsAndEveryServicesHealth() {
    String page = client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(page).contains("<title>Catalyst</title>", "href=\"/swagger-ui.html\"");
    for (CatalystService service : CatalystService.values()) {
      assertThat(page).contains("href=\"" + service.healthPath() + "\"");
    }
  }

  @Test
  void theDocsUiListsEveryServicesApiDocsThroughTheGateway() {
    client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    @SuppressWarnings("unchecked")
    Map<String, Object> config = client.get().uri("/api-docs/swagger-config").exchange()
        .expectStatus().isOk()
        .expectBody(Map.class).returnResult().getResponseBody();
    @SuppressWarnings("unchecked")
    List<Map<String, String>> urls = (List<Map<String, String>>) config.get("urls");
    assertThat(urls).extracting(u -> u.get("url"))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(CatalystService.values()).map(CatalystService::apiDocsPath).toList());
  }

  @Test
  void theGatewaysOwnMetricsAreNotPublic() {
    client.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
    client.get().uri("/actuator/metrics").header("Authorization", "Bearer " + validToken()).exchange()
        .expectStatus().isForbidden()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
