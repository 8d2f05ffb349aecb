package io.catalyst.it.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.platform.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corporate SRE's journey across the real services, each its own process: she pushes a private Blueprint with
 * the real {@code git} CLI to her Organization's {@code shared-blueprints} on provisioning-service's Git host;
 * provisioning announces {@code io.catalyst.provisioning.git.pushed.v1} through its outbox; catalog-service reads it
 * with the same contract record ({@code contracts/provisioning}), registers the Organization's source on this first
 * push, fetches it from the Git host over HTTP and publishes the Blueprint as a private card that only her
 * Organization sees (404 for another).
 */
class SharedBlueprintPushIT {

  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static Path data;
  static ServiceProcess identity;
  static ServiceProcess provisioning;
  static ServiceProcess catalog;

  @BeforeAll
  static void start() throws Exception {
    data = Files.createTempDirectory("catalyst-it-shared-blueprints-");
    Path credentials = data.resolve("demo-credentials");
    int identityPort = ServiceProcess.freePort();
    int catalogPort = ServiceProcess.freePort();
    int provisioningPort = ServiceProcess.freePort();
    String identityUrl = "http://localhost:" + identityPort;
    String gitUrl = "http://localhost:" + provisioningPort + "/git";

    List<String> identityArgs = new ArrayList<>(common(identityUrl));
    identityArgs.addAll(ServiceProcess.database("it_contracts_identity"));
    identityArgs.addAll(List.of("--catalyst.identity.demo.enabled=true",
        "--catalyst.identity.demo.credentials-file=" + credentials, "--catalyst.identity.dev-inbox.enabled=true"));
    identity = ServiceProcess.start("identity-service", identityPort, identityArgs);

    List<String> provisioningArgs = new ArrayList<>(common(identityUrl));
    provisioningArgs.addAll(ServiceProcess.database("it_contracts_provisioning"));
    provisioningArgs.addAll(List.of("--catalyst.provisioning.git.root=" + data.resolve("git"),
        "--catalyst.provisioning.catalog-url=http://localhost:" + catalogPort));
    provisioning = ServiceProcess.start("provisioning-service", provisioningPort, provisioningArgs);

    // catalog reads hosted repositories with one service credential: here a sovereign-admin's git:read token.
    String admin = login("admin@catalyst.localhost", adminPassword(credentials));
    String catalogCredential = personalAccessToken(admin, "catalog-service reads sources", "git:read");

    List<String> catalogArgs = new ArrayList<>(common(identityUrl));
    catalogArgs.addAll(ServiceProcess.database("it_contracts_catalog"));
    catalogArgs.addAll(List.of("--catalyst.catalog.work-dir=" + data.resolve("catalog-work"),
        "--catalyst.catalog.organization-source-url=" + gitUrl + "/{owner}/{repo}.git",
        "--catalyst.catalog.git.username=catalog-service", "--catalyst.catalog.git.password=" + catalogCredential,
        "--catalyst.catalog.seed-from=" + Path.of("..", "catalog-content").toAbsolutePath(),
        "--catalyst.catalog.sources[0].owner=catalog", "--catalyst.catalog.sources[0].repo=blueprints",
        "--catalyst.catalog.sources[0].url=" + data.resolve("catalog-blueprints.git").toUri()));
    catalog = ServiceProcess.start("catalog-service", catalogPort, catalogArgs);
  }

  @AfterAll
  static void stop() {
    for (ServiceProcess p : new ServiceProcess[] {catalog, provisioning, identity}) {
      if (p != null) {
        p.stop();
      }
    }
  }

