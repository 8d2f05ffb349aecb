package io.catalyst.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix (each role × each endpoint) of signing-key rotation, team deletion, email verification,
 * the profile, Application SSO clients and the Organization list services poll.
 */
class PlatformEndpointsAccessIT extends IdentityIntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final List<String> ORG_ROLES =
      List.of("org-admin", "org-developer", "org-viewer", "security-officer", "billing-admin");
  private String org;
  private String otherOrg;
  private Map<String, String> callers;
  /** The same roles, as real users (a UUID subject with an unverified email) of {@link #org}. */
  private Map<String, String> people;

  @BeforeEach
  void twoOrganizations() throws Exception {
    org = uniqueSlug("pacl");
    otherOrg = uniqueSlug("pacl-other");
    signUpByEmail(org + "@example.com", PASSWORD, org);
    signUpByEmail(otherOrg + "@example.com", PASSWORD, otherOrg);
    callers = new LinkedHashMap<>();
    people = new LinkedHashMap<>();
    callers.put("anonymous", null);
    people.put("anonymous", null);
    callers.put("sovereign-admin", testToken("sov", null, "sovereign-admin"));
    people.put("sovereign-admin", testToken("sov", null, "sovereign-admin"));
    callers.put("service", serviceToken("provisioning-service"));
    people.put("service", serviceToken("provisioning-service"));
    for (String role : ORG_ROLES) {
      callers.put(role, testToken("u-" + role, org, role));
      List<String> envs = role.equals("org-developer") ? List.of(org + "-dev") : List.of();
      UUID user = insertMember(org, List.of(role), envs);
      people.put(role, testToken(user.toString(), org, role));
    }
    callers.put("org-admin of another Organization", testToken("intruder", otherOrg, "org-admin"));
    UUID intruder = insertMember(otherOrg, List.of("org-admin"), List.of());
    people.put("org-admin of another Organization", testToken(intruder.toString(), otherOrg, "org-admin"));
  }

  private Map<String, Integer> expect(int anonymous, int sovereign, int service, int roles, int other) {
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("anonymous", anonymous);
    out.put("sovereign-admin", sovereign);
    out.put("service", service);
    ORG_ROLES.forEach(r -> out.put(r, roles));
    out.put("org-admin of another Organization", other);
    return out;
  }

  @Test
  void signingKeys() throws Exception {
    assertThat(statuses(callers, c -> get("/api/v1/identity/keys"))).as("GET keys")
        .isEqualTo(expect(401, 200, 403, 403, 403));
    assertThat(statuses(callers, c -> post("/api/v1/identity/keys/rotation"))).as("POST keys/rotation")
        .isEqualTo(expect(401, 202, 403, 403, 403));
  }

  @Test
  void teamDeletion() throws Exception {
    String base = "/api/v1/identity/organizations/" + org + "/teams";
    String admin = testToken("admin", org, "org-admin");
    Map<String, String> teams = new LinkedHashMap<>();
    for (String caller : callers.keySet()) {
      String team = "team-del-" + Math.abs(caller.hashCode());
      assertThat(status(bearer(json(post(base), "{\"name\":\"" + team + "\"}"), admin))).isEqualTo(201);
      teams.put(caller, team);
    }
    assertThat(statuses(callers, c -> delete(base + "/" + teams.get(c)))).as("DELETE team")
        .isEqualTo(expect(401, 204, 204, 403, 404).entrySet().stream().collect(LinkedHashMap::new,
            (m, e) -> m.put(e.getKey(), e.getKey().equals("org-admin") ? 204 : e.getValue()), Map::putAll));
  }

  @Test
  void emailVerificationAndProfile() throws Exception {
    assertThat(statuses(people, c -> json(post("/api/v1/identity/email-verification"),
        "{\"token\":\"cat_ver_unknown\"}"))).as("POST email-verification (public)")
        .isEqualTo(expect(404, 404, 404, 404, 404));
    assertThat(statuses(people, c -> post("/api/v1/identity/email-verification/resend")))
        .as("POST email-verification/resend (signed-in people)").isEqualTo(expect(401, 403, 403, 202, 202));
    assertThat(statuses(people, c -> get("/api/v1/identity/me"))).as("GET me")
        .isEqualTo(expect(401, 404, 404, 200, 200));
  }

  @Test
  void ssoClients() throws Exception {
    String env = org + "-prod";
    assertThat(statuses(callers, c -> json(put("/api/v1/identity/organizations/" + org + "/sso-clients/app"
        + Math.abs(c.hashCode())), "{\"environment\":\"" + env + "\",\"redirectUris\":[\"https://app." + env
        + ".example.com/cb\"]}"))).as("PUT sso-client").isEqualTo(expect(401, 403, 201, 403, 403));
    String serviceApp = "app" + Math.abs("service".hashCode());
    String clientId = "app-" + env + "-" + serviceApp;
    assertThat(statuses(callers, c -> get("/api/v1/identity/sso-clients/" + clientId + "/secret")))
        .as("GET sso-client secret").isEqualTo(expect(401, 403, 403, 403, 403));
    assertThat(status(bearer(get("/api/v1/identity/sso-clients/" + clientId + "/secret"),
        serviceToken("secret-store")))).as("GET sso-client secret by the secret store").isEqualTo(200);
    assertThat(statuses(callers, c -> delete("/api/v1/identity/organizations/" + org + "/sso-clients/" + serviceApp)
        .param("environment", env))).as("DELETE sso-client").isEqualTo(expect(401, 403, 204, 403, 403));
  }

  @Test
  void suspendedOrganizationsList() throws Exception {
    assertThat(statuses(callers, c -> get("/api/v1/identity/organizations").param("status", "suspended")))
        .as("GET organizations?status=suspended").isEqualTo(expect(401, 200, 200, 403, 403));
  }
}
