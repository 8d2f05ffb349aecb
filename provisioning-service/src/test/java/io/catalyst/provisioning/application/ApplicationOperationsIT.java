package io.catalyst.provisioning.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.gitops.CatalystConfig;
import io.catalyst.provisioning.support.IdentityServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Upgrade, pause/resume and transfer of ownership of installed Applications, with their authorization. */
class ApplicationOperationsIT extends ProvisioningIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PHARMACY = """
      {"blueprint":"bp-bundle-pharmacy","name":"pharmacy","config":{"pharmacyName":"Muscat Pharmacy",
       "domain":"muscat-pharmacy.om","adminEmail":"owner@muscat-pharmacy.om"}}""";

  @Autowired GitRepositories repositories;

  private String install(String org) {
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
        Map.of("Idempotency-Key", "ops-" + org));
    assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
    return env;
  }

  private static String base(String env) {
    return "/api/v1/provisioning/environments/" + env;
  }

  @Test
  void anUpgradeCommitsTheNewVersionOnDevelopKeepingTheUsersValues() throws Exception {
    String org = "upgrade-apps";
    String env = install(org);
    String developer = developer("layla", org, env);
    String path = base(env) + "/applications/pharmacy-cache/upgrade";
    RepositoryPath repo = new RepositoryPath(org, "pharmacy-cache");
    // A value of the user's in the base values (storage 7), and the dev overlay's own value.
    repositories.commit(repo, "develop", new FileChanges()
            .write("values.yaml", "architecture: standalone\npersistence: true\nstorage: 7\nmaxmemoryPolicy: allkeys-lru\n")
            .write("overlays/dev/values.yaml", "persistence: false\n"),
        new PersonIdent("layla", "layla@x"), "my values");
    String head = repositories.head(repo, "develop").orElseThrow();

    // Who may: viewers and developers bound elsewhere may not; another Organization does not see it.
    String body = "{\"version\":\"7.2.9\",\"force\":true}";
    assertThat(call("POST", path, token("v", org, "org-viewer"), body).statusCode()).isEqualTo(403);
    assertThat(call("POST", path, developer("d", org, org + "-prod"), body).statusCode()).isEqualTo(403);
    assertThat(call("POST", path, token("x", "other-org", "org-admin"), body).statusCode()).isEqualTo(404);

    // Bad input: no version 400, an unknown version 404, a downgrade without force 422.
    HttpResponse<String> missing = call("POST", path, developer, "{}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("\"field\":\"version\"");
    HttpResponse<String> unknown = call("POST", path, developer, "{\"version\":\"9.9.9\"}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.body()).contains("bp-valkey");
    HttpResponse<String> downgrade = call("POST", path, developer, "{\"version\":\"7.2.9\"}");
    assertThat(downgrade.statusCode()).as(downgrade.body()).isEqualTo(422);
    assertThat(downgrade.body()).contains("older than 8.1.3", "force");

    // The plan shows the change and commits nothing.
    HttpResponse<String> plan = call("POST", path + "/plan", developer, body);
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
    JsonNode planned = JSON.readTree(plan.body());
    assertThat(planned.get("dryRun").asBoolean()).isTrue();
    assertThat(planned.get("downgrade").asBoolean()).isTrue();
    assertThat(planned.get("files").toString()).contains("blueprint.lock.yaml", "+version: 7.2.9", "release.yaml");
    assertThat(repositories.head(repo, "develop")).hasValue(head);

    // Forced: one commit on develop, the other branches untouched.
    HttpResponse<String> done = call("POST", path, developer, body);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    JsonNode upgraded = JSON.readTree(done.body());
    String sha = upgraded.get("sha").asString();
    assertThat(upgraded.get("previousSha").asString()).isEqualTo(head);
    assertThat(upgraded.get("fromVersion").asString()).isEqualTo("8.1.3");
    assertThat(upgraded.get("toVersion").asString()).isEqualTo("7.2.9");
    assertThat(repositories.head(repo, "develop")).hasValue(sha);
    assertThat(repositories.read(repo, "develop", "blueprint.lock.yaml").orElseThrow())
        .contains("blueprint: bp-valkey", "version: 7.2.9");
    assertThat(repositories.read(repo, "develop", "release.yaml").orElseThrow()).contains("version: \"7.2.9\"");
    assertThat(repositories.read(repo, "develop", "kustomization.yaml").orElseThrow())
        .contains("openova.io/blueprint-version: \"7.2.9\"");
    assertThat(repositories.read(repo, "develop", "values.yaml").orElseThrow()).contains("storage: 7");
    assertThat(repositories.read(repo, "develop", "overlays/dev/values.yaml").orElseThrow())
        .contains("persistence: false");
    assertThat(repositories.read(repo, "main", "blueprint.lock.yaml").orElseThrow()).contains("version: 8.1.3");
    assertThat(repositories.log(repo, "develop", 0, 1).getFirst().author()).isEqualTo("layla");
    assertThat(outboxData("application.upgraded.v1", "applications/" + org + "/pharmacy-cache"))
        .contains("\"fromVersion\":\"8.1.3\"", "\"toVersion\":\"7.2.9\"", "\"forced\":true", "\"sha\":\"" + sha);

    // The detail shows the version of each branch.
    JsonNode detail = JSON.readTree(call("GET", base(env) + "/applications/pharmacy-cache", developer).body());
    assertThat(detail.get("version").asString()).isEqualTo("7.2.9");
    assertThat(detail.get("versions").get("develop").asString()).isEqualTo("7.2.9");
    assertThat(detail.get("versions").get("main").asString()).isEqualTo("8.1.3");
    assertThat(detail.get("versions").get("staging").asString()).isEqualTo("8.1.3");

    // A stale head is a conflict naming the current one.
    HttpResponse<String> stale = call("POST", path, developer, "{\"version\":\"8.1.3\",\"force\":true,"
        + "\"expectedHead\":\"" + head + "\"}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(stale.body()).get("currentHead").asString()).isEqualTo(sha);
    // Back up to 8.1.3: bp-valkey 8.1.3 upgrades only from 8.x (its upgrades.from), so from 7.2.9 it needs force.
    HttpResponse<String> noPath = call("POST", path, token("a", org, "org-admin"), "{\"version\":\"8.1.3\"}");
    assertThat(noPath.statusCode()).as(noPath.body()).isEqualTo(422);
    assertThat(noPath.body()).contains("can be upgraded to only from 8.x", "develop has 7.2.9", "force");
    assertThat(JSON.readTree(noPath.body()).get("upgradesFrom").get(0).asString()).isEqualTo("8.x");
    assertThat(repositories.head(repo, "develop").orElseThrow()).isEqualTo(sha);
    HttpResponse<String> up = call("POST", path, token("a", org, "org-admin"),
        "{\"version\":\"8.1.3\",\"force\":true}");
    assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
    assertThat(JSON.readTree(up.body()).get("downgrade").asBoolean()).isFalse();
    assertThat(JSON.readTree(up.body()).get("forced").asBoolean()).isTrue();
    assertThat(repositories.read(repo, "develop", "blueprint.lock.yaml").orElseThrow()).contains("version: 8.1.3");
  }

  @Test
  void pauseSuspendsTheKustomizationAndResumeReturnsToTheRuntimesState() throws Exception {
    String org = "pause-apps";
    String env = install(org);
    String developer = developer("layla", org, env);
    String app = base(env) + "/applications/pharmacy-shop";
    await().atMost(Duration.ofSeconds(30)).until(() ->
        JSON.readTree(call("GET", app, developer).body()).get("status").asString().equals("Running"));

    assertThat(call("POST", app + "/pause", token("v", org, "org-viewer")).statusCode()).isEqualTo(403);
    assertThat(call("POST", app + "/pause", developer("d", org, org + "-prod")).statusCode()).isEqualTo(403);
    assertThat(call("POST", app + "/pause", token("x", "other-org", "org-admin")).statusCode()).isEqualTo(404);

    HttpResponse<String> paused = call("POST", app + "/pause", developer);
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
    assertThat(JSON.readTree(paused.body()).get("status").asString()).isEqualTo("Paused");
    String manifest = repositories.read(CatalystConfig.REPOSITORY, "main",
        "environments/" + env + "/applications/pharmacy-shop.yaml").orElseThrow();
    assertThat(kustomizationSpec(manifest).get("suspend")).isEqualTo(true);
    JsonNode detail = JSON.readTree(call("GET", app, developer).body());
    assertThat(detail.get("status").asString()).isEqualTo("Paused");
    assertThat(detail.get("paused").asBoolean()).isTrue();
    assertThat(JSON.readTree(call("GET", base(env) + "/applications", developer).body()).get("statuses")
        .get("Paused").asInt()).isEqualTo(1);
    assertThat(outboxData("application.paused.v1", "applications/" + org + "/pharmacy-shop"))
        .contains("\"paused\":true", "\"by\":\"layla\"");
    assertThat(outboxData("application.status-changed.v1", "applications/" + org + "/pharmacy-shop"))
        .contains("\"status\":\"Paused\"", "\"previousStatus\":\"Running\"");
    // Again: nothing changes.
    HttpResponse<String> again = call("POST", app + "/pause", developer);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("changed").asBoolean()).isFalse();

    assertThat(call("POST", app + "/resume", token("v", org, "org-viewer")).statusCode()).isEqualTo(403);
    HttpResponse<String> resumed = call("POST", app + "/resume", token("a", org, "org-admin"));
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    assertThat(JSON.readTree(resumed.body()).get("status").asString()).isEqualTo("Running");
    assertThat(JSON.readTree(call("GET", app, developer).body()).get("status").asString()).isEqualTo("Running");
    manifest = repositories.read(CatalystConfig.REPOSITORY, "main",
        "environments/" + env + "/applications/pharmacy-shop.yaml").orElseThrow();
    assertThat(kustomizationSpec(manifest)).doesNotContainKey("suspend");
    assertThat(outboxData("application.resumed.v1", "applications/" + org + "/pharmacy-shop"))
        .contains("\"paused\":false", "\"status\":\"Running\"");
  }

  /**
   * Issue 12: a new Organization's repositories named {@code @{org}/admins} in CODEOWNERS, a team that does not exist.
   * Every CODEOWNERS line of a new Organization's repositories now names a team identity-service knows or a role.
   */
  @Test
  void everyCodeownersLineOfANewOrganizationNamesATeamOrARoleThatExists() throws Exception {
    String org = "owners-real";
    IdentityServer.organizationWithTeams(org, "team-shop");
    String admin = token("root", org, "org-admin");
    String env = org + "-prod";
    assertThat(call("POST", "/api/v1/provisioning/environments", admin,
        "{\"organization\":\"" + org + "\",\"type\":\"prod\"}").statusCode()).isIn(201, 409);
    // An org-admin in no team (the SME's first user), one in team-shop, and one naming a team.
    assertThat(call("POST", base(env) + "/applications", admin, PHARMACY, Map.of("Idempotency-Key", "own-1"))
        .statusCode()).isEqualTo(201);
    String inTeam = io.catalyst.platform.testkit.TestTokens.user("sara").org(org).roles("org-admin")
        .teams("team-shop").sign();
    assertThat(call("POST", base(env) + "/applications", inTeam, "{\"blueprint\":\"bp-valkey\",\"name\":\"shop-cache\"}")
        .statusCode()).isEqualTo(201);
    assertThat(call("POST", base(env) + "/applications", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"named-cache\",\"team\":\"team-shop\"}").statusCode()).isEqualTo(201);
    // A team identity-service does not know is refused, naming the field.
    HttpResponse<String> unknown = call("POST", base(env) + "/applications", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"nobodys-cache\",\"team\":\"team-nobody\"}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
    assertThat(unknown.body()).contains("\"field\":\"team\"", "team-nobody");

    int lines = 0;
    for (String name : repositories.list(org)) {
      RepositoryPath repo = new RepositoryPath(org, name);
      for (String branch : repositories.branches(repo)) {
        String text = repositories.read(repo, branch, "CODEOWNERS").orElse("");
        for (io.catalyst.platform.git.Codeowners.Rule rule
            : io.catalyst.platform.git.Codeowners.parse(text).rules()) {
          for (String owner : rule.owners()) {
            lines++;
            assertThat(owner).as(repo + " " + branch).startsWith("@" + org + "/");
          }
          for (String role : rule.roles()) {
            assertThat(io.catalyst.platform.core.Role.of(role)).as(repo + " " + branch + " role " + role).isPresent();
          }
          for (String team : rule.teams()) {
            assertThat(IdentityServer.get(IdentityServer.url() + "/api/v1/identity/organizations/" + org + "/teams/"
                + team).statusCode()).as(repo + " " + branch + " team " + team).isEqualTo(200);
          }
        }
      }
    }
    assertThat(lines).isGreaterThanOrEqualTo(7); // five pharmacy Applications and two caches, one rule each
    assertThat(repositories.read(new RepositoryPath(org, "pharmacy-erp"), "main", "CODEOWNERS").orElseThrow())
        .contains("* @" + org + "/role:org-admin");
    assertThat(repositories.read(new RepositoryPath(org, "shop-cache"), "main", "CODEOWNERS").orElseThrow())
        .contains("* @" + org + "/team-shop");
  }

  @Test
  void ownershipMovesToAnIdentityTeamOnEveryEnvironmentBranch() throws Exception {
    String org = "owner-apps";
    IdentityServer.organizationWithTeams(org, "team-shop");
    String env = install(org);
    String admin = token("a", org, "org-admin");
    String path = base(env) + "/applications/pharmacy-erp/owner";

    assertThat(call("PUT", path, developer("layla", org, env), "{\"team\":\"team-shop\"}").statusCode())
        .isEqualTo(403);
    assertThat(call("PUT", path, token("v", org, "org-viewer"), "{\"team\":\"team-shop\"}").statusCode())
        .isEqualTo(403);
    assertThat(call("PUT", path, token("x", "other-org", "org-admin"), "{\"team\":\"team-shop\"}").statusCode())
        .isEqualTo(404);
    HttpResponse<String> bad = call("PUT", path, admin, "{\"team\":\"Team Shop!\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"team\"");
    HttpResponse<String> unknown = call("PUT", path, admin, "{\"team\":\"team-nobody\"}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
    assertThat(unknown.body()).contains("team-nobody");

    HttpResponse<String> moved = call("PUT", path, admin, "{\"team\":\"team-shop\"}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(moved.body());
    assertThat(answer.get("previousTeam").asString()).isEqualTo("role:org-admin");
    assertThat(answer.get("owner").asString()).isEqualTo("@" + org + "/team-shop");
    RepositoryPath repo = new RepositoryPath(org, "pharmacy-erp");
    for (String branch : new String[] {"develop", "staging", "main"}) {
      assertThat(repositories.read(repo, branch, "CODEOWNERS").orElseThrow()).contains("* @" + org + "/team-shop")
          .doesNotContain("role:org-admin");
      assertThat(answer.get("commits").get(branch).asString()).isEqualTo(repositories.head(repo, branch).orElseThrow());
    }
    assertThat(outboxData("application.owner-changed.v1", "applications/" + org + "/pharmacy-erp"))
        .contains("\"team\":\"team-shop\"", "\"previousTeam\":\"role:org-admin\"");

    // The Backstage view follows.
    JsonNode items = JSON.readTree(call("GET", "/api/v1/provisioning/applications?format=backstage",
        token("v", org, "org-viewer")).body()).get("items");
    for (JsonNode item : items) {
      if (item.get("metadata").get("name").asString().equals("pharmacy-erp")) {
        assertThat(item.get("spec").get("owner").asString()).isEqualTo("group:team-shop");
      } else {
        assertThat(item.get("spec").get("owner").asString()).isEqualTo("group:org-admin");
      }
    }
    // The same team again: nothing to commit.
    assertThat(JSON.readTree(call("PUT", path, admin, "{\"team\":\"team-shop\"}").body()).get("changed")
        .asBoolean()).isFalse();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> kustomizationSpec(String manifest) {
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(manifest)) {
      Map<String, Object> m = (Map<String, Object>) doc;
      if ("Kustomization".equals(m.get("kind"))) {
        return (Map<String, Object>) m.get("spec");
      }
    }
    throw new AssertionError("No Kustomization in " + manifest);
  }
}
