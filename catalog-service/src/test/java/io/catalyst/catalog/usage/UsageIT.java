package io.catalyst.catalog.usage;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.catalog.CatalogIntegrationTest;
import io.catalyst.catalog.support.ProvisioningEventsProducer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Applications using this Blueprint in your Org", kept from provisioning's application events. */
class UsageIT extends CatalogIntegrationTest {

  @Test
  void keepsApplicationsPerOrganizationFromProvisioningEvents() throws Exception {
    Instant t = Instant.parse("2026-01-01T10:00:00Z");
    try (var events = new ProvisioningEventsProducer()) {
      events.send("application.installed.v1", "usage-muscat", "usage-muscat-prod", "application/shop", t, """
          {"application": "shop", "environment": "usage-muscat-prod", "blueprint": "bp-odoo",
           "blueprintVersion": "18.0.20250715"}""");
      events.send("application.installed.v1", "usage-muscat", "usage-muscat-dev", "application/shop", t, """
          {"application": "shop", "environment": "usage-muscat-dev", "blueprint": "bp-odoo",
           "blueprintVersion": "18.0.20250715", "status": "Running"}""");
      events.send("application.installed.v1", "usage-other", "usage-other-prod", "application/erp", t, """
          {"application": "erp", "environment": "usage-other-prod", "blueprint": "bp-odoo",
           "blueprintVersion": "18.0.20250715"}""");
      String id = events.send("application.status-changed.v1", "usage-muscat", "usage-muscat-prod",
          "application/shop", t.plusSeconds(60), """
          {"application": "shop", "environment": "usage-muscat-prod", "status": "Degraded"}""");
      // An older event arriving late never overwrites a newer state.
      events.send("application.status-changed.v1", "usage-muscat", "usage-muscat-prod", "application/shop",
          t.plusSeconds(30), """
          {"application": "shop", "environment": "usage-muscat-prod", "status": "Installing"}""");
      events.send("application.uninstalled.v1", "usage-other", "usage-other-prod", "application/erp",
          t.plusSeconds(90), """
          {"application": "erp", "environment": "usage-other-prod"}""");
    }
    String muscat = token("ahmed", "usage-muscat", "org-admin");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-odoo/applications"), muscat))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.total", is(2)))
            .andExpect(jsonPath("$.items[*].environment", contains("usage-muscat-dev", "usage-muscat-prod")))
            .andExpect(jsonPath("$.items[?(@.environment == 'usage-muscat-prod')].status", hasItem("Degraded")))
            .andExpect(jsonPath("$.items[?(@.environment == 'usage-muscat-dev')].status", hasItem("Running"))));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-odoo/applications"), token("x", "usage-other")))
            .andExpect(jsonPath("$.items", hasSize(0))));
    // The install counts drive the "popular" sort.
    mvc.perform(get("/api/v1/catalog/blueprints").param("category", "erp").param("sort", "popular"))
        .andExpect(jsonPath("$.items[0].name", is("bp-odoo")))
        .andExpect(jsonPath("$.items[0].installs", is(2)));
    mvc.perform(get("/api/v1/catalog/blueprints/bp-odoo/applications")).andExpect(status().isUnauthorized());
  }
}
