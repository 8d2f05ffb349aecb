package io.catalyst.provisioning.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Installed Applications: the Environment's list, the detail from Git, configuring with concurrency control. */
class ApplicationsIT extends ProvisioningIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PHARMACY = """
      {"blueprint":"bp-bundle-pharmacy","name":"pharmacy","config":{"pharmacyName":"Muscat Pharmacy",
       "domain":"muscat-pharmacy.om","adminEmail":"owner@muscat-pharmacy.om"}}""";

  @Autowired GitRepositories repositories;

  String install(String org) {
    String admin = token("root", org, "org-admin");
    assertThat(call("POST", "/api/v1/provisioning/environments", admin,
        "{\"organization\":\"" + org + "\",\"type\":\"dev\"}").statusCode()).isEqualTo(201);
    // An Organization's Application repositories have the branches of its Environments: these tests use three.
    for (String type : new String[] {"stg", "prod"}) {
      assertThat(call("POST", "/api/v1/provisioning/environments", admin,
          "{\"organization\":\"" + org + "\",\"type\":\"" + type + "\"}").statusCode()).isIn(201, 409);
    }
    String env = org + "-dev";
    HttpResponse<String> installed = call("POST", base(env) + "/applications", admin, PHARMACY,
        Map.of("Idempotency-Key", "apps-" + org));
    assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
    return env;
  }

  static String base(String env) {
    return "/api/v1/provisioning/environments/" + env;
  }

  @Test
  void theListGroupsByStatusAndFlagsBackingServicesWithWhoUsesThem() throws Exception {
    String org = "list-apps";
    String env = install(org);
    String viewer = token("v", org, "org-viewer");

    HttpResponse<String> list = call("GET", base(env) + "/applications", viewer);

    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    JsonNode page = JSON.readTree(list.body());
    assertThat(page.get("total").asInt()).isEqualTo(5);
    assertThat(page.get("statuses").get("Installing").asInt()).isEqualTo(5);
    JsonNode db = find(page, "pharmacy-db");
    assertThat(db.get("backingService").asBoolean()).isTrue();
    assertThat(db.get("usedBy").toString()).contains("pharmacy-erp", "pharmacy-mail");
    assertThat(find(page, "pharmacy-erp").get("backingService").asBoolean()).isFalse();

    HttpResponse<String> paged = call("GET", base(env) + "/applications?status=installing&page=1&size=3", viewer);
    assertThat(JSON.readTree(paged.body()).get("items").size()).isEqualTo(2);
    assertThat(call("GET", base(env) + "/applications?status=Running", viewer).body()).contains("\"total\":0");

    assertThat(call("GET", base(env) + "/applications", token("x", "other-org", "org-admin")).statusCode())
        .isEqualTo(404);
    assertThat(call("GET", base(env) + "/applications", token("b", org, "billing-admin")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void theDetailComesFromTheEnvironmentsBranchAndConfiguringCommitsAsTheUser() throws Exception {
    String org = "conf-apps";
    String env = install(org);
    String developer = developer("layla", org, env);

    HttpResponse<String> detail = call("GET", base(env) + "/applications/pharmacy-cache", developer);
    assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
    JsonNode d = JSON.readTree(detail.body());
    assertThat(d.get("blueprint").asString()).isEqualTo("bp-valkey");
    assertThat(d.get("version").asString()).isEqualTo("8.1.3");
    assertThat(d.get("branch").asString()).isEqualTo("develop");
    assertThat(d.get("hostname").asString()).isEqualTo("pharmacy-cache." + env + ".catalyst.localhost");
    assertThat(d.get("placement").get("mode").asString()).isEqualTo("single-region");
    assertThat(d.get("lastCommit").get("committer").asString()).isEqualTo("root");
    assertThat(d.get("history").get("total").asInt()).isEqualTo(1);
    String head = d.get("lastCommit").get("sha").asString();
    assertThat(detail.headers().firstValue("ETag")).hasValue("\"" + head + "\"");

    HttpResponse<String> configured = call("PUT", base(env) + "/applications/pharmacy-cache/config", developer,
        "{\"values\":{\"persistence\":false,\"storage\":4}}", Map.of("If-Match", "\"" + head + "\""));
    assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
    JsonNode commit = JSON.readTree(configured.body());
    String sha = commit.get("sha").asString();
    assertThat(commit.get("previousSha").asString()).isEqualTo(head);
    RepositoryPath repo = new RepositoryPath(org, "pharmacy-cache");
    assertThat(repositories.head(repo, "develop")).hasValue(sha);
    assertThat(repositories.head(repo, "main")).hasValue(head); // only the Environment's branch
    // The Environment's overlay changes; the base values.yaml changes only through an upgrade.
    assertThat(commit.get("path").asString()).isEqualTo("overlays/dev/values.yaml");
    assertThat(repositories.read(repo, "develop", "overlays/dev/values.yaml")).hasValueSatisfying(v ->
        assertThat(v).contains("persistence: false", "storage: 4"));
    assertThat(repositories.read(repo, "develop", "values.yaml")).isEqualTo(repositories.read(repo, "main",
        "values.yaml"));
    JsonNode configuredDetail = JSON.readTree(call("GET", base(env) + "/applications/pharmacy-cache", developer).body());
    assertThat(configuredDetail.get("overlayPath").asString()).isEqualTo("overlays/dev/values.yaml");
    assertThat(configuredDetail.get("effectiveConfig").get("storage").asInt()).isEqualTo(4);
    assertThat(configuredDetail.get("config").get("storage").asInt()).isEqualTo(2);
    assertThat(repositories.log(repo, "develop", 0, 1).getFirst().author()).isEqualTo("layla");
    assertThat(outboxData("application.configured.v1", "applications/" + org + "/pharmacy-cache"))
        .contains("\"sha\":\"" + sha + "\"", "\"committer\":\"layla\"");

    // An edit made on the old head: 409 naming the current head.
    HttpResponse<String> stale = call("PUT", base(env) + "/applications/pharmacy-cache/config", developer,
        "{\"values\":{\"storage\":8}}", Map.of("If-Match", "\"" + head + "\""));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(stale.body()).get("currentHead").asString()).isEqualTo(sha);

    // Values the configSchema refuses: pointer errors, nothing committed.
    HttpResponse<String> invalid = call("PUT", base(env) + "/applications/pharmacy-cache/config", developer,
        "{\"values\":{\"storage\":1000}}");
    assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
    assertThat(invalid.body()).contains("\"pointer\":\"/values/storage\"");
    assertThat(repositories.head(repo, "develop")).hasValue(sha);

    // Raw YAML works too; the history grows.
    HttpResponse<String> raw = call("PUT", base(env) + "/applications/pharmacy-cache/config", developer,
        "{\"yaml\":\"storage: 6\\n\",\"expectedHead\":\"" + sha + "\"}");
    assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
    HttpResponse<String> history = call("GET", base(env) + "/applications/pharmacy-cache/history?size=2", developer);
    assertThat(JSON.readTree(history.body()).get("total").asInt()).isEqualTo(3);
    assertThat(JSON.readTree(history.body()).get("items").size()).isEqualTo(2);

    // Who may configure: viewers and unbound developers may not; another Organization does not see it.
    String body = "{\"values\":{\"storage\":3}}";
    assertThat(call("PUT", base(env) + "/applications/pharmacy-cache/config", token("v", org, "org-viewer"), body)
        .statusCode()).isEqualTo(403);
    assertThat(call("PUT", base(env) + "/applications/pharmacy-cache/config", developer("d", org, org + "-prod"),
        body).statusCode()).isEqualTo(403);
    assertThat(call("PUT", base(env) + "/applications/pharmacy-cache/config", token("x", "other-org", "org-admin"),
        body).statusCode()).isEqualTo(404);
    assertThat(call("GET", base(env) + "/applications/pharmacy-cache", token("x", "other-org", "org-admin"))
        .statusCode()).isEqualTo(404);
    assertThat(call("GET", base(env) + "/applications/nope", developer).statusCode()).isEqualTo(404);
  }

  @Test
  void backstageGetsComponentEntitiesOwnedByTheCodeownersTeam() throws Exception {
    String org = "portal-apps";
    String env = install(org);

    HttpResponse<String> response = call("GET", "/api/v1/provisioning/applications?format=backstage",
        token("v", org, "org-viewer"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode items = JSON.readTree(response.body()).get("items");
    assertThat(items.size()).isEqualTo(5);
    JsonNode erp = null;
    for (JsonNode item : items) {
      if (item.get("metadata").get("name").asString().equals("pharmacy-erp")) {
        erp = item;
      }
    }
    assertThat(erp).isNotNull();
    assertThat(erp.get("kind").asString()).isEqualTo("Component");
    assertThat(erp.get("spec").get("owner").asString()).as("no team chosen: the org-admins' role owns it")
        .isEqualTo("group:org-admin");
    assertThat(erp.get("spec").get("system").asString()).isEqualTo(org);
    assertThat(erp.get("spec").get("lifecycle").asString()).isEqualTo("development");
    assertThat(erp.get("spec").get("dependsOn").toString()).contains("component:" + org + "/pharmacy-db");
    assertThat(erp.get("metadata").get("annotations").get("catalyst.dev/environment").asString()).isEqualTo(env);

    assertThat(call("GET", "/api/v1/provisioning/applications?organization=" + org,
        token("x", "other-org", "org-admin")).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/api/v1/provisioning/applications", token("x", "other-org", "org-admin")).body())
        .contains("\"total\":0");
  }

  @Test
  void aPlannedChangeShowsTheDiffWithoutCommittingAndUninstallArchivesTheRepository() throws Exception {
    String org = "change-apps";
    String env = install(org);
    String admin = token("a", org, "org-admin");
    RepositoryPath cache = new RepositoryPath(org, "pharmacy-cache");
    String head = repositories.head(cache, "develop").orElseThrow();

    HttpResponse<String> planned = call("POST", base(env) + "/applications/pharmacy-cache/config/plan", admin,
        "{\"values\":{\"persistence\":false,\"maxmemoryPolicy\":\"allkeys-lru\",\"storage\":4}}");

    assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
    JsonNode change = JSON.readTree(planned.body());
    assertThat(change.get("head").asString()).isEqualTo(head);
    assertThat(change.get("files").get(0).get("path").asString()).isEqualTo("overlays/dev/values.yaml");
    assertThat(change.get("files").get(0).get("diff").asString())
        .contains("+storage: 4", "--- a/overlays/dev/values.yaml");
    assertThat(change.get("values").toString()).contains("{\"pointer\":\"/storage\",\"from\":2,\"to\":4}");
    assertThat(change.get("usedBy").toString()).contains("pharmacy-erp");
    assertThat(change.get("price").get("pricingAvailable").asBoolean()).isFalse();
    assertThat(repositories.head(cache, "develop")).hasValue(head);
    assertThat(call("POST", base(env) + "/applications/pharmacy-cache/config/plan", token("v", org, "org-viewer"),
        "{\"values\":{}}").statusCode()).isEqualTo(403);

    // Uninstall: refused while others depend on it; otherwise the repository is archived, never deleted.
    HttpResponse<String> used = call("DELETE", base(env) + "/applications/pharmacy-db", admin);
    assertThat(used.statusCode()).isEqualTo(409);
    assertThat(used.body()).contains("pharmacy-erp", "pharmacy-mail");
    assertThat(call("DELETE", base(env) + "/applications/pharmacy-shop", token("v", org, "org-viewer")).statusCode())
        .isEqualTo(403);
    assertThat(call("DELETE", base(env) + "/applications/pharmacy-shop", token("x", "other-org", "org-admin"))
        .statusCode()).isEqualTo(404);

    HttpResponse<String> gone = call("DELETE", base(env) + "/applications/pharmacy-shop", admin);
    assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
    assertThat(JSON.readTree(gone.body()).get("archivedAs").asString())
        .startsWith("_archived/" + org + "/pharmacy-shop-uninstalled-");
    assertThat(repositories.exists(new RepositoryPath(org, "pharmacy-shop"))).isFalse();
    assertThat(repositories.read(io.catalyst.provisioning.gitops.CatalystConfig.REPOSITORY, "main",
        "environments/" + env + "/applications/pharmacy-shop.yaml")).isEmpty();
    assertThat(outboxData("application.uninstalled.v1", "applications/" + org + "/pharmacy-shop"))
        .contains("\"application\":\"pharmacy-shop\"", "\"environment\":\"" + env + "\"");
    assertThat(outboxRecord("application.uninstalled.v1", "applications/" + org + "/pharmacy-shop",
        io.catalyst.provisioning.contract.ApplicationEvents.Uninstalled.class))
        .extracting("organization", "environment", "application").containsExactly(org, env, "pharmacy-shop");
    assertThat(JSON.readTree(call("GET", base(env) + "/applications", admin).body()).get("total").asInt())
        .isEqualTo(4);
    assertThat(call("DELETE", base(env) + "/applications/pharmacy-shop", admin).statusCode()).isEqualTo(404);
  }

  private static JsonNode find(JsonNode page, String name) {
    for (JsonNode item : page.get("items")) {
      if (item.get("name").asString().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("No " + name + " in " + page);
  }
}
