package io.catalyst.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicRoutesTest {

  @Test
  void eachServiceServesItsOwnRoutesAndItsApiDocs() {
    assertThat(PublicRoutes.servedBy("catalog-service")).extracting(r -> r.method() + " " + r.pattern())
        .contains("POST /api/v1/catalog/blueprints/*/resolve", "POST /api/v1/catalog/blueprints/*/validate",
            "GET /api/v1/*/api-docs")
        .noneMatch(r -> r.contains("/identity/") || r.contains("/health"));
    assertThat(PublicRoutes.servedBy("billing-service")).extracting(PublicRoutes.Route::pattern)
        .contains("/api/v1/billing/prices", "/api/v1/billing/vouchers/redeem-preview");
  }

  @Test
  void everyRouteOfAServiceIsUnderItsOwnPrefix() {
    for (PublicRoutes.Route route : PublicRoutes.ALL) {
      if (route.service().endsWith("-service")) {
        String shortName = route.service().substring(0, route.service().length() - "-service".length());
        assertThat(route.pattern()).as(route.toString()).startsWith("/api/v1/" + shortName + "/");
      }
      assertThat(route.method()).as(route.toString()).isIn("GET", "POST");
    }
  }

  @Test
  void configuredEntriesParse() {
    assertThat(PublicRoutes.Route.parse("get /api/v1/kit/public/**", "kit"))
        .isEqualTo(new PublicRoutes.Route("GET", "/api/v1/kit/public/**", "kit", "configured"));
    assertThat(PublicRoutes.Route.parse("/api/v1/kit/open", "kit").allows("DELETE")).isTrue();
  }
}
