package io.catalyst.identity.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The sovereign-admin's list/search of Organizations and suspension: no new tokens while suspended. */
class SuspensionIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void aSuspendedOrganizationsUsersGetNoNewTokensUntilItIsReactivated() throws Exception {
    String org = uniqueSlug("suspend");
    String email = org + "@example.com";
    JsonNode session = signUpByEmail(email, PASSWORD, org);
    String sov = testToken("sov", null, "sovereign-admin");

    MvcResult suspended = mvc.perform(bearer(from(post("/api/v1/identity/organizations/" + org + "/suspension"))
        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"unpaid invoices\"}"), sov)).andReturn();
    assertThat(suspended.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(suspended).get("status").asString()).isEqualTo("suspended");
    assertThat(body(suspended).get("suspensionReason").asString()).isEqualTo("unpaid invoices");
    assertThat(outbox("organization.suspended.v1", "organizations/" + org)).hasSize(1);
    // suspending twice changes nothing
    assertThat(status(bearer(from(post("/api/v1/identity/organizations/" + org + "/suspension")), sov)))
        .isEqualTo(200);
    assertThat(outbox("organization.suspended.v1", "organizations/" + org)).hasSize(1);

    JsonNode listed = body(mvc.perform(bearer(get("/api/v1/identity/organizations").param("q", org)
        .param("status", "suspended"), sov)).andReturn());
    assertThat(listed.get("total").asLong()).isEqualTo(1);
    assertThat(body(mvc.perform(bearer(get("/api/v1/identity/organizations").param("q", org)
        .param("status", "active"), sov)).andReturn()).get("total").asLong()).isZero();
    assertThat(status(bearer(get("/api/v1/identity/organizations").param("status", "gone"), sov))).isEqualTo(400);

    // the access token issued before the suspension is refused by identity's own API from now on
    MvcResult members = mvc.perform(bearer(get("/api/v1/identity/organizations/" + org + "/members"),
        session.get("accessToken").asString())).andReturn();
    assertThat(members.getResponse().getStatus()).isEqualTo(403);
    assertThat(body(members).get("type").asString()).endsWith("/organization-suspended");

    MvcResult login = mvc.perform(postJson("/api/v1/identity/login/password",
        Map.of("email", email, "password", PASSWORD))).andReturn();
    assertThat(login.getResponse().getStatus()).isEqualTo(403);
    assertThat(body(login).get("type").asString()).endsWith("/organization-suspended");
    assertThat(body(login).get("detail").asString()).contains(org).contains("suspended");
    MvcResult refresh = mvc.perform(postJson("/api/v1/identity/token/refresh",
        Map.of("refreshToken", session.get("refreshToken").asString()))).andReturn();
    assertThat(refresh.getResponse().getStatus()).isEqualTo(403);
    assertThat(body(refresh).get("type").asString()).endsWith("/organization-suspended");
    // the authorization server's login form (browser flow) refuses too
    MvcResult form = mvc.perform(from(post("/login")).with(csrf()).param("username", email)
        .param("password", PASSWORD)).andReturn();
    assertThat(form.getResponse().getStatus()).isEqualTo(302);
    assertThat(form.getResponse().getRedirectedUrl()).endsWith("/login?error");
    // a wrong password still answers 401 (suspension is not revealed without the password)
    assertThat(status(postJson("/api/v1/identity/login/password", Map.of("email", email, "password", "wrong"
        + PASSWORD)))).isEqualTo(401);

    assertThat(status(bearer(from(delete("/api/v1/identity/organizations/" + org + "/suspension")), sov)))
        .isEqualTo(200);
    assertThat(outbox("organization.reactivated.v1", "organizations/" + org)).hasSize(1);
    // the refresh token refused during the suspension was not spent
    assertThat(refresh(session.get("refreshToken").asString()).get("organization").asString()).isEqualTo(org);
    loginByPassword(email, PASSWORD);
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + org + "/members"),
        session.get("accessToken").asString()))).isEqualTo(200);
  }

  @Test
  void sovereignAdminsListAndSearchAllOrganizations() throws Exception {
    String marker = uniqueSlug("findme");
    signUpByEmail(marker + "-a@example.com", PASSWORD, marker + "-a");
    signUpByEmail(marker + "-b@example.com", PASSWORD, marker + "-b");
    String sov = testToken("sov", null, "sovereign-admin");
    JsonNode found = body(mvc.perform(bearer(get("/api/v1/identity/organizations").param("q", marker.toUpperCase()),
        sov)).andReturn());
    assertThat(found.get("total").asLong()).isEqualTo(2);
    assertThat(found.get("items").get(0).get("slug").asString()).isEqualTo(marker + "-a");
    JsonNode paged = body(mvc.perform(bearer(get("/api/v1/identity/organizations").param("q", marker)
        .param("size", "1").param("page", "1"), sov)).andReturn());
    assertThat(paged.get("items").get(0).get("slug").asString()).isEqualTo(marker + "-b");
    JsonNode byName = body(mvc.perform(bearer(get("/api/v1/identity/organizations")
        .param("q", "Business of " + marker + "-b"), sov)).andReturn());
    assertThat(byName.get("total").asLong()).isEqualTo(1);
    JsonNode all = body(mvc.perform(bearer(get("/api/v1/identity/organizations"), sov)).andReturn());
    assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(status(bearer(get("/api/v1/identity/organizations").param("q", "100%_"), sov))).isEqualTo(200);
    assertThat(status(bearer(get("/api/v1/identity/organizations").param("page", "-1"), sov))).isEqualTo(400);
  }

  @Test
  void servicesPollTheSuspendedOrganizations() throws Exception {
    String slug = uniqueSlug("polled");
    signUpByEmail(slug + "@example.com", PASSWORD, slug);
    String sov = testToken("sov", null, "sovereign-admin");
    String service = serviceToken("gateway");
    assertThat(suspendedSlugs(service)).doesNotContain(slug);
    assertThat(status(bearer(post("/api/v1/identity/organizations/" + slug + "/suspension"), sov))).isEqualTo(200);

    JsonNode page = body(mvc.perform(bearer(get("/api/v1/identity/organizations").param("status", "suspended")
        .param("size", "1000"), service)).andReturn());
    assertThat(page.get("size").asInt()).isEqualTo(1000);
    assertThat(page.get("page").asInt()).isZero();
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode item = null;
    for (JsonNode i : page.get("items")) {
      assertThat(i.get("status").asString()).isEqualTo("suspended");
      if (i.get("slug").asString().equals(slug)) {
        item = i;
      }
    }
    assertThat(item).isNotNull();
    assertThat(item.get("suspendedAt")).isNotNull();

    assertThat(status(bearer(get("/api/v1/identity/organizations").param("status", "suspended")
        .param("size", "1001"), service))).isEqualTo(400);
    assertThat(status(bearer(get("/api/v1/identity/organizations").param("size", "1000"), sov)))
        .as("people keep pages of at most 100").isEqualTo(400);
    assertThat(status(bearer(delete("/api/v1/identity/organizations/" + slug + "/suspension"), sov)))
        .isEqualTo(200);
    assertThat(suspendedSlugs(service)).doesNotContain(slug);
  }

  private java.util.List<String> suspendedSlugs(String token) throws Exception {
    JsonNode page = body(mvc.perform(bearer(get("/api/v1/identity/organizations").param("status", "suspended")
        .param("size", "1000"), token)).andReturn());
    java.util.List<String> out = new java.util.ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("slug").asString()));
    return out;
  }
}
