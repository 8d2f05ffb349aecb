package io.catalyst.provisioning.support;

import io.catalyst.platform.testkit.ServiceProcess;
import io.catalyst.platform.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real catalog-service, started once per test JVM as its own process from its built jar (the reactor builds it
 * before this module), on the test kit's PostgreSQL, Kafka and JWKS, with the shipped catalog
 * ({@code ../catalog-content}) seeded into a local Git repository. Stopped when the JVM exits.
 */
public final class CatalogServer {

  private static volatile ServiceProcess process;

  private CatalogServer() {}

  /** The catalog's base URL, starting it on first use (and waiting until the shipped catalog is synced). */
  public static synchronized String url() {
    if (process == null) {
      try {
        Path work = Files.createTempDirectory("catalog-for-provisioning");
        String bare = work.resolve("git").resolve("catalog").resolve("blueprints.git").toUri().toString();
        List<String> args = new ArrayList<>(ServiceProcess.database("catalog_it"));
        args.addAll(ServiceProcess.kafka());
        args.addAll(List.of(
            "--catalyst.security.jwk-set-uri=" + TestTokens.jwksUri(),
            "--catalyst.security.token-uri=" + TestTokens.tokenUri(),
            "--catalyst.sovereign.public-url=" + TestTokens.ISSUER,
            "--catalyst.catalog.work-dir=" + work.resolve("work"),
            "--catalyst.catalog.seed-from=" + Path.of("..", "catalog-content").toAbsolutePath().normalize(),
            "--catalyst.catalog.sources[0].owner=catalog",
            "--catalyst.catalog.sources[0].repo=blueprints",
            "--catalyst.catalog.sources[0].url=" + bare,
            "--catalyst.catalog.organization-source-url=" + work.resolve("git").toUri() + "{owner}/{repo}.git",
            "--catalyst.catalog.sync-interval=PT1H"));
        // ready when the pharmacy bundle (synced from the seeded repository at start) can be read
        process = ServiceProcess.start("catalog-service", ServiceProcess.freePort(), args,
            "/api/v1/catalog/blueprints/bp-bundle-pharmacy");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return process.url();
  }
}
