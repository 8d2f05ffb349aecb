package io.catalyst.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.gateway.GatewayTestBase;
import io.catalyst.platform.core.RequestContext.Surface;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** The gateway alone says through which surface a request entered (issue 13 §4). */
class SurfaceHeaderTest extends GatewayTestBase {

  @Test
  @SuppressWarnings("unchecked")
  void aBearerCallIsTheApiAndWhatAClientClaimsIsReplaced() {
    Map<String, Object> echo = client.get().uri("/api/v1/provisioning/environments")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken())
        .header("X-Catalyst-Surface", "ui")
        .exchange().expectStatus().isOk()
        .expectBody(Map.class).returnResult().getResponseBody();

    Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
    assertThat(headers.get("x-catalyst-surface")).containsExactly("api");
  }

  @Test
  void theSurfaceFollowsHowTheCallerCame() {
    assertThat(SurfaceFilter.surfaceOf(MockServerHttpRequest.post("/git/bank/erp.git/git-receive-pack")
        .header(HttpHeaders.AUTHORIZATION, "Basic eDp5").build())).isEqualTo(Surface.GIT);
    assertThat(SurfaceFilter.surfaceOf(MockServerHttpRequest.get("/api/v1/provisioning/environments")
        .cookie(new HttpCookie("CATALYST_SESSION", "s")).build())).isEqualTo(Surface.UI);
    assertThat(SurfaceFilter.surfaceOf(MockServerHttpRequest.get("/api/v1/provisioning/environments")
        .header(HttpHeaders.AUTHORIZATION, "Bearer cat_pat_x").build())).isEqualTo(Surface.API);
    assertThat(SurfaceFilter.surfaceOf(MockServerHttpRequest.get("/api/v1/catalog/blueprints").build()))
        .isEqualTo(Surface.API);
  }
}
