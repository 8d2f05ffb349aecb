package io.catalyst.identity.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix of the member, invitation and team endpoints (each role × each endpoint), and isolation:
 * a real token of Organization A cannot read or change anything of B (404).
 */
class MemberAccessIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final List<String> ORG_ROLES =
      List.of("org-admin", "org-developer", "org-viewer", "security-officer", "billing-admin");
  private String org;
  private String otherOrg;
  private Map<String, String> callers;

  @BeforeEach
  void twoOrganizations() throws Exception {
    org = uniqueSlug("acl");
    otherOrg = uniqueSlug("acl-other");
    signUpByEmail(org + "@example.com", PASSWORD, org);
    signUpByEmail(otherOrg + "@example.com", PASSWORD, otherOrg);
    callers = new LinkedHashMap<>();
    callers.put("anonymous", null);
    callers.put("sovereign-admin", testToken("sov", null, "sovereign-admin"));
    callers.put("service", serviceToken("provisioning-service"));
    for (String role : ORG_ROLES) {
      callers.put(role, testToken("u-" + role, org, role));
    }
    callers.put("org-admin of another Organization", testToken("intruder", otherOrg, "org-admin"));
  }

  /** Expected statuses: anonymous 401, other Organization 404, the rest {@code allowed} or 403. */
  private Map<String, Integer> expect(int allowed, int forOthers, List<String> allowedRoles) {
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("anonymous", 401);
    out.put("sovereign-admin", allowed);
    out.put("service", allowed);
    for (String role : ORG_ROLES) {
      out.put(role, allowedRoles.contains(role) ? allowed : forOthers);
    }
    out.put("org-admin of another Organization", 404);
    return out;
  }

  @Test
  void memberEndpoints() throws Exception {
    String base = "/api/v1/identity/organizations/" + org;
    UUID target = insertMember(org, List.of("org-viewer"), List.of());
    Map<String, UUID> removable = new LinkedHashMap<>();
    for (String caller : callers.keySet()) {
      removable.put(caller, insertMember(org, List.of("org-viewer"), List.of()));
    }
    List<String> admin = List.of("org-admin");
    List<String> everyone = ORG_ROLES;

    assertThat(statuses(callers, c -> get(base + "/members"))).as("GET members").isEqualTo(expect(200, 200, everyone));
    assertThat(statuses(callers, c -> json(post(base + "/invitations"), "{\"email\":\"" + Math.abs(c.hashCode())
        + "@invitee.example.com\",\"role\":\"org-viewer\"}"))).as("POST invitations")
        .isEqualTo(expect(201, 403, admin));
    assertThat(statuses(callers, c -> get(base + "/invitations"))).as("GET invitations").isEqualTo(expect(200, 403, admin));
    Map<String, String> pending = new LinkedHashMap<>();
    for (String caller : callers.keySet()) {
      pending.put(caller, invite(org, callers.get("org-admin"), Map.of("email", "w" + Math.abs(caller.hashCode())
          + "@invitee.example.com", "role", "org-viewer")).get("id").asString());
    }
    assertThat(statuses(callers, c -> delete(base + "/invitations/" + pending.get(c)))).as("DELETE invitation")
        .isEqualTo(expect(204, 403, admin));
    assertThat(statuses(callers, c -> json(put(base + "/members/" + target + "/roles"), "{\"roles\":[\"billing-admin\"]}")))
        .as("PUT roles").isEqualTo(expect(200, 403, admin));
    assertThat(statuses(callers, c -> delete(base + "/members/" + removable.get(c)))).as("DELETE member")
        .isEqualTo(expect(204, 403, admin));
  }

  @Test
  void teamEndpoints() throws Exception {
    String base = "/api/v1/identity/organizations/" + org + "/teams";
    String adminToken = testToken("admin", org, "org-admin");
    assertThat(status(bearer(json(post(base), "{\"name\":\"team-platform\"}"), adminToken))).isEqualTo(201);
    UUID member = insertMember(org, List.of("org-developer"), List.of(org + "-dev"));
    assertThat(status(bearer(put(base + "/team-platform/members/" + member), adminToken))).isEqualTo(204);
    List<String> admin = List.of("org-admin");
    List<String> everyone = ORG_ROLES;

    assertThat(statuses(callers, c -> get(base))).as("GET teams").isEqualTo(expect(200, 200, everyone));
    assertThat(statuses(callers, c -> json(post(base), "{\"name\":\"team-" + Math.abs(c.hashCode()) + "\"}")))
        .as("POST teams").isEqualTo(expect(201, 403, admin));
    assertThat(statuses(callers, c -> get(base + "/team-platform"))).as("GET team").isEqualTo(expect(200, 200, everyone));
    assertThat(statuses(callers, c -> json(patch(base + "/team-platform"), "{\"displayName\":\"Platform " + c + "\"}")))
        .as("PATCH team").isEqualTo(expect(200, 403, admin));
    assertThat(statuses(callers, c -> get(base + "/team-platform/members"))).as("GET team members")
        .isEqualTo(expect(200, 200, everyone));
    assertThat(statuses(callers, c -> get(base + "/team-platform/members/" + member))).as("GET is member")
        .isEqualTo(expect(200, 200, everyone));
    assertThat(statuses(callers, c -> put(base + "/team-platform/members/" + member))).as("PUT team member")
        .isEqualTo(expect(204, 403, admin));
    Map<String, Integer> removed = new LinkedHashMap<>();
    for (var caller : callers.entrySet()) {
      mvc.perform(bearer(put(base + "/team-platform/members/" + member), adminToken));
      MockHttpServletRequestBuilder r = delete(base + "/team-platform/members/" + member);
      removed.put(caller.getKey(), status(caller.getValue() == null ? r : bearer(r, caller.getValue())));
    }
    assertThat(removed).as("DELETE team member").isEqualTo(expect(204, 403, admin));
  }

  @Test
  void sovereignAdminEndpoints() throws Exception {
    Map<String, Integer> sovereignOnly = new LinkedHashMap<>();
    for (String caller : callers.keySet()) {
      sovereignOnly.put(caller, caller.equals("anonymous") ? 401 : caller.equals("sovereign-admin") ? 200 : 403);
    }
    Map<String, Integer> sovereignOrService = new LinkedHashMap<>(sovereignOnly);
    sovereignOrService.put("service", 200); // the platform's suspended-Organizations poll
    assertThat(statuses(callers, c -> get("/api/v1/identity/organizations").param("q", org))).as("GET organizations")
        .isEqualTo(sovereignOrService);
    assertThat(statuses(callers, c -> json(post("/api/v1/identity/organizations/" + org + "/suspension"), "{}")))
        .as("POST suspension").isEqualTo(sovereignOnly);
    assertThat(statuses(callers, c -> delete("/api/v1/identity/organizations/" + org + "/suspension"))).as("DELETE suspension")
        .isEqualTo(sovereignOnly);
  }

  @Test
  void aRealTokenOfOrganizationACannotReachB() throws Exception {
    String a = uniqueSlug("iso-a");
    String token = signUpByEmail(a + "@example.com", PASSWORD, a).get("accessToken").asString();
    String b = "/api/v1/identity/organizations/" + otherOrg;
    String bAdmin = testToken("b-admin", otherOrg, "org-admin");
    assertThat(status(bearer(json(post(b + "/teams"), "{\"name\":\"team-b\"}"), bAdmin))).isEqualTo(201);
    UUID bMember = insertMember(otherOrg, List.of("org-viewer"), List.of());
    assertThat(status(bearer(put(b + "/teams/team-b/members/" + bMember), bAdmin))).isEqualTo(204);

    Map<String, MockHttpServletRequestBuilder> attempts = new LinkedHashMap<>();
    attempts.put("list members", get(b + "/members"));
    attempts.put("invite", json(post(b + "/invitations"), "{\"email\":\"x@example.com\",\"role\":\"org-admin\"}"));
    attempts.put("list invitations", get(b + "/invitations"));
    String bInvitation = invite(otherOrg, bAdmin, Map.of("email", "b@invitee.example.com", "role", "org-viewer"))
        .get("id").asString();
    attempts.put("withdraw invitation", delete(b + "/invitations/" + bInvitation));
    attempts.put("change roles", json(put(b + "/members/" + bMember + "/roles"), "{\"roles\":[\"org-admin\"]}"));
    attempts.put("remove member", delete(b + "/members/" + bMember));
    attempts.put("list teams", get(b + "/teams"));
    attempts.put("create team", json(post(b + "/teams"), "{\"name\":\"team-x\"}"));
    attempts.put("rename team", json(patch(b + "/teams/team-b"), "{\"displayName\":\"Hijacked\"}"));
    attempts.put("team members", get(b + "/teams/team-b/members"));
    attempts.put("is member", get(b + "/teams/team-b/members/" + bMember));
    attempts.put("add to team", put(b + "/teams/team-b/members/" + bMember));
    attempts.put("remove from team", delete(b + "/teams/team-b/members/" + bMember));
    Map<String, Integer> actual = new LinkedHashMap<>();
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (var attempt : attempts.entrySet()) {
      actual.put(attempt.getKey(), status(bearer(attempt.getValue(), token)));
      expected.put(attempt.getKey(), 404);
    }
    assertThat(actual).isEqualTo(expected);
    // nothing changed in B
    JsonNode members = body(mvc.perform(bearer(get(b + "/members"), bAdmin)).andReturn());
    assertThat(members.get("total").asLong()).isEqualTo(2);
    assertThat(status(bearer(get(b + "/teams/team-b/members/" + bMember), bAdmin))).isEqualTo(200);
    assertThat(jdbc.sql("select count(*) from invitation where organization = :o and revoked_at is null")
        .param("o", otherOrg).query(Long.class).single()).isEqualTo(1);
  }
}
