package io.catalyst.it.contracts;

import static io.catalyst.it.support.Clients.git;
import static io.catalyst.it.support.Clients.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.it.support.Clients.GitResult;
import io.catalyst.it.support.DirectMesh;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corporate SRE's journey across the real services, each its own process: she pushes a private Blueprint with
 * the real {@code git} CLI to her Organization's {@code shared-blueprints} on provisioning-service's Git host;
 * provisioning announces {@code io.catalyst.provisioning.branch.moved.v1} through its outbox; catalog-service reads it
 * with the same contract record ({@code contracts/provisioning}), registers the Organization's source on this first
 * push, fetches it from the Git host over HTTP and publishes the Blueprint as a private card that only her
 * Organization sees (404 for another).
 */
class SharedBlueprintPushIT {

  static DirectMesh mesh;

  @BeforeAll
  static void start() {
    mesh = DirectMesh.start("contracts");
  }

  @AfterAll
  static void stop() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void aBlueprintPushedWithGitIsAPrivateCardOfItsOrganizationOnly() throws Exception {
    String org = "sre-" + UUID.randomUUID().toString().substring(0, 6);
    String jwt = mesh.signUp("owner@" + org + ".example", "Frankincense-Route-2026!", org);
    String otherOrg = "other-" + UUID.randomUUID().toString().substring(0, 6);
    String other = mesh.signUp("owner@" + otherOrg + ".example", "Frankincense-Route-2026!", otherOrg);
    String pat = mesh.personalAccessToken(jwt, "push blueprints", "git:read", "git:write");
    String remote = "http://sre:" + pat + "@" + mesh.provisioning.url().replace("http://", "") + "/git/" + org
        + "/shared-blueprints.git";
    Path work = Files.createTempDirectory(mesh.data, "sre-");

    // provisioning creates the repository when it hears identity's organization.created.v1.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(git(work, "ls-remote", remote).exit()).as(mesh.provisioning.logTail()).isZero());
    GitResult clone = git(work, "clone", remote, "blueprints");
    assertThat(clone.exit()).as(clone.output()).isZero();
    Path repo = work.resolve("blueprints");
    git(repo, "config", "user.email", "sre@" + org + ".example");
    git(repo, "config", "user.name", "Site Reliability");
    String name = "bp-" + org + "-runbook";
    Files.createDirectories(repo.resolve(name));
    Files.writeString(repo.resolve(name + "/blueprint.yaml"), """
        apiVersion: catalyst.openova.io/v1alpha1
        kind: Blueprint
        metadata: {name: %s}
        spec:
          version: 1.0.0
          visibility: private
          card: {title: "Runbook", summary: "Our incident runbooks", category: testing, tags: [sre]}
          configSchema: {type: object, properties: {size: {type: integer, default: 1, maximum: 3}}}
          manifests: {source: {kind: HelmChart, repository: "https://charts.example.com", chart: runbook, version: 1.0.0}}
        """.formatted(name));
    git(repo, "add", ".");
    assertThat(git(repo, "commit", "-m", "A private Blueprint").exit()).isZero();
    String branch = git(repo, "rev-parse", "--abbrev-ref", "HEAD").output().trim();
    GitResult push = git(repo, "push", "origin", branch);
    assertThat(push.exit()).as(push.output() + "\n" + mesh.provisioning.logTail()).isZero();

    String card = mesh.catalog.url() + "/api/v1/catalog/blueprints/" + name;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      HttpResponse<String> r = send("GET", card, jwt, null);
      assertThat(r.statusCode()).as(r.body() + "\n--- catalog\n" + mesh.catalog.logTail()).isEqualTo(200);
      assertThat((String) JsonPath.read(r.body(), "$.visibility")).isEqualTo("private");
      assertThat((String) JsonPath.read(r.body(), "$.organization")).isEqualTo(org);
    });
    HttpResponse<String> report = send("GET", mesh.catalog.url() + "/api/v1/catalog/sources/" + org
        + "/shared-blueprints/sync-report", jwt, null);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat((String) JsonPath.read(report.body(), "$.trigger")).isEqualTo("push");
    assertThat(send("GET", mesh.catalog.url() + "/api/v1/catalog/blueprints?category=testing", jwt, null).body())
        .contains("\"" + name + "\"");

    HttpResponse<String> elsewhere = send("GET", card, other, null);
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(404);
    assertThat(send("GET", mesh.catalog.url() + "/api/v1/catalog/blueprints?category=testing", other, null).body())
        .doesNotContain(name);
  }
}
