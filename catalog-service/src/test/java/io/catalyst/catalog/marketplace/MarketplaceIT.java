package io.catalyst.catalog.marketplace;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.catalyst.catalog.CatalogIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Search relevance, filters, facets, sort and pagination on the shipped catalog. */
class MarketplaceIT extends CatalogIntegrationTest {

  @ParameterizedTest(name = "\"{0}\" finds {1} first")
  @CsvSource({
      "postgres, bp-postgres",
      "postgresql database, bp-postgres",
      "redis, bp-valkey",
      "mail server, bp-stalwart",
      "online store, bp-woocommerce",
      "wordpress, bp-wordpress",
      "video meetings, bp-jitsi",
      "newsletter, bp-listmonk",
      "single sign-on, bp-keycloak",
      "s3 object storage, bp-minio",
      "git, bp-gitea",
      "pharmacy, bp-bundle-pharmacy",
      "booking calendar, bp-cal-com",
      "workflow automation, bp-n8n",
      "uptime monitoring, bp-uptime-kuma",
      "privacy analytics, bp-plausible",
      "bp-erpnext, bp-erpnext"})
  void findsTheObviousBlueprintFirst(String q, String expected) throws Exception {
    mvc.perform(get("/api/v1/catalog/blueprints").param("q", q))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].name", is(expected)));
  }

  @Test
  void chatFindsTheChatApps() throws Exception {
    mvc.perform(get("/api/v1/catalog/blueprints").param("q", "team chat").param("size", "2"))
        .andExpect(jsonPath("$.items[*].name", containsInAnyOrder("bp-rocket-chat", "bp-mattermost")));
  }

  @Test
  void websearchSyntaxWorksAndRegexIsJustText() throws Exception {
    mvc.perform(get("/api/v1/catalog/blueprints").param("q", "chat -mattermost"))
        .andExpect(jsonPath("$.items[*].name", hasItem("bp-rocket-chat")))
        .andExpect(jsonPath("$.items[*].name", not(hasItem("bp-mattermost"))));
    for (String hostile : new String[] {"(a+)+$", ".*", "'; drop table blueprint; --", "\"unterminated", "&|!:*"}) {
      mvc.perform(get("/api/v1/catalog/blueprints").param("q", hostile)).andExpect(status().isOk());
    }
    mvc.perform(get("/api/v1/catalog/blueprints").param("q", ".*"))
        .andExpect(jsonPath("$.total", is(0)));
  }

  @Test
  void filtersByCategoryAndTagWithFacetCounts() throws Exception {
    mvc.perform(get("/api/v1/catalog/blueprints").param("category", "database"))
        .andExpect(jsonPath("$.items[*].name", containsInAnyOrder("bp-postgres", "bp-valkey", "bp-mysql")))
        .andExpect(jsonPath("$.total", is(3)))
        .andExpect(jsonPath("$.facets.categories[?(@.value == 'composite')].count", hasItem(5)))
        .andExpect(jsonPath("$.facets.categories[?(@.value == 'database')].count", hasItem(3)))
        .andExpect(jsonPath("$.facets.tags[?(@.value == 'backing-service')].count", hasItem(3)));
    mvc.perform(get("/api/v1/catalog/blueprints").param("tag", "chat").param("tag", "slack-alternative"))
        .andExpect(jsonPath("$.items[*].name", containsInAnyOrder("bp-rocket-chat", "bp-mattermost")));
    mvc.perform(get("/api/v1/catalog/blueprints").param("category", "composite").param("q", "website"))
        .andExpect(jsonPath("$.items[0].name", is("bp-bundle-starter-pack")));
  }

  @Test
  void sortsAndPaginates() throws Exception {
    mvc.perform(get("/api/v1/catalog/blueprints").param("sort", "name").param("size", "5"))
        .andExpect(jsonPath("$.items", hasSize(5)))
        .andExpect(jsonPath("$.total", greaterThanOrEqualTo(25)))
        .andExpect(jsonPath("$.items[0].title", is("Business suite")));
    mvc.perform(get("/api/v1/catalog/blueprints").param("sort", "name").param("size", "5").param("page", "1"))
        .andExpect(jsonPath("$.page", is(1)))
        .andExpect(jsonPath("$.items", hasSize(5)));
    mvc.perform(get("/api/v1/catalog/blueprints").param("page", "50"))
        .andExpect(jsonPath("$.items", hasSize(0)))
        .andExpect(jsonPath("$.total", greaterThanOrEqualTo(25)));
    mvc.perform(get("/api/v1/catalog/blueprints").param("sort", "newest")).andExpect(status().isOk());
    mvc.perform(get("/api/v1/catalog/blueprints").param("size", "101"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field", is("size")));
    mvc.perform(get("/api/v1/catalog/blueprints").param("sort", "random")).andExpect(status().isBadRequest());
  }

  @Test
  void theDetailPageHasVersionsReadmeSchemaAndDependencies() throws Exception {
    mvc.perform(get("/api/v1/catalog/blueprints/bp-postgres"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.latestVersion", is("17.5.0")))
        .andExpect(jsonPath("$.versions[*].version", containsInAnyOrder("17.5.0", "16.9.0", "16.6.0", "15.13.0")))
        .andExpect(jsonPath("$.versions[?(@.version == '15.13.0')].deprecation", hasItem(
            org.hamcrest.Matchers.containsString("upgrade to 16 or 17"))))
        .andExpect(jsonPath("$.readme", org.hamcrest.Matchers.startsWith("# PostgreSQL")))
        .andExpect(jsonPath("$.configSchema.properties.instances.maximum", is(5)))
        .andExpect(jsonPath("$.manifests.chart", is("cluster")));
    mvc.perform(get("/api/v1/catalog/blueprints/bp-postgres").param("version", "16.9.0"))
        .andExpect(jsonPath("$.version", is("16.9.0")))
        .andExpect(jsonPath("$.readme", org.hamcrest.Matchers.startsWith("# PostgreSQL")));
    mvc.perform(get("/api/v1/catalog/blueprints/bp-bundle-pharmacy"))
        .andExpect(jsonPath("$.dependencies[*].blueprint", containsInAnyOrder("bp-erpnext", "bp-woocommerce",
            "bp-stalwart", "bp-postgres", "bp-valkey")))
        .andExpect(jsonPath("$.dependencies[?(@.blueprint == 'bp-postgres')].resolvesTo", hasItem("17.5.0")));
    mvc.perform(get("/api/v1/catalog/blueprints/bp-postgres/versions/16.6.0"))
        .andExpect(jsonPath("$.document.spec.version", is("16.6.0")))
        .andExpect(jsonPath("$.document.apiVersion", is("catalyst.openova.io/v1alpha1")));
    mvc.perform(get("/api/v1/catalog/blueprints/bp-nope")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type", is("https://catalyst.dev/problems/not-found")));
    mvc.perform(get("/api/v1/catalog/blueprints/bp-postgres").param("version", "99.0.0"))
        .andExpect(status().isNotFound());
  }

  @Test
  void everyListedCardIsSovereignWide() throws Exception {
    mvc.perform(get("/api/v1/catalog/blueprints").param("size", "100"))
        .andExpect(jsonPath("$.items[*].visibility", everyItem(is("listed"))));
  }
}
