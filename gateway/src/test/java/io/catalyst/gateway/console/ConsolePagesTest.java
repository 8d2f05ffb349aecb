package io.catalyst.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.gateway.GatewayTestBase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The gateway serves the console (the {@code console} module's build, on its classpath) from the same origin: the
 * app's index at {@code /} and at every client-side route, its hashed assets cached for good, and nothing else
 * changes: an unknown path is still a 404 problem and a signed-out console navigation still goes to the login.
 */
class ConsolePagesTest extends GatewayTestBase {

  private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

  @Test
  void theStartPageAndEveryClientSideRouteAnswerTheConsolesIndex() {
    for (String page : new String[] {"/", "/blueprints", "/blueprints/bp-wordpress", "/blueprints/bp-wordpress/"}) {
      String body = client.get().uri(page).accept(MediaType.TEXT_HTML).exchange()
          .expectStatus().isOk()
          .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
          .expectHeader().valueEquals("Cache-Control", "no-cache")
          .expectBody(String.class).returnResult().getResponseBody();
      assertThat(body).as(page).contains("<div id=\"root\"></div>", "/assets/");
    }
  }

  @Test
  void theHashedAssetsAreCachedForAYear() {
    String index = client.get().uri("/").exchange().expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    Matcher script = SCRIPT.matcher(index);
    assertThat(script.find()).as(index).isTrue();

    client.get().uri(script.group(1)).exchange()
        .expectStatus().isOk()
        .expectHeader().valueEquals("Cache-Control", "public, max-age=31536000, immutable");
  }

  @Test
  void aSignedOutNavigationToAConsolePageStillGoesToTheLogin() {
    client.get().uri("/console/environments/acme-prod").accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isFound()
        .expectHeader().location("/oauth2/authorization/catalyst");
  }

  @Test
  void pathsOutsideTheConsolesRoutesAreStill404Problems() {
    for (String path : new String[] {"/no-such-page", "/assets/no-such-file.js", "/blueprintsx"}) {
      client.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
          .expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
          .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }
}
