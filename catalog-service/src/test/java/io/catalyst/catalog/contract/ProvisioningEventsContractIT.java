package io.catalyst.catalog.contract;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.catalog.CatalogIntegrationTest;
import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.contract.RuntimeEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each provisioning event catalog consumes, built as provisioning builds it from its contract records
 * ({@code contracts/provisioning}) and sent the way provisioning sends it — through the transactional outbox and its
 * relay (here this process's: the same code, the same mapper) — is read by catalog's listener. provisioning's own
 * tests read the events its real code paths write back into the same records, strictly.
 */
class ProvisioningEventsContractIT extends CatalogIntegrationTest {

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;

  @Test
  void aBranchMovedInSharedBlueprintsRegistersAndSyncsThePrivateSource() throws Exception {
    String org = "contract-pharma";
    String commit = createRepository(org, "shared-blueprints", Map.of(
        "bp-contract-portal/blueprint.yaml", blueprint("bp-contract-portal", "1.0.0", "private", null)));

    // As provisioning's BranchMoves reports a push (the branch main of a repository without Environment).
    publish(ProvisioningEvents.BRANCH_MOVED, "repos/" + org + "/shared-blueprints/branches/main", org, null,
        new BranchMoved(org, "shared-blueprints", "main", null, null, commit, "created", BranchMoved.VIA_PUSH,
            "layla", Instant.now()));

    String member = token("layla", org);
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-contract-portal"), member))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.organization", is(org)))
            .andExpect(jsonPath("$.visibility", is("private"))));
    mvc.perform(as(get("/api/v1/catalog/sources/" + org + "/shared-blueprints/sync-report"), member))
        .andExpect(jsonPath("$.trigger", is("push")))
        .andExpect(jsonPath("$.commit", is(commit)));
    mvc.perform(as(get("/api/v1/catalog/blueprints/bp-contract-portal"), token("hank", "contract-other")))
        .andExpect(status().isNotFound());
  }

  @Test
  void applicationInstalledStatusChangedAndUninstalledKeepTheUsage() throws Exception {
    String org = "contract-usage";
    String env = org + "-prod";
    String subject = "applications/" + org + "/wiki";
    publish(ProvisioningEvents.APPLICATION_INSTALLED, subject, org, env,
        new ApplicationEvents.Installed(org, env, "wiki", "bp-wordpress", "6.7.2", "6.7.2", List.of("wiki-db"),
            org + "/wiki", "Installing", false, "0b9f3c1e-0000-4000-8000-000000000001", null));
    publish(ProvisioningEvents.APPLICATION_INSTALLED, "applications/" + org + "/wiki-db", org, env,
        new ApplicationEvents.Installed(org, env, "wiki-db", "bp-mysql", "8.4.3", "8.4.3", List.of(),
            org + "/wiki-db", "Installing", true, "0b9f3c1e-0000-4000-8000-000000000001", null));
    String admin = token("o", org, "org-admin");
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-wordpress/applications"), admin))
            .andExpect(jsonPath("$.total", is(1)))
            .andExpect(jsonPath("$.items[0].application", is("wiki")))
            .andExpect(jsonPath("$.items[0].environment", is(env)))
            .andExpect(jsonPath("$.items[0].version", is("6.7.2")))
            .andExpect(jsonPath("$.items[0].status", is("Installing"))));

    // As provisioning's ApplicationStatusUpdater reports a card change.
    publish(ProvisioningEvents.APPLICATION_STATUS_CHANGED, subject, org, env,
        new RuntimeEvents.StatusChanged(org, env, "wiki", "Running", "Installing", 1, 1, null, Instant.now()));
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-wordpress/applications"), admin))
            .andExpect(jsonPath("$.items[0].status", is("Running"))));

    // As provisioning's InstallActions.forget reports an uninstall.
    publish(ProvisioningEvents.APPLICATION_UNINSTALLED, subject, org, env,
        new ApplicationEvents.Uninstalled(org, env, "wiki", "o"));
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        mvc.perform(as(get("/api/v1/catalog/blueprints/bp-wordpress/applications"), admin))
            .andExpect(jsonPath("$.total", is(0))));
    mvc.perform(as(get("/api/v1/catalog/blueprints/bp-mysql/applications"), admin))
        .andExpect(jsonPath("$.items[*].application", hasItem("wiki-db")));
  }

  /** Through the outbox, on provisioning's topic, under provisioning's complete type names. */
  private void publish(String type, String subject, String org, String env, Object data) {
    tx.executeWithoutResult(s -> outbox.publishAs("provisioning", Topics.PROVISIONING,
        new CatalystEvent(type, subject, org, env, "layla", data)));
  }
}
