package io.catalyst.provisioning.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.gitops.CatalystConfig;
import io.catalyst.provisioning.support.CatalogServer;
import io.catalyst.provisioning.support.InstallFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs against the real catalog-service (its own process, the shipped catalog): plan, apply, the pharmacy
 * bundle's repositories read back with JGit, idempotency, crash and failure, who may install, bad input.
 */
class InstallIT extends ProvisioningIntegrationTest {

  static final String PHARMACY_CONFIG = """
      {"pharmacyName": "Muscat Pharmacy", "domain": "muscat-pharmacy.om", "adminEmail": "owner@muscat-pharmacy.om"}""";
  /** The pharmacy bundle's Applications: its five members, plus WordPress under WooCommerce and WordPress's MySQL. */
  /** The seed's bundle: ERPNext + WooCommerce + Stalwart + PostgreSQL + Redis, five Applications and five repos. */
  static final List<String> PHARMACY_APPS = List.of("pharmacy-cache", "pharmacy-db", "pharmacy-erp", "pharmacy-mail",
      "pharmacy-shop");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired GitRepositories repositories;
  @Autowired InstallFaults faults;
  @Autowired InstallService installs;

  @AfterEach
  void disarm() {
    faults.disarm();
  }

  static String pharmacy(String name) {
    return "{\"blueprint\":\"bp-bundle-pharmacy\",\"version\":\"^1\",\"name\":\"" + name + "\",\"config\":"
        + PHARMACY_CONFIG + "}";
  }

  String environment(String org, String type) {
    HttpResponse<String> created = call("POST", "/api/v1/provisioning/environments", token("root", org, "org-admin"),
        "{\"organization\":\"" + org + "\",\"type\":\"" + type + "\"}");
    assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
    return org + "-" + type;
  }

  static String base(String env) {
    return "/api/v1/provisioning/environments/" + env;
  }

