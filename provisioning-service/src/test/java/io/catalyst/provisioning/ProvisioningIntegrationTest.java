package io.catalyst.provisioning;

import io.catalyst.platform.testkit.EmbeddedInfrastructure;
import io.catalyst.platform.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import io.catalyst.provisioning.support.CatalogServer;
import io.catalyst.provisioning.support.InstallFaults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of the module's integration tests: the service on a random port (the real {@code git}
 * CLI talks to it), real PostgreSQL and Kafka from the test kit, repositories in a temporary folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"catalyst.events.relay.interval=200ms", "catalyst.provisioning.install.lease=PT1S",
        "catalyst.provisioning.install.resume-interval=PT1H"})
@EmbeddedInfrastructure(database = "provisioning")
@Import(InstallFaults.Configuration.class)
public abstract class ProvisioningIntegrationTest {

  protected static final Path ROOT;

  static {
    try {
      ROOT = Files.createTempDirectory("provisioning-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}") protected int port;
  @Autowired protected JdbcClient jdbc;
  /** The application's mapper: the one the outbox writes event data with. */
  @Autowired protected JsonMapper jsonMapper;

  @DynamicPropertySource
  static void git(DynamicPropertyRegistry registry) {
    registry.add("catalyst.provisioning.git.root", () -> ROOT.resolve("repositories").toString());
    // The real catalog-service, its own process (started once per JVM, on first use).
    registry.add("catalyst.provisioning.catalog-url", CatalogServer::url);
    // The real identity-service (teams, SSO clients, the service kit's suspended list), its own process too.
    registry.add("catalyst.security.identity-url", io.catalyst.provisioning.support.IdentityServer::url);
  }

  protected static String token(String user, String org, String... roles) {
    return TestTokens.user(user).org(org).roles(roles).sign();
  }

  protected static String developer(String user, String org, String... environments) {
    return TestTokens.user(user).org(org).roles("org-developer").environments(environments).sign();
  }

  protected static String sovereignAdmin() {
    return TestTokens.user("sov").roles("sovereign-admin").sign();
  }

  protected HttpResponse<String> call(String method, String path, String token) {
    return call(method, path, token, null);
  }

  protected HttpResponse<String> call(String method, String path, String token, String json) {
    return call(method, path, token, json, java.util.Map.of());
  }

  protected HttpResponse<String> call(String method, String path, String token, String json,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code data} of the newest outbox event of {@code type} about {@code subject}, or null. */
  /**
   * The data of the last {@code type} event about {@code subject} in the outbox, read as the contract record
   * ({@code contracts/provisioning}) consumers read: every field it has must be one of the record's, so neither side
   * can drift without this failing.
   */
  protected <T> T outboxRecord(String type, String subject, Class<T> contract) {
    String data = outboxData(type, subject);
    org.assertj.core.api.Assertions.assertThat(data).as(type + " about " + subject).isNotNull();
    return jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(data, contract);
  }

  protected String outboxData(String type, String subject) {
    return jdbc.sql("select data from catalyst_outbox where type = :type and subject = :subject order by position desc limit 1")
        .param("type", "io.catalyst.provisioning." + type).param("subject", subject)
        .query(String.class).optional().orElse(null);
  }
}
