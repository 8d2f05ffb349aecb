package io.catalyst.catalog.resolve;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.catalog.CatalogIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolveApiIT extends CatalogIntegrationTest {

  @Test
  void resolvesThePharmacyBundleAndMarksExistingApplications() throws Exception {
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-bundle-pharmacy/resolve"), """
            {"version": "^1", "config": {"pharmacyName": "Muscat Pharmacy", "domain": "muscat-pharmacy.om",
                                          "adminEmail": "owner@muscat-pharmacy.om"},
             "existingApplications": [
               {"application": "shared-db", "environment": "muscat-prod", "blueprint": "bp-postgres", "version": "17.2.0"},
               {"application": "old-cache", "environment": "muscat-prod", "blueprint": "bp-valkey", "version": "7.2.4"}]}"""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.resolved", is(true)))
        .andExpect(jsonPath("$.version", is("1.2.0")))
        .andExpect(jsonPath("$.nodes", hasSize(6))) // five Applications and the composite
        .andExpect(jsonPath("$.nodes[-1].blueprint", is("bp-bundle-pharmacy")))
        .andExpect(jsonPath("$.nodes[?(@.blueprint == 'bp-postgres')].satisfiedBy[*].application", hasItem("shared-db")))
        .andExpect(jsonPath("$.nodes[?(@.blueprint == 'bp-valkey')].unsuitable[*].application", hasItem("old-cache")))
        .andExpect(jsonPath("$.nodes[?(@.blueprint == 'bp-erpnext')].config.database.engine", hasItem("postgres")))
        // The shop runs its database embedded, so its managed-MySQL dependency is skipped by its when condition.
        .andExpect(jsonPath("$.skipped[*].blueprint", org.hamcrest.Matchers.contains("bp-mysql")))
        .andExpect(jsonPath("$.configErrors", hasSize(0)));
  }

  @Test
  void explainsAConflictAsAProblem() throws Exception {
    createRepository("conflicted", "shared-blueprints", Map.of(
        "bp-old-app/blueprint.yaml", blueprint("bp-old-app", "1.0.0", "listed",
            "  depends: [{blueprint: bp-postgres, version: \"~15.13\"}]"),
        "bp-conflicted-bundle/blueprint.yaml", blueprint("bp-conflicted-bundle", "1.0.0", "listed",
            "  depends: [{blueprint: bp-old-app, version: \"^1\"}, {blueprint: bp-postgres, version: \"^17\"}]")));
    String org = token("c", "conflicted", "org-admin");
    jdbc.sql("insert into catalog_source (id, owner, repo, url, scope, organization) values "
        + "('conflicted/shared-blueprints', 'conflicted', 'shared-blueprints', :url, 'organization', 'conflicted')")
        .param("url", url("conflicted", "shared-blueprints")).update();
    mvc.perform(as(post("/api/v1/catalog/sources/conflicted/shared-blueprints/sync"), org))
        .andExpect(jsonPath("$.status", is("ok")));
    mvc.perform(as(json(post("/api/v1/catalog/blueprints/bp-conflicted-bundle/resolve"), "{}"), org))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type", is("https://catalyst.dev/problems/unresolvable-dependencies")))
        .andExpect(jsonPath("$.problems[0].kind", is("CONFLICT")))
        .andExpect(jsonPath("$.problems[0].blueprint", is("bp-postgres")))
        .andExpect(jsonPath("$.detail", containsString("~15.13 by bp-conflicted-bundle@1.0.0 → bp-old-app@1.0.0")))
        .andExpect(jsonPath("$.detail", containsString("Widen one of the ranges")));
  }

  @Test
  void validatesAConfigByJsonPointer() throws Exception {
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/validate"), """
            {"config": {"domain": "not a host name", "storage": 9000, "locale": "xx", "unknown": true}}"""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid", is(false)))
        .andExpect(jsonPath("$.version", is("6.8.2")))
        .andExpect(jsonPath("$.errors[*].pointer", hasItem("/domain")))
        .andExpect(jsonPath("$.errors[*].pointer", hasItem("/storage")))
        .andExpect(jsonPath("$.errors[*].pointer", hasItem("/locale")))
        .andExpect(jsonPath("$.errors[*].pointer", hasItem("/adminEmail")));
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/validate"), """
            {"version": "~6.7", "config": {"domain": "www.example.om", "adminEmail": "a@example.om"}}"""))
        .andExpect(jsonPath("$.valid", is(true)))
        .andExpect(jsonPath("$.version", is("6.7.2")))
        .andExpect(jsonPath("$.config.database.mode", is("managed")))
        .andExpect(jsonPath("$.config.storage", is(10)));
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/validate"), "{\"version\": \"^banana\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field", is("version")));
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/validate"), "{\"config\": [1, 2]}"))
        .andExpect(status().isBadRequest());
  }

  /**
   * Issue 13 §10: an install plan is one call. With {@code organization}, resolve answers the config's validation
   * (defaults filled) and every node's detail; its refusals are validate's (404 for an unknown Blueprint or no
   * version in the range, 400 for a bad range) and an invalid config is answered with its errors and no nodes.
   */
  @Test
  void resolvesAnInstallPlanInOneAnswerWithTheValidationAndEveryNodesDetail() throws Exception {
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-bundle-pharmacy/resolve"), """
            {"version": "^1", "organization": "muscat", "config": {"pharmacyName": "Muscat Pharmacy",
             "domain": "muscat-pharmacy.om", "adminEmail": "owner@muscat-pharmacy.om"}}"""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.resolved", is(true)))
        .andExpect(jsonPath("$.version", is("1.2.0")))
        .andExpect(jsonPath("$.validation.valid", is(true)))
        .andExpect(jsonPath("$.validation.version", is("1.2.0")))
        .andExpect(jsonPath("$.validation.config.pharmacyName", is("Muscat Pharmacy")))
        .andExpect(jsonPath("$.nodes", hasSize(6)))
        .andExpect(jsonPath("$.nodes[-1].blueprint", is("bp-bundle-pharmacy")))
        .andExpect(jsonPath("$.nodes[-1].detail.category", is("composite")))
        .andExpect(jsonPath("$.nodes[?(@.blueprint == 'bp-erpnext')].config.database.engine", hasItem("postgres")))
        .andExpect(jsonPath("$.nodes[*].detail.digest", hasSize(6)))
        .andExpect(jsonPath("$.nodes[?(@.blueprint == 'bp-postgres')].detail.name", hasItem("bp-postgres")))
        .andExpect(jsonPath("$.nodes[?(@.blueprint == 'bp-postgres')].detail.category", hasItem("database")))
        .andExpect(jsonPath("$.nodes[?(@.blueprint == 'bp-erpnext')].detail.configSchema.properties").exists());
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/resolve"), """
            {"version": "~6.7", "organization": "muscat", "config": {"domain": "www.example.om",
             "adminEmail": "a@example.om"}}"""))
        .andExpect(jsonPath("$.validation.config.storage", is(10)))
        .andExpect(jsonPath("$.nodes[-1].detail.version", is("6.7.2")));
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/resolve"), """
            {"organization": "muscat", "config": {"domain": "not a host name", "unknown": true}}"""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.resolved", is(false)))
        .andExpect(jsonPath("$.nodes", hasSize(0)))
        .andExpect(jsonPath("$.validation.valid", is(false)))
        .andExpect(jsonPath("$.validation.version", is("6.8.2")))
        .andExpect(jsonPath("$.validation.errors[*].pointer", hasItem("/domain")))
        .andExpect(jsonPath("$.validation.errors[*].pointer", hasItem("/adminEmail")));
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/resolve"),
            "{\"organization\": \"muscat\", \"version\": \"^banana\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field", is("version")));
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-wordpress/resolve"),
            "{\"organization\": \"muscat\", \"version\": \"^99\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail", containsString("bp-wordpress ^99")));
    mvc.perform(json(post("/api/v1/catalog/blueprints/bp-no-such-thing/resolve"), "{\"organization\": \"muscat\"}"))
        .andExpect(status().isNotFound());
  }
}