  @Test
  void thePharmacyBundlePlansThenInstallsAsItsApplicationsEachInItsOwnRepository() throws Exception {
    String org = "muscat-pharma";
    String env = environment(org, "prod");
    String admin = token("ahmed", org, "org-admin");

    HttpResponse<String> planned = call("POST", base(env) + "/install-plans", admin, pharmacy("pharmacy"));
    assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
    JsonNode plan = JSON.readTree(planned.body());
    assertThat(plan.get("composite").asBoolean()).isTrue();
    assertThat(names(plan.get("applications"))).containsExactlyInAnyOrderElementsOf(PHARMACY_APPS);
    assertThat(plan.get("price").get("pricingAvailable").asBoolean()).isFalse();
    assertThat(plan.get("price").get("note").asString()).contains("Pricing unavailable");
    JsonNode erp = app(plan, "pharmacy-erp");
    assertThat(erp.get("hostname").asString()).isEqualTo("pharmacy-erp." + env + ".catalyst.localhost");
    assertThat(names(erp.get("dependsOn"))).containsExactlyInAnyOrder("pharmacy-db", "pharmacy-cache");
    assertThat(erp.get("backingService").asBoolean()).isFalse();
    assertThat(app(plan, "pharmacy-db").get("backingService").asBoolean()).isTrue();
    assertThat(app(plan, "pharmacy-cache").get("backingService").asBoolean()).isTrue();
    assertThat(app(plan, "pharmacy-shop").get("backingService").asBoolean()).isFalse();
    assertThat(plan.get("edges").toString()).contains("{\"from\":\"pharmacy-erp\",\"to\":\"pharmacy-db\"}");
    // A plan changes nothing.
    assertThat(repositories.list(org)).isEmpty();
    assertThat(jdbc.sql("select count(*) from application where organization = :o").param("o", org)
        .query(Long.class).single()).isZero();

    HttpResponse<String> applied = call("POST", base(env) + "/install-plans/" + plan.get("id").asString() + "/apply",
        admin, null, Map.of("Idempotency-Key", "pharmacy-1"));
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
    assertThat(JSON.readTree(applied.body()).get("status").asString()).isEqualTo("Installed");

    // Exactly one repository per Application, none for the bundle.
    assertThat(repositories.list(org)).containsExactlyInAnyOrderElementsOf(PHARMACY_APPS);
    for (String name : PHARMACY_APPS) {
      RepositoryPath repo = new RepositoryPath(org, name);
      try (Repository r = repositories.open(repo)) {
        // Only the branches (and overlays) of the Environments the Organization has: here production.
        assertThat(r.getRefDatabase().getRefsByPrefix("refs/heads/").stream().map(Ref::getName))
            .containsExactly("refs/heads/main");
        assertThat(files(r, "main")).contains("blueprint.lock.yaml", "kustomization.yaml", "release.yaml",
            "values.yaml", "overlays/prod/values.yaml", "placement.yaml", "secrets/kustomization.yaml", "CODEOWNERS")
            .doesNotContain("overlays/dev/values.yaml", "overlays/stg/values.yaml");
      }
      // The caller is in no team: the Organization's org-admins own it (a role, which always exists).
      assertThat(repositories.read(repo, "main", "CODEOWNERS")).hasValueSatisfying(c ->
          assertThat(c).contains("* @" + org + "/role:org-admin"));
    }
    assertThat(repositories.read(new RepositoryPath(org, "pharmacy-erp"), "main", "blueprint.lock.yaml"))
        .hasValueSatisfying(l -> assertThat(l).contains("blueprint: bp-erpnext", "version: 15.70.2",
            "digest: sha256:"));
    assertThat(repositories.read(new RepositoryPath(org, "pharmacy-db"), "main", "values.yaml"))
        .hasValueSatisfying(v -> assertThat(v).contains("instances: 2", "erpnext", "stalwart"));
    assertThat(repositories.read(new RepositoryPath(org, "pharmacy-shop"), "main", "values.yaml"))
        .hasValueSatisfying(v -> assertThat(v).contains("Muscat Pharmacy"));

    // The Flux objects in the Environment's bootstrap, with dependsOn from the dependency tree.
    String folder = "environments/" + env + "/";
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main", folder + "applications/pharmacy-erp.yaml"))
        .hasValueSatisfying(m -> assertThat(m).contains("kind: GitRepository", "branch: main",
            "path: ./overlays/prod", "dependsOn:", "- name: pharmacy-db", "- name: pharmacy-cache"));
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main", folder + "applications/kustomization.yaml"))
        .hasValueSatisfying(k -> PHARMACY_APPS.forEach(a -> assertThat(k).contains("- " + a + ".yaml")));
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main", folder + "kustomization.yaml"))
        .hasValueSatisfying(k -> assertThat(k).contains("  - applications\n"));

    // Rows (Installing) and one event per Application.
    assertThat(jdbc.sql("select name from application where organization = :o and status = 'Installing'")
        .param("o", org).query(String.class).list()).containsExactlyInAnyOrderElementsOf(PHARMACY_APPS);
    assertThat(outboxData("application.installed.v1", "applications/" + org + "/pharmacy-erp"))
        .contains("\"blueprint\":\"bp-erpnext\"", "\"version\":\"15.70.2\"", "\"blueprintVersion\":\"15.70.2\"",
            "\"repo\":\"" + org + "/pharmacy-erp\"", "\"organization\":\"" + org + "\"",
            "\"environment\":\"" + env + "\"", "pharmacy-db");
    // As catalog reads it (contracts/provisioning): a part of the bundle names the bundle (its install count).
    ApplicationEvents.Installed installed = outboxRecord("application.installed.v1",
        "applications/" + org + "/pharmacy-erp", ApplicationEvents.Installed.class);
    assertThat(installed.application()).isEqualTo("pharmacy-erp");
    assertThat(installed.environment()).isEqualTo(env);
    assertThat(installed.blueprint()).isEqualTo("bp-erpnext");
    assertThat(installed.blueprintVersion()).isEqualTo("15.70.2");
    assertThat(installed.status()).isEqualTo("Installing");
    assertThat(installed.bundle()).isEqualTo("bp-bundle-pharmacy");
    assertThat(installed.install()).isNotBlank();
    assertThat(installedEvents(org)).isEqualTo(PHARMACY_APPS.size());
    String planId = plan.get("id").asString();
    // Every branch the install created is a move of its own, via the install.
    List<String> created = jdbc.sql("select data from catalyst_outbox where type = :t and subject like :s")
        .param("t", "io.catalyst.provisioning.branch.moved.v1").param("s", "repos/" + org + "/pharmacy-erp/branches/%")
        .query(String.class).list();
    assertThat(created).isNotEmpty().allSatisfy(d -> assertThat(d).contains("\"via\":\"install\"",
        "\"change\":\"created\"", "\"actor\":\"ahmed\""));
    assertThat(created).anySatisfy(d -> assertThat(d).contains("\"branch\":\"main\""));
    assertThat(outboxData("install.applied.v1", "installs/" + planId)).as("one install.applied for the plan")
        .contains("\"install\":\"" + planId + "\"", "\"environment\":\"" + env + "\"", "\"appliedBy\":\"ahmed\"",
            "\"pharmacy-erp\"");

    // Installing the same name again collides.
    HttpResponse<String> again = call("POST", base(env) + "/install-plans", admin, pharmacy("pharmacy"));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("pharmacy-erp");
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameInstallOnceAndADifferentBodyIsRefused() throws Exception {
    String org = "idem-pharma";
    String env = environment(org, "prod");
    String admin = token("ahmed", org, "org-admin");
    Map<String, String> key = Map.of("Idempotency-Key", "k-1");

    HttpResponse<String> first = call("POST", base(env) + "/applications", admin, pharmacy("shop"), key);
    HttpResponse<String> second = call("POST", base(env) + "/applications", admin, pharmacy("shop"), key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    assertThat(JSON.readTree(second.body()).get("id")).isEqualTo(JSON.readTree(first.body()).get("id"));
    assertThat(repositories.list(org)).hasSize(PHARMACY_APPS.size());
    assertThat(installedEvents(org)).isEqualTo(PHARMACY_APPS.size());

    HttpResponse<String> other = call("POST", base(env) + "/applications", admin, pharmacy("other"), key);
    assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
    assertThat(other.body()).contains("Idempotency-Key k-1 was used for a different request");
  }

  @Test
  void anAttemptThatDiesHalfwayIsFinishedByTheRetryWithTheSameKey() throws Exception {
    String org = "crash-pharma";
    String env = environment(org, "prod");
    String admin = token("ahmed", org, "org-admin");
    Map<String, String> key = Map.of("Idempotency-Key", "crash-1");
    faults.crash(InstallStep.Kind.REPOSITORY, 4); // three repositories made, then the process "dies"

    HttpResponse<String> died = call("POST", base(env) + "/applications", admin, pharmacy("pharmacy"), key);
    assertThat(died.statusCode()).isEqualTo(500);
    assertThat(repositories.list(org)).hasSize(3);

    // While the dead attempt's lease runs the install is busy; after it the retry takes over and finishes.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() ->
        call("POST", base(env) + "/applications", admin, pharmacy("pharmacy"), key).statusCode() == 201);
    assertThat(repositories.list(org)).containsExactlyInAnyOrderElementsOf(PHARMACY_APPS);
    assertThat(installedEvents(org)).isEqualTo(PHARMACY_APPS.size());
    for (String name : PHARMACY_APPS) {
      assertThat(repositories.head(new RepositoryPath(org, name), "main")).isPresent();
    }
  }

  @Test
  void theResumerFinishesAnInstallWhoseProcessDied() throws Exception {
    String org = "resume-pharma";
    String env = environment(org, "prod");
    String admin = token("ahmed", org, "org-admin");
    faults.crash(InstallStep.Kind.GITOPS, 1);

    HttpResponse<String> died = call("POST", base(env) + "/applications", admin, pharmacy("pharmacy"),
        Map.of("Idempotency-Key", "resume-1"));
    assertThat(died.statusCode()).isEqualTo(500);
    assertThat(repositories.list(org)).hasSize(PHARMACY_APPS.size());
    assertThat(installedEvents(org)).isZero();

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
        .until(() -> installs.resumeInterrupted() >= 1 || installedEvents(org) > 0);
    assertThat(jdbc.sql("select status from install where organization = :o").param("o", org)
        .query(String.class).single()).isEqualTo("Installed");
    assertThat(installedEvents(org)).isEqualTo(PHARMACY_APPS.size());
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main",
        "environments/" + env + "/applications/pharmacy-erp.yaml")).isPresent();
  }

  @Test
  void aFailureRollsBackEverythingAndLeavesNoHalfMadeApplication() throws Exception {
    String org = "fail-pharma";
    String env = environment(org, "prod");
    String admin = token("ahmed", org, "org-admin");
    Map<String, String> key = Map.of("Idempotency-Key", "fail-1");
    faults.fail(InstallStep.Kind.FINISH, 1); // every repository and the Flux objects are written, then it fails

    HttpResponse<String> failed = call("POST", base(env) + "/applications", admin, pharmacy("pharmacy"), key);

    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
    assertThat(failed.body()).contains("https://catalyst.dev/problems/install-rolled-back", "rolled back");
    assertThat(repositories.list(org)).isEmpty();
    assertThat(archived(org)).hasSize(PHARMACY_APPS.size());
    assertThat(jdbc.sql("select count(*) from application where organization = :o").param("o", org)
        .query(Long.class).single()).isZero();
    assertThat(installedEvents(org)).isZero();
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main",
        "environments/" + env + "/applications/pharmacy-erp.yaml")).isEmpty();
    String install = jdbc.sql("select id::text from install where organization = :o").param("o", org)
        .query(String.class).single();
    assertThat(outboxData("install.rolled-back.v1", "installs/" + install)).as("the rollback is announced")
        .contains("\"install\":\"" + install + "\"", "\"failedAt\":", "\"reason\":", "\"requestedBy\":\"ahmed\"");
    assertThat(outboxData("install.applied.v1", "installs/" + install)).isNull();
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main", "environments/" + env + "/kustomization.yaml"))
        .hasValueSatisfying(k -> assertThat(k).doesNotContain("  - applications\n"));

    // The same request again installs it.
    HttpResponse<String> retried = call("POST", base(env) + "/applications", admin, pharmacy("pharmacy"), key);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    assertThat(repositories.list(org)).containsExactlyInAnyOrderElementsOf(PHARMACY_APPS);
  }

  @Test
  void whoMayPlanAndInstall() {
    String org = "authz-pharma";
    String prod = environment(org, "prod");
    String dev = environment(org, "dev");
    String valkey = "{\"blueprint\":\"bp-valkey\",\"name\":\"cache\"}";

    assertThat(call("POST", base(dev) + "/install-plans", null, valkey).statusCode()).isEqualTo(401);
    assertThat(call("POST", base(dev) + "/install-plans", token("v", org, "org-viewer"), valkey).statusCode())
        .isEqualTo(403);
    assertThat(call("POST", base(dev) + "/install-plans", token("b", org, "billing-admin"), valkey).statusCode())
        .isEqualTo(403);
    assertThat(call("POST", base(prod) + "/install-plans", developer("d", org, dev), valkey).statusCode())
        .isEqualTo(403);
    assertThat(call("POST", base(dev) + "/install-plans", token("x", "other-org", "org-admin"), valkey).statusCode())
        .isEqualTo(404);
    assertThat(call("POST", base(dev) + "/applications", token("x", "other-org", "org-admin"), valkey).statusCode())
        .isEqualTo(404);
    HttpResponse<String> byDeveloper = call("POST", base(dev) + "/applications", developer("d", org, dev), valkey);
    assertThat(byDeveloper.statusCode()).as(byDeveloper.body()).isEqualTo(201);
    assertThat(call("POST", base(prod) + "/install-plans", token("a", org, "org-admin"),
        "{\"blueprint\":\"bp-valkey\",\"name\":\"cache2\"}").statusCode()).isEqualTo(201);
    assertThat(call("POST", base(prod) + "/install-plans", sovereignAdmin(),
        "{\"blueprint\":\"bp-valkey\",\"name\":\"cache3\"}").statusCode()).isEqualTo(201);
  }

  @Test
  void badInputIsAnsweredWithWhatToFix() {
    String org = "bad-input";
    String env = environment(org, "prod");
    String admin = token("a", org, "org-admin");

    HttpResponse<String> badName = call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"Bad_Name\"}");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.body()).contains("\"field\":\"name\"");

    HttpResponse<String> badConfig = call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-bundle-pharmacy\",\"name\":\"p\",\"config\":{\"pharmacyName\":\"X\","
            + "\"domain\":\"x.om\",\"adminEmail\":\"not-an-email\"}}");
    assertThat(badConfig.statusCode()).as(badConfig.body()).isEqualTo(400);
    assertThat(badConfig.body()).contains("\"pointer\":\"/config/adminEmail\"");

    HttpResponse<String> unknown = call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-no-such-thing\",\"name\":\"x\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("bp-no-such-thing");

    HttpResponse<String> noVersion = call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-valkey\",\"version\":\"^99\",\"name\":\"x\"}");
    assertThat(noVersion.statusCode()).isEqualTo(404);
    assertThat(noVersion.body()).contains("bp-valkey ^99");

    HttpResponse<String> tooLong = call("POST", base(env) + "/install-plans", admin,
        pharmacy("a-very-long-pharmacy-name-for-a-bundle"));
    assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
    assertThat(tooLong.body()).contains("shorter name");

    HttpResponse<String> badChoice = call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-bundle-pharmacy\",\"name\":\"p\",\"config\":" + PHARMACY_CONFIG
            + ",\"choices\":{\"nope\":\"new\",\"db\":\"no-such-app\"}}");
    assertThat(badChoice.statusCode()).as(badChoice.body()).isEqualTo(400);
    assertThat(badChoice.body()).contains("/choices/nope", "/choices/db");

    assertThat(call("POST", base("bad-input-uat") + "/install-plans", admin, pharmacy("p")).statusCode())
        .isEqualTo(404);
  }

  /**
   * Issue 13 §10: a plan is one round trip to the catalog — its resolve for the Organization answers the validated
   * config, the tree and every node's detail (it was validate + resolve + one detail per Blueprint, 8 calls for the
   * pharmacy). A config the catalog refuses is the same single call and the same 400 with pointers.
   */
  @Test
  void aPlanAsksTheCatalogOnce() {
    String org = "one-round-trip";
    String env = environment(org, "prod");
    String admin = token("a", org, "org-admin");
    String resolve = "POST /api/v1/catalog/blueprints/bp-bundle-pharmacy/resolve";

    int before = CatalogServer.requests().size();
    HttpResponse<String> planned = call("POST", base(env) + "/install-plans", admin, pharmacy("pharmacy"));
    assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
    assertThat(CatalogServer.requests().subList(before, CatalogServer.requests().size())).containsExactly(resolve);

    before = CatalogServer.requests().size();
    HttpResponse<String> badConfig = call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-bundle-pharmacy\",\"name\":\"p\",\"config\":{\"pharmacyName\":\"X\","
            + "\"domain\":\"x.om\",\"adminEmail\":\"not-an-email\"}}");
    assertThat(badConfig.statusCode()).as(badConfig.body()).isEqualTo(400);
    assertThat(badConfig.body()).contains("\"pointer\":\"/config/adminEmail\"");
    assertThat(CatalogServer.requests().subList(before, CatalogServer.requests().size())).containsExactly(resolve);
  }

  /**
   * Issue 12: an Application named {@code events} was installed, and its detail at {@code …/applications/events}
   * was the Environment's status stream instead. The name is reserved: 400 naming the field, nothing created.
   */
  @Test
  void anApplicationCannotBeNamedEventsWhichIsTheStatusStreamsPath() {
    String org = "reserved-names";
    String env = environment(org, "prod");
    String admin = token("a", org, "org-admin");
    for (String path : List.of("/install-plans", "/applications")) {
      HttpResponse<String> refused = call("POST", base(env) + path, admin,
          "{\"blueprint\":\"bp-valkey\",\"name\":\"events\"}");
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      JsonNode problem = JSON.readTree(refused.body());
      assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
      assertThat(problem.get("errors").get(0).get("message").asString()).contains("reserved", "status stream");
    }
    assertThat(repositories.exists(new RepositoryPath(org, "events"))).isFalse();
    assertThat(call("GET", base(env) + "/applications", admin, null).body()).doesNotContain("\"events\"");
    // A name that merely contains the word is fine.
    assertThat(call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-valkey\",\"name\":\"events-cache\"}").statusCode()).isEqualTo(201);
  }

  /**
   * Issue 12: an SME with only {@code {org}-prod} got {@code develop} and {@code staging} branches too. A new
   * Application has the branches (and overlays) of the Environments there are; an Environment created later adds its
   * branch to the Applications that exist, from the next-higher Environment's branch, with its overlay.
   */
  @Test
  void anApplicationHasTheBranchesOfTheEnvironmentsThereAreAndANewEnvironmentAddsItsOwn() throws Exception {
    String org = "sme-branches";
    String env = environment(org, "prod");
    String admin = token("ahmed", org, "org-admin");
    assertThat(call("POST", base(env) + "/applications", admin, "{\"blueprint\":\"bp-valkey\",\"name\":\"cache\"}")
        .statusCode()).isEqualTo(201);
    RepositoryPath cache = new RepositoryPath(org, "cache");
    assertThat(repositories.branches(cache)).containsExactly("main");
    try (Repository r = repositories.open(cache)) {
      assertThat(files(r, "main")).contains("overlays/prod/values.yaml")
          .noneMatch(f -> f.startsWith("overlays/") && !f.startsWith("overlays/prod/"));
    }
    // With production alone, an upgrade changes main directly (there is no develop to start from).
    HttpResponse<String> upgrade = call("POST", base(env) + "/applications/cache/upgrade/plan", admin,
        "{\"version\":\"7.2.9\",\"force\":true}");
    assertThat(upgrade.statusCode()).as(upgrade.body()).isEqualTo(200);
    assertThat(JSON.readTree(upgrade.body()).get("branch").asString()).isEqualTo("main");

    // What production runs now (a change of its own on main).
    repositories.commit(cache, "main", new io.catalyst.platform.git.FileChanges()
        .write("overlays/prod/values.yaml", "maxmemoryPolicy: allkeys-lru\n"), new org.eclipse.jgit.lib.PersonIdent(
            "ahmed", "ahmed@x"), "prod tuning");
    String mainHead = repositories.head(cache, "main").orElseThrow();

    // {org}-stg: staging starts from main, with overlays/stg/; main is not touched.
    environment(org, "stg");
    assertThat(repositories.branches(cache)).containsExactlyInAnyOrder("main", "staging");
    assertThat(repositories.head(cache, "main")).hasValue(mainHead);
    var staging = repositories.log(cache, "staging", 0, 10);
    assertThat(staging.get(1).sha()).as("staging's first commit sits on main's head").isEqualTo(mainHead);
    assertThat(staging.getFirst().message()).contains("sme-branches-stg", "staging from main", "overlays/stg/");
    assertThat(repositories.read(cache, "staging", "overlays/stg/values.yaml")).isPresent();
    assertThat(repositories.read(cache, "staging", "overlays/stg/kustomization.yaml")).hasValueSatisfying(k ->
        assertThat(k).contains("cache-environment-values"));
    assertThat(repositories.read(cache, "staging", "overlays/prod/values.yaml")).hasValue("maxmemoryPolicy: allkeys-lru\n");
    assertThat(repositories.read(cache, "main", "overlays/stg/values.yaml")).isEmpty();

    // {org}-dev: develop starts from staging, the next-higher Environment's branch.
    environment(org, "dev");
    assertThat(repositories.branches(cache)).containsExactlyInAnyOrder("main", "staging", "develop");
    assertThat(repositories.log(cache, "develop", 0, 10).get(1).sha())
        .isEqualTo(repositories.head(cache, "staging").orElseThrow());
    assertThat(repositories.read(cache, "develop", "overlays/dev/values.yaml")).isPresent();
    assertThat(JSON.readTree(call("POST", base(env) + "/applications/cache/upgrade/plan", admin,
        "{\"version\":\"7.2.9\",\"force\":true}").body()).get("branch").asString()).isEqualTo("develop");

    // An Application installed now has the three, each with the three overlays.
    assertThat(call("POST", base(env) + "/applications", admin, "{\"blueprint\":\"bp-valkey\",\"name\":\"cache2\"}")
        .statusCode()).isEqualTo(201);
    RepositoryPath cache2 = new RepositoryPath(org, "cache2");
    assertThat(repositories.branches(cache2)).containsExactlyInAnyOrder("develop", "staging", "main");
    assertThat(repositories.read(cache2, "main", "overlays/dev/values.yaml")).isPresent();
    assertThat(repositories.read(cache2, "main", "overlays/uat/values.yaml")).isEmpty();
  }

  @Test
  void aDependencyCanReuseAnApplicationThatRunsAlready() throws Exception {
    String org = "reuse-pharma";
    String env = environment(org, "prod");
    String admin = token("a", org, "org-admin");
    assertThat(call("POST", base(env) + "/applications", admin,
        "{\"blueprint\":\"bp-postgres\",\"name\":\"shared-db\"}").statusCode()).isEqualTo(201);

    HttpResponse<String> planned = call("POST", base(env) + "/install-plans", admin,
        "{\"blueprint\":\"bp-bundle-pharmacy\",\"name\":\"pharmacy\",\"config\":" + PHARMACY_CONFIG
            + ",\"choices\":{\"db\":\"shared-db\"}}");

    assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
    JsonNode plan = JSON.readTree(planned.body());
    assertThat(names(plan.get("applications"))).doesNotContain("pharmacy-db").contains("pharmacy-erp");
    assertThat(names(app(plan, "pharmacy-erp").get("dependsOn"))).contains("shared-db");
    assertThat(plan.get("reused").get(0).get("application").asString()).isEqualTo("shared-db");
  }

  private long installedEvents(String org) {
    return jdbc.sql("select count(*) from catalyst_outbox where type = :t and organization = :o")
        .param("t", "io.catalyst.provisioning.application.installed.v1").param("o", org)
        .query(Long.class).single();
  }

  private List<Path> archived(String org) throws IOException {
    Path dir = repositories.root().resolve("_archived").resolve(org);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isObject() ? n.get("name").asString() : n.asString()));
    return out;
  }

  static JsonNode app(JsonNode plan, String name) {
    for (JsonNode a : plan.get("applications")) {
      if (a.get("name").asString().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("No Application " + name + " in " + plan);
  }

  static List<String> files(Repository r, String branch) {
    try (RevWalk walk = new RevWalk(r); TreeWalk tw = new TreeWalk(r)) {
      tw.addTree(walk.parseCommit(r.exactRef("refs/heads/" + branch).getObjectId()).getTree());
      tw.setRecursive(true);
      List<String> out = new ArrayList<>();
      while (tw.next()) {
        out.add(tw.getPathString());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
