package io.catalyst.audit.record;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.audit.support.AuditIntegrationTest;
import io.catalyst.audit.support.MeshEvents.Actor;
import io.catalyst.audit.support.MeshEvents.Event;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.promotion.contract.PromotionEvents;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The query API's scope for every role (own Organization, own actions, everything; another Organization never), its
 * filters and its cursor.
 */
class QueryIT extends AuditIntegrationTest {

  static final String ACME = "query-acme";
  static final String OTHER = "query-other";
  static String configured;
  static String pushed;
  static String promoted;
  static String otherOrg;

  @BeforeEach
  void seedOnce() {
    if (configured != null) {
      return;
    }
    configured = events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.APPLICATION_CONFIGURED,
        "applications/" + ACME + "/shop", ACME, ACME + "-prod", Actor.user("ahmed", "org-admin", "api"),
        new ApplicationEvents.Configured(ACME, ACME + "-prod", "shop", "main", "s2", "s1", "ahmed")));
    pushed = events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.BRANCH_MOVED,
        "repos/" + ACME + "/shop/branches/develop", ACME, ACME + "-dev", Actor.user("layla", "org-developer", "git"),
        new BranchMoved(ACME, "shop", "develop", ACME + "-dev", "a1", "a2", "updated", BranchMoved.VIA_PUSH, "layla",
            Instant.now())));
    promoted = events.send(new Event(Topics.PROMOTION, PromotionEvents.REQUESTED, "promotions/p1", ACME,
        ACME + "-prod", Actor.user("layla", "org-developer", "ui"),
        new PromotionEvents.Promotion(ACME, "p1", "crm", ACME + "-stg", ACME + "-prod", "layla", null, null)));
    otherOrg = events.send(new Event(Topics.PROVISIONING, ProvisioningEvents.APPLICATION_CONFIGURED,
        "applications/" + OTHER + "/shop", OTHER, OTHER + "-prod", Actor.user("eve", "org-admin", "api"),
        new ApplicationEvents.Configured(OTHER, OTHER + "-prod", "shop", "main", "x2", "x1", "eve")));
    awaitStored(configured, pushed, promoted, otherOrg);
  }

  @Test
  void orgAdminsAndSecurityOfficersSeeTheirOrganizationOnly() throws Exception {
    for (String role : new String[] {"org-admin", "security-officer"}) {
      mvc.perform(as(get("/api/v1/audit/records"), token("khalid", ACME, role)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.items[*].eventId", contains(promoted, pushed, configured)))
          .andExpect(jsonPath("$.items[*].organization", everyItem(is(ACME))))
          .andExpect(jsonPath("$.nextCursor", nullValue()));
      mvc.perform(as(get("/api/v1/audit/records").param("organization", OTHER), token("khalid", ACME, role)))
          .andExpect(status().isNotFound())
          .andExpect(content().contentType("application/problem+json"));
      mvc.perform(as(get("/api/v1/audit/records/" + otherOrg), token("khalid", ACME, role)))
          .andExpect(status().isNotFound())
          .andExpect(content().contentType("application/problem+json"));
    }
  }

  @Test
  void orgDevelopersSeeTheirOwnActionsOnly() throws Exception {
    String layla = token("layla", ACME, "org-developer");
    mvc.perform(as(get("/api/v1/audit/records"), layla))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].eventId", contains(promoted, pushed)));
    mvc.perform(as(get("/api/v1/audit/records").param("actor", "ahmed"), layla))
        .andExpect(status().isOk()).andExpect(jsonPath("$.items", hasSize(0)));
    mvc.perform(as(get("/api/v1/audit/records/" + configured), layla)).andExpect(status().isNotFound());
    mvc.perform(as(get("/api/v1/audit/records/" + pushed), layla))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.actor.id", is("layla")))
        .andExpect(jsonPath("$.actor.kind", is("user")))
        .andExpect(jsonPath("$.actor.roles", contains("org-developer")))
        .andExpect(jsonPath("$.surface", is("git")))
        .andExpect(jsonPath("$.changes.sha.before", is("a1")))
        .andExpect(jsonPath("$.event.data.newSha", is("a2")));
  }

  @Test
  void theSovereignAdminSeesEveryOrganization() throws Exception {
    String root = token("root", null, "sovereign-admin");
    mvc.perform(as(get("/api/v1/audit/records").param("action", ProvisioningEvents.APPLICATION_CONFIGURED)
            .param("resource", "applications/query-"), root))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].eventId", containsInAnyOrder(configured, otherOrg)));
    mvc.perform(as(get("/api/v1/audit/records").param("organization", OTHER), root))
        .andExpect(jsonPath("$.items[*].eventId", contains(otherOrg)));
    mvc.perform(as(get("/api/v1/audit/records/" + otherOrg), root)).andExpect(status().isOk());
  }

  @Test
  void otherRolesReadNoRecords() throws Exception {
    mvc.perform(as(get("/api/v1/audit/records"), token("v", ACME, "org-viewer")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType("application/problem+json"));
    mvc.perform(get("/api/v1/audit/records")).andExpect(status().isUnauthorized());
  }

  @Test
  void filtersNarrowTheRecords() throws Exception {
    String admin = token("ahmed", ACME, "org-admin");
    mvc.perform(as(get("/api/v1/audit/records").param("actor", "layla"), admin))
        .andExpect(jsonPath("$.items[*].eventId", contains(promoted, pushed)));
    mvc.perform(as(get("/api/v1/audit/records").param("surface", "git"), admin))
        .andExpect(jsonPath("$.items[*].eventId", contains(pushed)));
    mvc.perform(as(get("/api/v1/audit/records").param("resource", "repos/" + ACME + "/shop"), admin))
        .andExpect(jsonPath("$.items[*].eventId", contains(pushed)));
    mvc.perform(as(get("/api/v1/audit/records").param("application", "shop"), admin))
        .andExpect(jsonPath("$.items[*].eventId", contains(pushed, configured)));
    mvc.perform(as(get("/api/v1/audit/records").param("application", "crm"), admin))
        .andExpect(jsonPath("$.items[*].eventId", contains(promoted)));
    mvc.perform(as(get("/api/v1/audit/records").param("from", "2999-01-01T00:00:00Z"), admin))
        .andExpect(jsonPath("$.items", hasSize(0)));
    mvc.perform(as(get("/api/v1/audit/records").param("to", "2999-01-01T00:00:00Z"), admin))
        .andExpect(jsonPath("$.items", hasSize(3)));
  }

  @Test
  void theCursorWalksOlderPages() throws Exception {
    String admin = token("ahmed", ACME, "org-admin");
    String body = mvc.perform(as(get("/api/v1/audit/records").param("limit", "2"), admin))
        .andExpect(jsonPath("$.items[*].eventId", contains(promoted, pushed)))
        .andExpect(jsonPath("$.nextCursor", notNullValue()))
        .andReturn().getResponse().getContentAsString();
    JsonNode page = json.readTree(body);
    mvc.perform(as(get("/api/v1/audit/records").param("limit", "2")
            .param("cursor", page.path("nextCursor").asString()), admin))
        .andExpect(jsonPath("$.items[*].eventId", contains(configured)))
        .andExpect(jsonPath("$.nextCursor", nullValue()));
  }

  @Test
  void badParametersAreProblemsNamingTheParameter() throws Exception {
    String admin = token("ahmed", ACME, "org-admin");
    for (String[] bad : new String[][] {{"surface", "email"}, {"limit", "0"}, {"cursor", "!!"}, {"from", "monday"}}) {
      mvc.perform(as(get("/api/v1/audit/records").param(bad[0], bad[1]), admin))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentType("application/problem+json"))
          .andExpect(jsonPath("$.errors[0].field", is(bad[0])));
    }
  }

  private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
    return request.header("Authorization", token);
  }
}
