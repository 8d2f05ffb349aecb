package io.catalyst.it.tokens;

import io.catalyst.platform.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * identity-service, catalog-service and provisioning-service as processes wired to each other directly (no
 * gateway): identity is the issuer (its own URL is the Sovereign's public URL here), the others trust its JWKS, get
 * their client-credentials tokens from it, introspect personal access tokens and poll the suspended Organizations
 * at it. The suspension poll and the personal access token cache are short so the tests wait seconds, not minutes.
 */
final class TokenMesh implements AutoCloseable {

  static final Duration SUSPENSION_REFRESH = Duration.ofSeconds(2);
  static final Duration PAT_CACHE = Duration.ofSeconds(3);

  final ServiceProcess identity;
  final ServiceProcess catalog;
  final ServiceProcess provisioning;
  final Path data;
  final Path demoCredentials;

  private TokenMesh(ServiceProcess identity, ServiceProcess catalog, ServiceProcess provisioning, Path data,
      Path demoCredentials) {
    this.identity = identity;
    this.catalog = catalog;
    this.provisioning = provisioning;
    this.data = data;
    this.demoCredentials = demoCredentials;
  }

  static TokenMesh start() {
    try {
      Path data = Files.createTempDirectory("catalyst-it-tokens-");
      Path credentials = data.resolve("demo-credentials");
      int identityPort = ServiceProcess.freePort();
      int catalogPort = ServiceProcess.freePort();
      int provisioningPort = ServiceProcess.freePort();
      String identityUrl = "http://localhost:" + identityPort;
      String gitUrl = "http://localhost:" + provisioningPort + "/git";

      List<String> identityArgs = new ArrayList<>(common(identityUrl));
      identityArgs.addAll(ServiceProcess.database("it_tokens_identity"));
      identityArgs.addAll(List.of("--catalyst.identity.demo.enabled=true",
          "--catalyst.identity.demo.credentials-file=" + credentials, "--catalyst.identity.dev-inbox.enabled=true"));
      ServiceProcess identity = ServiceProcess.start("identity-service", identityPort, identityArgs);

      List<String> provisioningArgs = new ArrayList<>(common(identityUrl));
      provisioningArgs.addAll(ServiceProcess.database("it_tokens_provisioning"));
      provisioningArgs.addAll(List.of("--catalyst.provisioning.git.root=" + data.resolve("git"),
          "--catalyst.provisioning.catalog-url=http://localhost:" + catalogPort));
      ServiceProcess provisioning = ServiceProcess.start("provisioning-service", provisioningPort, provisioningArgs);

      List<String> catalogArgs = new ArrayList<>(common(identityUrl));
      catalogArgs.addAll(ServiceProcess.database("it_tokens_catalog"));
      catalogArgs.addAll(List.of("--catalyst.catalog.work-dir=" + data.resolve("catalog-work"),
          "--catalyst.catalog.organization-source-url=" + gitUrl + "/{owner}/{repo}.git",
          "--catalyst.catalog.sources[0].owner=catalog", "--catalyst.catalog.sources[0].repo=blueprints",
          "--catalyst.catalog.sources[0].url=" + gitUrl + "/catalog/blueprints.git"));
      ServiceProcess catalog = ServiceProcess.start("catalog-service", catalogPort, catalogArgs);
      return new TokenMesh(identity, catalog, provisioning, data, credentials);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What every process of the mesh is told: who issues tokens and where identity-service is. */
  private static List<String> common(String identityUrl) {
    List<String> args = new ArrayList<>(ServiceProcess.kafka());
    args.addAll(List.of("--catalyst.sovereign.public-url=" + identityUrl,
        "--catalyst.security.jwk-set-uri=" + identityUrl + "/oauth2/jwks",
        "--catalyst.security.token-uri=" + identityUrl + "/oauth2/token",
        "--catalyst.security.identity-url=" + identityUrl,
        "--catalyst.security.suspension-refresh=" + SUSPENSION_REFRESH.toMillis() + "ms",
        "--catalyst.security.pat-cache-ttl=" + PAT_CACHE.toMillis() + "ms"));
    return args;
  }

  /** The demo sovereign-admin's password, from the file identity-service wrote on its first start. */
  String sovereignAdminPassword() {
    try {
      return Files.readAllLines(demoCredentials).stream().filter(l -> l.startsWith("password:"))
          .map(l -> l.substring("password:".length()).trim()).findFirst()
          .orElseThrow(() -> new IllegalStateException("no password in " + demoCredentials));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String logs() {
    return "--- identity-service\n" + identity.logTail() + "\n--- catalog-service\n" + catalog.logTail()
        + "\n--- provisioning-service\n" + provisioning.logTail();
  }

  @Override
  public void close() {
    catalog.stop();
    provisioning.stop();
    identity.stop();
  }
}
