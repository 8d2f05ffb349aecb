package io.catalyst.provisioning.support;

import io.catalyst.platform.testkit.EmbeddedKafkaServer;
import io.catalyst.platform.testkit.EmbeddedPostgresServer;
import io.catalyst.platform.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real catalog-service, started once per test JVM as its own process from its built jar (the reactor builds it
 * before this module), on the test kit's PostgreSQL, Kafka and JWKS, with the shipped catalog
 * ({@code ../catalog-content}) seeded into a local Git repository. Stopped when the JVM exits.
 */
public final class CatalogServer {

  public static final Path JAR = Path.of("..", "catalog-service", "target", "catalog-service-0.1.0-SNAPSHOT.jar");
  private static volatile String url;
  private static Process process;

  private CatalogServer() {}

  /** The catalog's base URL, starting it on first use (and waiting until the shipped catalog is synced). */
  public static synchronized String url() {
    if (url != null) {
      return url;
    }
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("catalog-service is not built: run ./mvnw -B -o -pl catalog-service -am "
          + "-DskipTests package (expected " + JAR.toAbsolutePath().normalize() + ")");
    }
    try {
      Path work = Files.createTempDirectory("catalog-for-provisioning");
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      String bare = work.resolve("git").resolve("catalog").resolve("blueprints.git").toUri().toString();
      List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
          "-jar", JAR.toAbsolutePath().normalize().toString(),
          "--server.port=" + port,
          "--spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl("catalog_it"),
          "--spring.datasource.username=postgres",
          "--spring.datasource.password=postgres",
          "--spring.kafka.bootstrap-servers=" + EmbeddedKafkaServer.bootstrapServers(),
          "--catalyst.security.jwk-set-uri=" + TestTokens.jwksUri(),
          "--catalyst.security.token-uri=" + TestTokens.tokenUri(),
          "--catalyst.sovereign.public-url=" + TestTokens.ISSUER,
          "--management.tracing.export.otlp.enabled=false",
          "--catalyst.catalog.work-dir=" + work.resolve("work"),
          "--catalyst.catalog.seed-from=" + Path.of("..", "catalog-content").toAbsolutePath().normalize(),
          "--catalyst.catalog.sources[0].owner=catalog",
          "--catalyst.catalog.sources[0].repo=blueprints",
          "--catalyst.catalog.sources[0].url=" + bare,
          "--catalyst.catalog.organization-source-url=" + work.resolve("git").toUri() + "{owner}/{repo}.git",
          "--catalyst.catalog.sync-interval=PT1H"));
      Path logFile = work.resolve("catalog.log");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(CatalogServer::stop));
      String base = "http://localhost:" + port;
      awaitCatalog(base, logFile);
      url = base;
      return url;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(Duration.ofSeconds(10))) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Ready when the pharmacy bundle (synced from the seeded repository at start) can be read. */
  private static void awaitCatalog(String base, Path logFile) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("catalog-service exited:\n" + tail(logFile));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/catalog/blueprints/bp-bundle-pharmacy")).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop();
    throw new IllegalStateException("catalog-service was not ready within 120 s:\n" + tail(logFile));
  }

  private static String tail(Path logFile) throws IOException {
    List<String> lines = Files.readAllLines(logFile);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
