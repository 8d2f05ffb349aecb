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
import io.catalyst.provisioning.contract.ApplicationEvents.Installed;
import io.catalyst.provisioning.contract.ApplicationEvents.Uninstalled;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.contract.RuntimeEvents.StatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * "Applications using this Blueprint in your Org" and the install counts, kept from provisioning's application
 * events: provisioning's contract records ({@code contracts/provisioning}) as its outbox writes them.
 */
class UsageIT extends CatalogIntegrationTest {

  @Test
  void keepsApplicationsPerOrganizationFromProvisioningEvents() throws Exception {
    Instant t = Instant.parse("2026-01-01T10:00:00Z");
    try (var events = new ProvisioningEventsProducer(jsonMapper)) {
      events.send(ProvisioningEvents.APPLICATION_INSTALLED, "usage-muscat", "usage-muscat-prod", "application/shop",
          t, installed("usage-muscat", "usage-muscat-prod", "shop", "bp-odoo", null, "i-1", null));
      events.send(ProvisioningEvents.APPLICATION_INSTALLED, "usage-muscat", "usage-muscat-dev", "application/shop",
          t, installed("usage-muscat", "usage-muscat-dev", "shop", "bp-odoo", "Running", "i-2", null));
      events.send(ProvisioningEvents.APPLICATION_INSTALLED, "usage-other", "usage-other-prod", "application/erp", t,
          installed("usage-other", "usage-other-prod", "erp", "bp-odoo", null, "i-3", null));
      events.send(ProvisioningEvents.APPLICATION_STATUS_CHANGED, "usage-muscat", "usage-muscat-prod",
          "application/shop", t.plusSeconds(60), new StatusChanged("usage-muscat", "usage-muscat-prod", "shop",
              "Degraded", "Running", 1, 2, "1 of 2 pods ready", t.plusSeconds(60)));
      // An older event arriving late never overwrites a newer state.
      events.send(ProvisioningEvents.APPLICATION_STATUS_CHANGED, "usage-muscat", "usage-muscat-prod",
          "application/shop", t.plusSeconds(30), new StatusChanged("usage-muscat", "usage-muscat-prod", "shop",
              "Installing", null, 0, 1, null, t.plusSeconds(30)));
      events.send(ProvisioningEvents.APPLICATION_UNINSTALLED, "usage-other", "usage-other-prod", "application/erp",
          t.plusSeconds(90), new Uninstalled("usage-other", "usage-other-prod", "erp", "sara"));
    }
    String muscat = token("ahmed", "usage-muscat", "org-admin");
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-odoo/applications"), muscat))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.total", is(2)))
            .andExpect(jsonPath("$.items[*].environment", contains("usage-muscat-dev", "usage-muscat-prod")))
            .andExpect(jsonPath("$.items[?(@.environment == 'usage-muscat-prod')].status", hasItem("Degraded")))
            .andExpect(jsonPath("$.items[?(@.environment == 'usage-muscat-dev')].status", hasItem("Running"))));
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-odoo/applications"), token("x", "usage-other")))
            .andExpect(jsonPath("$.items", hasSize(0))));
    // The install counts drive the "popular" sort.
    mvc.perform(get("/api/v1/catalog/blueprints").param("category", "erp").param("sort", "popular"))
        .andExpect(jsonPath("$.items[0].name", is("bp-odoo")))
        .andExpect(jsonPath("$.items[0].installs", is(2)));
    mvc.perform(get("/api/v1/catalog/blueprints/bp-odoo/applications")).andExpect(status().isUnauthorized());
  }

  /** Issue 12: a bundle gets no Application of its own; each of its installs counts once, as long as a part lives. */
  @Test
  void aBundlesInstallCountMovesWithItsInstallsNotWithItsParts() throws Exception {
    Instant t = Instant.parse("2026-02-01T10:00:00Z");
    String bundle = "bp-bundle-dev-team";
    String org = "usage-bundle";
    try (var events = new ProvisioningEventsProducer(jsonMapper)) {
      // One install of the bundle in prod: two parts.
      events.send(ProvisioningEvents.APPLICATION_INSTALLED, org, org + "-prod", "application/git", t,
          installed(org, org + "-prod", "git", "bp-gitea", null, "install-1", bundle));
      events.send(ProvisioningEvents.APPLICATION_INSTALLED, org, org + "-prod", "application/sso", t,
          installed(org, org + "-prod", "sso", "bp-keycloak", null, "install-1", bundle));
      // A second install of it, in dev.
      events.send(ProvisioningEvents.APPLICATION_INSTALLED, org, org + "-dev", "application/git", t,
          installed(org, org + "-dev", "git", "bp-gitea", null, "install-2", bundle));
    }
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/" + bundle), token("b", org)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.installs", is(2))));

    try (var events = new ProvisioningEventsProducer(jsonMapper)) {
      // One part of the prod install goes: the install still counts. The dev install's only part goes: it does not.
      events.send(ProvisioningEvents.APPLICATION_UNINSTALLED, org, org + "-prod", "application/sso",
          t.plusSeconds(60), new Uninstalled(org, org + "-prod", "sso", "b"));
      events.send(ProvisioningEvents.APPLICATION_UNINSTALLED, org, org + "-dev", "application/git",
          t.plusSeconds(60), new Uninstalled(org, org + "-dev", "git", "b"));
    }
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/" + bundle), token("b", org)))
            .andExpect(jsonPath("$.installs", is(1))));
  }

  /** {@code application.installed.v1} as provisioning's install writes it. */
  private static Installed installed(String org, String env, String app, String blueprint, String status,
      String install, String bundle) {
    String version = blueprint.equals("bp-odoo") ? "18.0.20250715" : "1.0.0";
    return new Installed(org, env, app, blueprint, version, version, List.of(), org + "/" + app, status, false,
        install, bundle);
  }
}
