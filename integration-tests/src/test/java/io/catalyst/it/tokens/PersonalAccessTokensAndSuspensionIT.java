package io.catalyst.it.tokens;

import static io.catalyst.it.support.Clients.git;
import static io.catalyst.it.support.Clients.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.it.support.Clients.GitResult;
import io.catalyst.it.support.DirectMesh;
import io.catalyst.it.support.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issues 3 and 5 end to end, with the real identity-service: personal access tokens are accepted as bearer tokens
 * by catalog-service (within their scopes, until revoked) and as the HTTP Basic password by provisioning-service's
 * Git host (the real {@code git} CLI); a suspended Organization's still-valid JWT is refused within the suspension
 * refresh interval and accepted again after reactivation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersonalAccessTokensAndSuspensionIT {

  static DirectMesh mesh;
  static String org;
  static String jwt;

  @BeforeAll
  static void start() throws Exception {
    mesh = DirectMesh.start("tokens");
    org = "oasis-" + UUID.randomUUID().toString().substring(0, 6);
    String email = "owner@" + org + ".example";
    var signup = Mesh.signUpByEmail(mesh.identity.url(), email, "Frankincense-Route-2026!",
        "Oasis Dates", org);
    assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
    jwt = JsonPath.read(signup.body(), "$.accessToken");
  }

  @AfterAll
  static void stop() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  @Order(1)
  void aPersonalAccessTokenIsABearerTokenAtTheApiWithinItsScopes() throws Exception {
    String read = createPat("read", "api:read");
    var sources = send("GET", mesh.catalog.url() + "/api/v1/catalog/sources", read, null);
    assertThat(sources.statusCode()).as(sources.body() + "\n" + mesh.logs()).isEqualTo(200);

    var write = send("POST", mesh.catalog.url() + "/api/v1/catalog/sources/" + org + "/shared-blueprints/sync", read,
        null);
    assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
    assertThat(write.body()).contains("insufficient-scope").contains("api:write");

    String gitOnly = createPat("git only", "git:read");
    var noApi = send("GET", mesh.catalog.url() + "/api/v1/catalog/sources", gitOnly, null);
    assertThat(noApi.statusCode()).as(noApi.body()).isEqualTo(403);
    assertThat(noApi.body()).contains("api:read");

    assertThat(send("GET", mesh.catalog.url() + "/api/v1/catalog/sources", "cat_pat_" + "x".repeat(43), null)
        .statusCode()).isEqualTo(401);
  }

  @Test
  @Order(2)
  void aRevokedPersonalAccessTokenIsRefusedOnceTheCacheTimeIsUp() throws Exception {
    var created = send("POST", mesh.identity.url() + "/api/v1/identity/tokens", jwt,
        "{\"name\":\"to revoke\",\"scopes\":[\"api:read\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String pat = JsonPath.read(created.body(), "$.token");
    String id = JsonPath.read(created.body(), "$.id");
    assertThat(send("GET", mesh.catalog.url() + "/api/v1/catalog/sources", pat, null).statusCode()).isEqualTo(200);

    assertThat(send("DELETE", mesh.identity.url() + "/api/v1/identity/tokens/" + id, jwt, null).statusCode())
        .isEqualTo(204);
    long revokedAt = System.nanoTime();
    await().atMost(DirectMesh.PAT_CACHE.plusSeconds(5)).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() ->
        assertThat(send("GET", mesh.catalog.url() + "/api/v1/catalog/sources", pat, null).statusCode())
            .isEqualTo(401));
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(DirectMesh.PAT_CACHE.plusSeconds(2));
  }

  @Test
  @Order(3)
  void theGitHostTakesAPersonalAccessTokenAsTheBasicPasswordAndNeedsGitWriteToPush() throws Exception {
    String readOnly = createPat("clone", "git:read");
    String readWrite = createPat("push", "git:read", "git:write");
    String repo = "/git/" + org + "/shared-blueprints.git";
    String base = mesh.provisioning.url().replace("http://", "");
    Path work = Files.createTempDirectory(mesh.data, "clone-");

    // The repository is created by provisioning when it hears organization.created.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(git(work, "ls-remote", "http://owner:" + readOnly + "@" + base + repo).exit()).isZero());

    GitResult clone = git(work, "clone", "http://owner:" + readOnly + "@" + base + repo, "ro");
    assertThat(clone.exit()).as(clone.output()).isZero();
    Path ro = work.resolve("ro");
    git(ro, "config", "user.email", "owner@" + org + ".example");
    git(ro, "config", "user.name", "Owner");
    git(ro, "checkout", "-b", "feature/readme");
    Files.writeString(ro.resolve("NOTES.md"), "# notes\n");
    git(ro, "add", "NOTES.md");
    assertThat(git(ro, "commit", "-m", "notes").exit()).isZero();

    GitResult refused = git(ro, "push", "origin", "feature/readme");
    assertThat(refused.exit()).as(refused.output()).isNotZero();
    assertThat(refused.output()).contains("403");

    GitResult pushed = git(ro, "push", "http://owner:" + readWrite + "@" + base + repo, "feature/readme");
    assertThat(pushed.exit()).as(pushed.output() + "\n" + mesh.provisioning.logTail()).isZero();

    GitResult wrong = git(work, "ls-remote", "http://owner:cat_pat_" + "y".repeat(43) + "@" + base + repo);
    assertThat(wrong.exit()).isNotZero();
    assertThat(wrong.output()).containsAnyOf("401", "Authentication failed", "could not read Username");
  }

  @Test
  @Order(4)
  void aSuspendedOrganizationsStillValidJwtIsRefusedWithinTheRefreshAndAcceptedAfterReactivation()
      throws Exception {
    String sources = mesh.catalog.url() + "/api/v1/catalog/sources";
    assertThat(send("GET", sources, jwt, null).statusCode()).isEqualTo(200);
    String repo = "http://owner:" + jwt + "@" + mesh.provisioning.url().replace("http://", "") + "/git/" + org
        + "/shared-blueprints.git";
    Path work = Files.createTempDirectory(mesh.data, "suspension-");
    assertThat(git(work, "ls-remote", repo).exit()).as("the access token opens the Git host").isZero();
    var login = send("POST", mesh.identity.url() + "/api/v1/identity/login/password", null,
        "{\"email\":\"admin@catalyst.localhost\",\"password\":\"" + mesh.sovereignAdminPassword() + "\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String admin = JsonPath.read(login.body(), "$.accessToken");

    var suspend = send("POST", mesh.identity.url() + "/api/v1/identity/organizations/" + org + "/suspension", admin,
        "{\"reason\":\"integration test\"}");
    assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(200);
    long suspendedAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(20)).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() -> {
      var refused = send("GET", sources, jwt, null);
      assertThat(refused.statusCode()).as(refused.body() + "\n" + mesh.catalog.logTail()).isEqualTo(403);
      assertThat(refused.body()).contains("https://catalyst.dev/problems/organization-suspended");
    });
    Duration took = Duration.ofNanos(System.nanoTime() - suspendedAt);
    assertThat(took).as("refused within the refresh interval (plus a poll's time)")
        .isLessThan(DirectMesh.SUSPENSION_REFRESH.multipliedBy(3));
    assertThat(send("GET", sources, admin, null).statusCode()).as("a sovereign-admin is not refused").isEqualTo(200);
    // provisioning polls on its own schedule: the Git host closes within the same bound
    await().atMost(DirectMesh.SUSPENSION_REFRESH.multipliedBy(3)).pollInterval(200, TimeUnit.MILLISECONDS)
        .untilAsserted(() -> {
          GitResult closed = git(work, "ls-remote", repo);
          assertThat(closed.exit()).as("the Git host refuses the suspended Organization too").isNotZero();
          assertThat(closed.output()).contains("403");
        });

    assertThat(send("DELETE", mesh.identity.url() + "/api/v1/identity/organizations/" + org + "/suspension", admin,
        null).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() ->
        assertThat(send("GET", sources, jwt, null).statusCode()).isEqualTo(200));
    await().atMost(DirectMesh.SUSPENSION_REFRESH.multipliedBy(3)).pollInterval(200, TimeUnit.MILLISECONDS)
        .untilAsserted(() ->
            assertThat(git(work, "ls-remote", repo).exit()).as("and the Git host lets it in again").isZero());
  }

  private static String createPat(String name, String... scopes) throws Exception {
    var created = send("POST", mesh.identity.url() + "/api/v1/identity/tokens", jwt,
        "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JsonPath.read(created.body(), "$.token");
  }
}
