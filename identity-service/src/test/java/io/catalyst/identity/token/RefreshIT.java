package io.catalyst.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Refresh tokens rotate on every use; re-use of a rotated one revokes the whole family. */
class RefreshIT extends IdentityIntegrationTest {

  @Test
  void reuseOfARotatedTokenRevokesTheWholeFamily() throws Exception {
    String slug = uniqueSlug("refresh");
    JsonNode signup = signUpByEmail(slug + "@example.com", "correct horse battery staple", slug);
    String first = signup.get("refreshToken").asString();

    JsonNode rotated = refresh(first, 200);
    String second = rotated.get("refreshToken").asString();
    assertThat(second).isNotEqualTo(first);
    assertThat(claims(rotated.get("accessToken").asString())).containsEntry("org", slug);

    // The first token is presented again (stolen copy): refused, and the family is gone.
    JsonNode reuse = refresh(first, 401);
    assertThat(reuse.get("detail").asString()).contains("already used");
    refresh(second, 401);
    assertThat(outbox("refresh-token.reused.v1", "users/" + signup.get("userId").asString())).hasSize(1);

    // Other sessions of the same user are untouched.
    JsonNode other = body(mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", slug + "@example.com", "password", "correct horse battery staple"))).andReturn());
    refresh(other.get("refreshToken").asString(), 200);
  }

  @Test
  void logoutEndsTheSessionAndSignOutEverywhereEndsThemAll() throws Exception {
    String slug = uniqueSlug("logout");
    JsonNode a = signUpByEmail(slug + "@example.com", "correct horse battery staple", slug);
    assertThat(status(postJson("/api/v1/identity/logout", Map.of("refreshToken", a.get("refreshToken").asString()))))
        .isEqualTo(204);
    refresh(a.get("refreshToken").asString(), 401);

    JsonNode b = login(slug);
    JsonNode c = login(slug);
    assertThat(status(bearer(from(post("/api/v1/identity/logout/everywhere")), b.get("accessToken").asString())))
        .isEqualTo(200);
    refresh(b.get("refreshToken").asString(), 401);
    refresh(c.get("refreshToken").asString(), 401);
  }

  @Test
  void aRefreshTokenExpiresAfterThirtyDays() throws Exception {
    String slug = uniqueSlug("expiry");
    JsonNode a = signUpByEmail(slug + "@example.com", "correct horse battery staple", slug);
    clock.advance(Duration.ofDays(30).plusSeconds(1));
    assertThat(refresh(a.get("refreshToken").asString(), 401).get("detail").asString()).contains("expired");
  }

  private JsonNode login(String slug) throws Exception {
    return body(mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", slug + "@example.com", "password", "correct horse battery staple"))).andReturn());
  }

  private JsonNode refresh(String token, int expected) throws Exception {
    MvcResult r = mvc.perform(postJson("/api/v1/identity/token/refresh", Map.of("refreshToken", token))).andReturn();
    assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(expected);
    return body(r);
  }
}