  @Test
  void aBlueprintPushedWithGitIsAPrivateCardOfItsOrganizationOnly() throws Exception {
    String org = "sre-" + UUID.randomUUID().toString().substring(0, 6);
    String jwt = signUp(org);
    String other = signUp("other-" + UUID.randomUUID().toString().substring(0, 6));
    String pat = personalAccessToken(jwt, "push blueprints", "git:read", "git:write");
    String remote = "http://sre:" + pat + "@" + provisioning.url().replace("http://", "") + "/git/" + org
        + "/shared-blueprints.git";
    Path work = Files.createTempDirectory(data, "sre-");

    // provisioning creates the repository when it hears identity's organization.created.v1.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(git(work, "ls-remote", remote).exit).as(provisioning.logTail()).isZero());
    Result clone = git(work, "clone", remote, "blueprints");
    assertThat(clone.exit).as(clone.output).isZero();
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
    assertThat(git(repo, "commit", "-m", "A private Blueprint").exit).isZero();
    String branch = git(repo, "rev-parse", "--abbrev-ref", "HEAD").output.trim();
    Result push = git(repo, "push", "origin", branch);
    assertThat(push.exit).as(push.output + "\n" + provisioning.logTail()).isZero();

    String card = catalog.url() + "/api/v1/catalog/blueprints/" + name;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      HttpResponse<String> r = send("GET", card, jwt, null);
      assertThat(r.statusCode()).as(r.body() + "\n--- catalog\n" + catalog.logTail()).isEqualTo(200);
      assertThat((String) JsonPath.read(r.body(), "$.visibility")).isEqualTo("private");
      assertThat((String) JsonPath.read(r.body(), "$.organization")).isEqualTo(org);
    });
    HttpResponse<String> report = send("GET", catalog.url() + "/api/v1/catalog/sources/" + org
        + "/shared-blueprints/sync-report", jwt, null);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat((String) JsonPath.read(report.body(), "$.trigger")).isEqualTo("push");
    assertThat(send("GET", catalog.url() + "/api/v1/catalog/blueprints?category=testing", jwt, null).body())
        .contains("\"" + name + "\"");

    HttpResponse<String> elsewhere = send("GET", card, other, null);
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(404);
    assertThat(send("GET", catalog.url() + "/api/v1/catalog/blueprints?category=testing", other, null).body())
        .doesNotContain(name);
  }

  /** What every process is told: who issues tokens and where identity-service is. */
  private static List<String> common(String identityUrl) {
    List<String> args = new ArrayList<>(ServiceProcess.kafka());
    args.addAll(List.of("--catalyst.sovereign.public-url=" + identityUrl,
        "--catalyst.security.jwk-set-uri=" + identityUrl + "/oauth2/jwks",
        "--catalyst.security.token-uri=" + identityUrl + "/oauth2/token",
        "--catalyst.security.identity-url=" + identityUrl));
    return args;
  }

  private static String signUp(String org) throws Exception {
    HttpResponse<String> r = io.catalyst.it.support.Mesh.signUpByEmail(identity.url(), "owner@" + org + ".example",
        "Frankincense-Route-2026!", org, org);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JsonPath.read(r.body(), "$.accessToken");
  }

  private static String login(String email, String password) throws Exception {
    HttpResponse<String> r = send("POST", identity.url() + "/api/v1/identity/login/password", null,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonPath.read(r.body(), "$.accessToken");
  }

  private static String personalAccessToken(String bearer, String name, String... scopes) throws Exception {
    HttpResponse<String> r = send("POST", identity.url() + "/api/v1/identity/tokens", bearer,
        "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JsonPath.read(r.body(), "$.token");
  }

  private static String adminPassword(Path credentials) throws IOException {
    return Files.readAllLines(credentials).stream().filter(l -> l.startsWith("password:"))
        .map(l -> l.substring("password:".length()).trim()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no password in " + credentials));
  }

  static HttpResponse<String> send(String method, String url, String bearer, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  record Result(int exit, String output) {}

  /** The real {@code git} CLI, never prompting for credentials. */
  static Result git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c", "protocol.version=2"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    builder.environment().put("GIT_ASKPASS", "/bin/false");
    builder.environment().put("HOME", dir.toFile().getAbsolutePath());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, output + "\n(timed out)");
    }
    return new Result(process.exitValue(), output);
  }
}
