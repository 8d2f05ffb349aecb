package io.catalyst.identity.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/** The authorization matrix of the Organization endpoints, and isolation between Organizations. */
class OrganizationAccessIT extends IdentityIntegrationTest {

  private String org;
  private String otherOrg;

  @BeforeEach
  void twoOrganizations() throws Exception {
    org = uniqueSlug("matrix");
    otherOrg = uniqueSlug("other");
    signUpByEmail(org + "@example.com", "correct horse battery staple", org);
    signUpByEmail(otherOrg + "@example.com", "correct horse battery staple", otherOrg);
  }

  @Test
  void eachRoleOnEachEndpoint() throws Exception {
    Map<String, String> callers = new LinkedHashMap<>();
    callers.put("anonymous", null);
    callers.put("sovereign-admin", testToken("sov", null, "sovereign-admin"));
    callers.put("service", serviceToken("provisioning-service"));
    for (String role : List.of("org-admin", "org-developer", "org-viewer", "security-officer", "billing-admin")) {
      callers.put(role, testToken("u-" + role, org, role));
    }
    callers.put("org-admin of another Organization", testToken("intruder", otherOrg, "org-admin"));

    // caller → [GET, PATCH]
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    expected.put("anonymous", List.of(401, 401));
    expected.put("sovereign-admin", List.of(200, 200));
    expected.put("service", List.of(200, 200));
    expected.put("org-admin", List.of(200, 200));
    expected.put("org-developer", List.of(200, 403));
    expected.put("org-viewer", List.of(200, 403));
    expected.put("security-officer", List.of(200, 403));
    expected.put("billing-admin", List.of(200, 403));
    expected.put("org-admin of another Organization", List.of(404, 404));

    Map<String, List<Integer>> actual = new LinkedHashMap<>();
    for (var caller : callers.entrySet()) {
      actual.put(caller.getKey(), List.of(
          status(as(get("/api/v1/identity/organizations/" + org), caller.getValue())),
          status(as(patch("/api/v1/identity/organizations/" + org).contentType(MediaType.APPLICATION_JSON)
              .content("{\"displayName\":\"Renamed by " + caller.getKey() + "\"}"), caller.getValue()))));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void aRealTokenOfOrganizationACannotReadOrChangeB() throws Exception {
    String a = uniqueSlug("org-a");
    JsonNode tokens = signUpByEmail(a + "@example.com", "correct horse battery staple", a);
    String token = tokens.get("accessToken").asString();
    assertThat(status(bearer(get("/api/v1/identity/organizations/" + otherOrg), token))).isEqualTo(404);
    assertThat(status(bearer(patch("/api/v1/identity/organizations/" + otherOrg)
        .contentType(MediaType.APPLICATION_JSON).content("{\"displayName\":\"Hijacked\"}"), token))).isEqualTo(404);
    assertThat(status(bearer(get("/api/v1/identity/organizations/no-such-org"), token))).isEqualTo(404);
    assertThat(body(mvc.perform(bearer(get("/api/v1/identity/organizations/" + otherOrg),
        testToken("sov", null, "sovereign-admin"))).andReturn()).get("displayName").asString())
        .isEqualTo("Business of " + otherOrg);
  }

  @Test
  void theSlugIsImmutableAndTheRenameIsAnEvent() throws Exception {
    String admin = testToken("admin-" + org, org, "org-admin");
    var slugChange = mvc.perform(bearer(patch("/api/v1/identity/organizations/" + org)
        .contentType(MediaType.APPLICATION_JSON).content("{\"slug\":\"new-name\"}"), admin)).andReturn();
    assertThat(slugChange.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(slugChange).get("errors").get(0).get("field").asString()).isEqualTo("slug");
    assertThat(status(bearer(patch("/api/v1/identity/organizations/" + org)
        .contentType(MediaType.APPLICATION_JSON).content("{\"displayName\":\"Al Noor Trading\"}"), admin)))
        .isEqualTo(200);
    var renamed = outbox("organization.renamed.v1", "organizations/" + org);
    assertThat(renamed).hasSize(1);
    assertThat((String) renamed.get(0).get("data")).contains("Al Noor Trading");
  }

  private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
    return token == null ? request : bearer(request, token);
  }
}
