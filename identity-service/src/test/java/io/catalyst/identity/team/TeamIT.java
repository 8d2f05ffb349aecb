package io.catalyst.identity.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Teams: names, membership, the questions other services ask, events, and the {@code teams} claim. */
class TeamIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void teamMembershipShowsInTheNextTokenAndEveryChangeIsAnEvent() throws Exception {
    String org = uniqueSlug("teams");
    JsonNode signedUp = signUpByEmail(org + "@example.com", PASSWORD, org);
    String admin = signedUp.get("accessToken").asString();
    String userId = signedUp.get("userId").asString();
    String base = "/api/v1/identity/organizations/" + org + "/teams";
    String subject = "organizations/" + org + "/teams/team-platform";

    assertThat(status(bearer(json(post(base), "{\"name\":\"platform\"}"), admin))).isEqualTo(400);
    var created = mvc.perform(bearer(json(post(base), "{\"name\":\"team-platform\",\"displayName\":\"Platform\"}"),
        admin)).andReturn();
    assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
    assertThat(status(bearer(json(post(base), "{\"name\":\"team-platform\"}"), admin))).isEqualTo(409);
    assertThat(outbox("team.created.v1", subject)).hasSize(1);

    assertThat(status(bearer(json(patch(base + "/team-platform"), "{\"displayName\":\"Platform crew\"}"), admin)))
        .isEqualTo(200);
    assertThat((String) outbox("team.renamed.v1", subject).get(0).get("data")).contains("Platform crew");

    assertThat(status(bearer(put(base + "/team-platform/members/" + userId), admin))).isEqualTo(204);
    assertThat(outbox("team.member-added.v1", subject)).hasSize(1);
    JsonNode refreshed = refresh(signedUp.get("refreshToken").asString());
    assertThat(claims(refreshed.get("accessToken").asString()).get("teams")).isEqualTo(List.of("team-platform"));

    String service = serviceToken("promotion-service");
    assertThat(status(bearer(get(base + "/team-platform/members/" + userId), service))).isEqualTo(200);
    JsonNode members = body(mvc.perform(bearer(get(base + "/team-platform/members"), service)).andReturn());
    assertThat(members.get("items").get(0).asString()).isEqualTo(userId);
    assertThat(members.get("total").asLong()).isEqualTo(1);
    assertThat(status(bearer(get(base + "/team-security/members/" + userId), service))).isEqualTo(404);

    // a user of another Organization cannot be added
    String stranger = signUpByEmail("s-" + org + "@example.com", PASSWORD, uniqueSlug("strange")).get("userId")
        .asString();
    assertThat(status(bearer(put(base + "/team-platform/members/" + stranger), admin))).isEqualTo(404);

    assertThat(status(bearer(delete(base + "/team-platform/members/" + userId), admin))).isEqualTo(204);
    assertThat(outbox("team.member-removed.v1", subject)).hasSize(1);
    assertThat(status(bearer(get(base + "/team-platform/members/" + userId), service))).isEqualTo(404);
    assertThat(claims(refresh(refreshed.get("refreshToken").asString()).get("accessToken").asString())
        .get("teams")).isEqualTo(List.of());
    JsonNode list = body(mvc.perform(bearer(get(base), admin)).andReturn());
    assertThat(list.get("items").get(0).get("displayName").asString()).isEqualTo("Platform crew");
  }

  @Test
  void aDeletedTeamTakesItsMembershipsWithItAndLeavesTheNextToken() throws Exception {
    String org = uniqueSlug("teamdel");
    JsonNode signedUp = signUpByEmail(org + "@example.com", PASSWORD, org);
    String admin = signedUp.get("accessToken").asString();
    String userId = signedUp.get("userId").asString();
    String base = "/api/v1/identity/organizations/" + org + "/teams";
    assertThat(status(bearer(json(post(base), "{\"name\":\"team-gone\"}"), admin))).isEqualTo(201);
    assertThat(status(bearer(json(post(base), "{\"name\":\"team-stays\"}"), admin))).isEqualTo(201);
    assertThat(status(bearer(put(base + "/team-gone/members/" + userId), admin))).isEqualTo(204);
    assertThat(status(bearer(put(base + "/team-stays/members/" + userId), admin))).isEqualTo(204);
    JsonNode refreshed = refresh(signedUp.get("refreshToken").asString());
    assertThat(claims(refreshed.get("accessToken").asString()).get("teams"))
        .isEqualTo(List.of("team-gone", "team-stays"));

    // another Organization's admin: 404, nothing deleted
    String other = uniqueSlug("teamdel-o");
    String otherAdmin = signUpByEmail(other + "@example.com", PASSWORD, other).get("accessToken").asString();
    assertThat(status(bearer(delete(base + "/team-gone"), otherAdmin))).isEqualTo(404);
    // a member without org-admin: 403
    assertThat(status(bearer(delete(base + "/team-gone"), testToken("viewer", org, "org-viewer")))).isEqualTo(403);

    assertThat(status(bearer(delete(base + "/team-gone"), admin))).isEqualTo(204);
    assertThat(status(bearer(get(base + "/team-gone"), admin))).isEqualTo(404);
    assertThat(status(bearer(delete(base + "/team-gone"), admin))).as("gone already").isEqualTo(404);
    assertThat(jdbc.sql("select count(*) from team_member where organization = :o and team = 'team-gone'")
        .param("o", org).query(Long.class).single()).isZero();
    var events = outbox("team.deleted.v1", "organizations/" + org + "/teams/team-gone");
    assertThat(events).hasSize(1);
    JsonNode data = json.readTree((String) events.get(0).get("data"));
    assertThat(data.get("organization").asString()).isEqualTo(org);
    assertThat(data.get("team").asString()).isEqualTo("team-gone");
    assertThat(data.get("members").asLong()).isEqualTo(1);
    assertThat(claims(refresh(refreshed.get("refreshToken").asString()).get("accessToken").asString())
        .get("teams")).isEqualTo(List.of("team-stays"));
  }
}
