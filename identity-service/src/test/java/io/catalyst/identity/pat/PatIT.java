package io.catalyst.identity.pat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Personal access tokens: shown once, stored hashed, listed, revoked, expiring, and introspected by services. */
class PatIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void createListIntrospectRevoke() throws Exception {
    String org = uniqueSlug("pat");
    JsonNode session = signUpByEmail(org + "@example.com", PASSWORD, org);
    String user = session.get("accessToken").asString();
    String userId = session.get("userId").asString();

    MvcResult created = mvc.perform(bearer(postJson("/api/v1/identity/tokens",
        Map.of("name", "laptop git", "scopes", List.of("git:read", "git:write"))), user)).andReturn();
    assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
    String pat = body(created).get("token").asString();
    String id = body(created).get("id").asString();
    assertThat(pat).startsWith("cat_pat_");
    assertThat(jdbc.sql("select count(*) from personal_access_token where token_hash = :h")
        .param("h", PatPolicy.hash(pat)).query(Long.class).single()).isEqualTo(1);
    assertThat(outbox("token.created.v1", "users/" + userId + "/tokens/" + id)).hasSize(1);
    assertThat((String) outbox("token.created.v1", "users/" + userId + "/tokens/" + id).get(0).get("data"))
        .doesNotContain(pat);

    String listed = mvc.perform(bearer(get("/api/v1/identity/tokens"), user)).andReturn().getResponse()
        .getContentAsString();
    assertThat(listed).contains("laptop git").contains("\"active\":true").doesNotContain(pat);

    // only services may introspect; users and anonymous may not
    String service = serviceToken("gateway");
    assertThat(status(bearer(postJson("/api/v1/identity/tokens/introspect", Map.of("token", pat)), user)))
        .isEqualTo(403);
    assertThat(status(postJson("/api/v1/identity/tokens/introspect", Map.of("token", pat)))).isEqualTo(401);
    JsonNode active = body(mvc.perform(bearer(postJson("/api/v1/identity/tokens/introspect",
        Map.of("token", pat)), service)).andReturn());
    assertThat(active.get("active").asBoolean()).isTrue();
    assertThat(active.get("sub").asString()).isEqualTo(userId);
    assertThat(active.get("org").asString()).isEqualTo(org);
    assertThat(active.get("roles").get(0).asString()).isEqualTo("org-admin");
    assertThat(active.get("scopes").size()).isEqualTo(2);
    assertThat(body(mvc.perform(bearer(postJson("/api/v1/identity/tokens/introspect",
        Map.of("token", "cat_pat_forged")), service)).andReturn()).get("active").asBoolean()).isFalse();

    // another user cannot revoke it
    String other = signUpByEmail("o-" + org + "@example.com", PASSWORD, uniqueSlug("pat-o")).get("accessToken")
        .asString();
    assertThat(status(bearer(from(delete("/api/v1/identity/tokens/" + id)), other))).isEqualTo(404);
    assertThat(status(bearer(from(delete("/api/v1/identity/tokens/" + id)), user))).isEqualTo(204);
    assertThat(outbox("token.revoked.v1", "users/" + userId + "/tokens/" + id)).hasSize(1);
    assertThat(body(mvc.perform(bearer(postJson("/api/v1/identity/tokens/introspect", Map.of("token", pat)),
        service)).andReturn()).get("active").asBoolean()).isFalse();
  }

  @Test
  void identitysOwnApiAcceptsATokenWithinItsScopes() throws Exception {
    String org = uniqueSlug("pat-api");
    String user = signUpByEmail(org + "@example.com", PASSWORD, org).get("accessToken").asString();
    String readOnly = body(mvc.perform(bearer(postJson("/api/v1/identity/tokens",
        Map.of("name", "reader", "scopes", List.of("api:read"))), user)).andReturn()).get("token").asString();
    String gitOnly = body(mvc.perform(bearer(postJson("/api/v1/identity/tokens",
        Map.of("name", "git", "scopes", List.of("git:write"))), user)).andReturn()).get("token").asString();
    String teams = "/api/v1/identity/organizations/" + org + "/teams";

    assertThat(status(bearer(get("/api/v1/identity/organizations/" + org + "/members"), readOnly))).isEqualTo(200);
    MvcResult write = mvc.perform(bearer(postJson(teams, Map.of("name", "team-platform")), readOnly)).andReturn();
    assertThat(write.getResponse().getStatus()).isEqualTo(403);
    assertThat(body(write).get("type").asString()).endsWith("/insufficient-scope");
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + org + "/members"), gitOnly))).isEqualTo(403);
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + org + "/members"), "cat_pat_forged")))
        .isEqualTo(401);
    assertThat(status(bearer(postJson(teams, Map.of("name", "team-platform")), user))).isEqualTo(201);
  }

  @Test
  void aTokenExpiresAndLimitsAreEnforced() throws Exception {
    String org = uniqueSlug("pat-exp");
    String user = signUpByEmail(org + "@example.com", PASSWORD, org).get("accessToken").asString();
    assertThat(status(bearer(postJson("/api/v1/identity/tokens",
        Map.of("name", "too long", "scopes", List.of("api:read"), "expiresInDays", 366)), user))).isEqualTo(400);
    assertThat(status(bearer(postJson("/api/v1/identity/tokens",
        Map.of("name", "service", "scopes", List.of("api:read"))), serviceToken("gateway")))).isEqualTo(403);
    String pat = body(mvc.perform(bearer(postJson("/api/v1/identity/tokens",
        Map.of("name", "short", "scopes", List.of("api:read"), "expiresInDays", 1)), user)).andReturn())
        .get("token").asString();
    clock.advance(Duration.ofDays(1).plusSeconds(1));
    assertThat(body(mvc.perform(bearer(postJson("/api/v1/identity/tokens/introspect", Map.of("token", pat)),
        serviceToken("gateway"))).andReturn()).get("active").asBoolean()).isFalse();
  }
}
