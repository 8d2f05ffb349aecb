package io.catalyst.catalog;

import io.catalyst.catalog.source.BlueprintSync;
import io.catalyst.catalog.source.LocalRepositories;
import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The one Spring context of the module's integration tests: real PostgreSQL and Kafka (test kit), the shipped
 * catalog seeded into a local bare Git repository and synced through the same JGit path as hosted sources.
 */
@SpringBootTest(properties = {"catalyst.catalog.sync-interval=PT1H"})
@AutoConfigureMockMvc
@EmbeddedInfrastructure(database = "catalog")
public abstract class CatalogIntegrationTest {

  protected static final Path ROOT;
  protected static final Path GIT;

  static {
    try {
      ROOT = Files.createTempDirectory("catalog-it");
      GIT = ROOT.resolve("git");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static volatile boolean seeded;

  @Autowired protected MockMvc mvc;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected BlueprintSync sync;
  /** The application's mapper: the one catalog's outbox writes event data with (and provisioning's, configured alike). */
  @Autowired protected JsonMapper jsonMapper;

  @DynamicPropertySource
  static void sources(DynamicPropertyRegistry registry) {
    registry.add("catalyst.catalog.work-dir", () -> ROOT.resolve("work").toString());
    registry.add("catalyst.catalog.seed-from", () -> Path.of("..", "catalog-content").toAbsolutePath().toString());
    registry.add("catalyst.catalog.sources[0].owner", () -> "catalog");
    registry.add("catalyst.catalog.sources[0].repo", () -> "blueprints");
    registry.add("catalyst.catalog.sources[0].url", () -> url("catalog", "blueprints"));
    registry.add("catalyst.catalog.organization-source-url",
        () -> GIT.toUri().toString().replaceAll("/?$", "/") + "{owner}/{repo}.git");
  }

  protected static String url(String owner, String repo) {
    return GIT.resolve(owner).resolve(repo + ".git").toUri().toString();
  }

  @BeforeEach
  void syncTheShippedCatalogOnce() {
    if (!seeded) {
      // The service seeds and syncs at start in the background; doing it here too makes the tests independent of
      // that timing (syncs of one source run one at a time and are idempotent).
      await(() -> Files.exists(GIT.resolve("catalog/blueprints.git/HEAD")));
      sync.sync("catalog/blueprints", "test", false);
      seeded = true;
    }
  }

  protected static void await(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(condition);
  }

  /** A bare repository {@code owner/repo} made from {@code files} (path → content); returns the commit. */
  protected static String createRepository(String owner, String repo, Map<String, String> files) {
    try {
      Path bare = GIT.resolve(owner).resolve(repo + ".git");
      Path work = write(files);
      return Files.exists(bare) ? LocalRepositories.commitFolder(bare, work, "main", "update")
          : LocalRepositories.createFrom(work, bare, "main", "initial");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Map<String, String> files) throws IOException {
    Path work = ROOT.resolve("content-" + UUID.randomUUID());
    for (var e : files.entrySet()) {
      Path file = work.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
    }
    return work;
  }

  protected static String token(String user, String org, String... roles) {
    return TestTokens.user(user).org(org).roles(roles.length == 0 ? new String[] {"org-developer"} : roles).sign();
  }

  protected static String sovereignAdmin() {
    return TestTokens.user("sov").roles("sovereign-admin").sign();
  }

  protected static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  protected static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  /** A minimal valid blueprint.yaml. */
  protected static String blueprint(String name, String version, String visibility, String extraSpec) {
    return """
        apiVersion: catalyst.openova.io/v1alpha1
        kind: Blueprint
        metadata: {name: %s}
        spec:
          version: %s
          visibility: %s
          card: {title: "%s", summary: "Test Blueprint %s", category: testing, tags: [test]}
          configSchema: {type: object, properties: {size: {type: integer, default: 1, maximum: 3}}}
          manifests: {source: {kind: HelmChart, repository: "https://charts.example.com", chart: x, version: 1.0.0}}
        %s""".formatted(name, version, visibility, name, name, extraSpec == null ? "" : extraSpec);
  }
}
