package io.catalyst.catalog.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.catalog.CatalogIntegrationTest;
import io.catalyst.catalog.support.ProvisioningEventsProducer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sync from a real Git repository (JGit over file://) that holds one broken blueprint.yaml. */
class GitSyncIT extends CatalogIntegrationTest {

  private static final String BROKEN = """
      apiVersion: catalyst.openova.io/v1alpha1
      kind: Blueprint
      metadata: {name: bp-acme-broken}
      spec:
        version: one
        card: {title: Broken, summary: Broken on purpose, category: testing}
        configSchema: {type: object, properties: {replicas: {type: integr}}}
        depends:
          - {blueprint: bp-postgres, version: "^99"}
        manifests: {source: {kind: HelmChart, repository: "https://charts.example.com", chart: x, version: 1.0.0}}
      """;

  @Test
  void aPushRegistersTheValidBlueprintsAndReportsTheBrokenFile() throws Exception {
    String commit = createRepository("acme", "shared-blueprints", Map.of(
        "bp-acme-portal/blueprint.yaml", blueprint("bp-acme-portal", "1.0.0", "private",
            "  depends: [{blueprint: bp-postgres, version: \"^17\", alias: db}]"),
        "bp-acme-portal/README.md", "# Acme portal\nOur customer portal.",
        "bp-acme-jobs/blueprint.yaml", blueprint("bp-acme-jobs", "2.1.0", "listed", null),
        "bp-acme-broken/blueprint.yaml", BROKEN));

    try (var events = new ProvisioningEventsProducer(jsonMapper)) {
      events.branchMoved("acme", "shared-blueprints", "main", commit);
    }
    await(() -> "rejected-files".equals(jdbc.sql(
            "select last_status from catalog_source where id = 'acme/shared-blueprints'")
        .query(String.class).optional().orElse(null)));

    String acme = token("layla", "acme");
    mvc.perform(as(get("/api/v1/catalog/sources/acme/shared-blueprints/sync-report"), acme))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status", is("rejected-files")))
        .andExpect(jsonPath("$.commit", is(commit)))
        .andExpect(jsonPath("$.trigger", is("push")))
        .andExpect(jsonPath("$.published", is(2)))
        .andExpect(jsonPath("$.files[0].path", is("bp-acme-broken/blueprint.yaml")))
        .andExpect(jsonPath("$.files[0].problems[*].pointer", hasItem("/spec/version")))
        .andExpect(jsonPath("$.files[0].problems[*].pointer", hasItem("/spec/configSchema/properties/replicas/type")))
        .andExpect(jsonPath("$.files[0].problems[*].message", hasItem(containsString("MAJOR.MINOR.PATCH"))));

    mvc.perform(as(get("/api/v1/catalog/blueprints/bp-acme-portal"), acme))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.visibility", is("private")))
        .andExpect(jsonPath("$.organization", is("acme")))
        .andExpect(jsonPath("$.readme", containsString("customer portal")));
    mvc.perform(as(get("/api/v1/catalog/blueprints/bp-acme-broken"), acme)).andExpect(status().isNotFound());

    // Another Organization sees neither the Blueprints nor the report.
    String globex = token("hank", "globex");
    mvc.perform(as(get("/api/v1/catalog/sources/acme/shared-blueprints/sync-report"), globex))
        .andExpect(status().isNotFound());
    mvc.perform(as(get("/api/v1/catalog/blueprints/bp-acme-portal"), globex)).andExpect(status().isNotFound());

    assertThat(outboxTypes("acme")).contains("io.catalyst.catalog.blueprint.version.published.v1",
        "io.catalyst.catalog.source.sync.failed.v1");
  }

  @Test
  void aPublishedVersionIsImmutable() throws Exception {
    createRepository("immutable", "shared-blueprints", Map.of(
        "bp-imm/blueprint.yaml", blueprint("bp-imm", "1.0.0", "listed", null)));
    String admin = token("ida", "immutable", "org-admin");
    SyncReportAssert.ok(mvc, jsonMapper, admin, "immutable");

    // Same version, different content: refused, the published content stays.
    createRepository("immutable", "shared-blueprints", Map.of(
        "bp-imm/blueprint.yaml", blueprint("bp-imm", "1.0.0", "listed", null).replace("maximum: 3", "maximum: 9")));
    mvc.perform(as(post("/api/v1/catalog/sources/immutable/shared-blueprints/sync"), admin))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status", is("rejected-files")))
        .andExpect(jsonPath("$.files[0].problems[0].message", containsString("already published with different")));
    mvc.perform(as(get("/api/v1/catalog/blueprints/bp-imm/versions/1.0.0"), admin))
        .andExpect(jsonPath("$.document.spec.configSchema.properties.size.maximum", is(3)));

    // A new version is published; the old one stays installable; deprecating it is a status change.
    createRepository("immutable", "shared-blueprints", Map.of(
        "bp-imm/blueprint.yaml", blueprint("bp-imm", "1.1.0", "listed", null).replace("maximum: 3", "maximum: 9"),
        "bp-imm/releases/1.0/blueprint.yaml", blueprint("bp-imm", "1.0.0", "listed", "  deprecated: use 1.1")));
    mvc.perform(as(post("/api/v1/catalog/sources/immutable/shared-blueprints/sync"), admin))
        .andExpect(jsonPath("$.status", is("ok")))
        .andExpect(jsonPath("$.published", is(1)))
        .andExpect(jsonPath("$.unchanged", is(1)));
    mvc.perform(as(get("/api/v1/catalog/blueprints/bp-imm"), admin))
        .andExpect(jsonPath("$.latestVersion", is("1.1.0")))
        .andExpect(jsonPath("$.versions[?(@.version == '1.0.0')].deprecation", hasItem("use 1.1")));
    assertThat(outboxTypes("immutable")).contains("io.catalyst.catalog.blueprint.version.deprecated.v1");

    // Only the Organization's admins and developers may trigger its sync.
    mvc.perform(as(post("/api/v1/catalog/sources/immutable/shared-blueprints/sync"),
        token("vic", "immutable", "org-viewer"))).andExpect(status().isForbidden());
  }

  @Test
  void aPrivateBlueprintCannotTakeASovereignWideName() throws Exception {
    createRepository("squatter", "shared-blueprints", Map.of(
        "bp-postgres/blueprint.yaml", blueprint("bp-postgres", "99.0.0", "private", null)));
    mvc.perform(as(post("/api/v1/catalog/sources/squatter/shared-blueprints/sync"), token("s", "squatter",
            "org-admin")))
        .andExpect(status().isNotFound()); // not registered: no push arrived for it yet
    try (var events = new ProvisioningEventsProducer(jsonMapper)) {
      events.branchMoved("squatter", "shared-blueprints", "main", "x");
    }
    await(() -> jdbc.sql("select count(*) from sync_run where source_id = 'squatter/shared-blueprints'")
        .query(Long.class).single() > 0);
    mvc.perform(as(get("/api/v1/catalog/sources/squatter/shared-blueprints/sync-report"), token("s", "squatter")))
        .andExpect(jsonPath("$.files[0].problems[0].message", containsString("Sovereign-wide Blueprint")));
  }

  private java.util.List<String> outboxTypes(String org) {
    return jdbc.sql("select type from catalyst_outbox where organization = :org").param("org", org)
        .query(String.class).list();
  }

  /** Syncs an Organization's source through the API and expects it to be clean. */
  static final class SyncReportAssert {
    static void ok(org.springframework.test.web.servlet.MockMvc mvc, tools.jackson.databind.json.JsonMapper json,
        String token, String organization)
        throws Exception {
      try (var events = new ProvisioningEventsProducer(json)) {
        events.branchMoved(organization, "shared-blueprints", "main", "head");
      }
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
          mvc.perform(as(get("/api/v1/catalog/sources/" + organization + "/shared-blueprints/sync-report"), token))
              .andExpect(jsonPath("$.status", is("ok"))));
    }
  }
}
