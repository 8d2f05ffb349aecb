package io.catalyst.it.support;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.platform.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * identity-service, provisioning-service and catalog-service as processes wired to each other directly (no
 * gateway): identity is the issuer (its own URL is the Sovereign's public URL here), the others trust its JWKS, get
 * their client-credentials tokens from it, introspect personal access tokens and poll the suspended Organizations
 * at it. catalog reads hosted repositories on provisioning's Git host with one service credential, a sovereign-admin's
 * {@code git:read} personal access token, and its starter catalog from {@code catalog-content}. The suspension poll
 * and the personal access token cache are short so the tests wait seconds, not minutes.
 *
 * <p>Each test class starts its own under a database prefix of its own and closes it: two provisioning processes on
 * the same Kafka would share consumer groups and split the partitions.
 */
public final class DirectMesh implements AutoCloseable {

  public static final Duration SUSPENSION_REFRESH = Duration.ofSeconds(2);
  public static final Duration PAT_CACHE = Duration.ofSeconds(3);

  public final ServiceProcess identity;
  public final ServiceProcess catalog;
  public final ServiceProcess provisioning;
  public final Path data;
  private final Path demoCredentials;

  private DirectMesh(ServiceProcess identity, ServiceProcess catalog, ServiceProcess provisioning, Path data,
      Path demoCredentials) {
    this.identity = identity;
    this.catalog = catalog;
    this.provisioning = provisioning;
    this.data = data;
    this.demoCredentials = demoCredentials;
  }

  /** Starts the three under databases {@code it_<name>_<service>}. */
  public static DirectMesh start(String name) {
    try {
      Path data = Files.createTempDirectory("catalyst-it-" + name + "-");
      Path credentials = data.resolve("demo-credentials");
      int identityPort = ServiceProcess.freePort();
      int catalogPort = ServiceProcess.freePort();
      int provisioningPort = ServiceProcess.freePort();
      String identityUrl = "http://localhost:" + identityPort;
      String gitUrl = "http://localhost:" + provisioningPort + "/git";

      List<String> identityArgs = new ArrayList<>(common(identityUrl));
      identityArgs.addAll(ServiceProcess.database("it_" + name + "_identity"));
      identityArgs.addAll(List.of("--catalyst.identity.demo.enabled=true",
          "--catalyst.identity.demo.credentials-file=" + credentials, "--catalyst.identity.dev-inbox.enabled=true"));
      ServiceProcess identity = ServiceProcess.start("identity-service", identityPort, identityArgs);

      List<String> provisioningArgs = new ArrayList<>(common(identityUrl));
      provisioningArgs.addAll(ServiceProcess.database("it_" + name + "_provisioning"));
      provisioningArgs.addAll(List.of("--catalyst.provisioning.git.root=" + data.resolve("git"),
          "--catalyst.provisioning.catalog-url=http://localhost:" + catalogPort));
      ServiceProcess provisioning = ServiceProcess.start("provisioning-service", provisioningPort, provisioningArgs);

      DirectMesh partial = new DirectMesh(identity, null, provisioning, data, credentials);
      String admin = partial.login("admin@catalyst.localhost", partial.sovereignAdminPassword());
      String catalogCredential = personalAccessToken(identity, admin, "catalog-service reads sources", "git:read");

      List<String> catalogArgs = new ArrayList<>(common(identityUrl));
      catalogArgs.addAll(ServiceProcess.database("it_" + name + "_catalog"));
      catalogArgs.addAll(List.of("--catalyst.catalog.work-dir=" + data.resolve("catalog-work"),
          "--catalyst.catalog.organization-source-url=" + gitUrl + "/{owner}/{repo}.git",
          "--catalyst.catalog.git.username=catalog-service", "--catalyst.catalog.git.password=" + catalogCredential,
          "--catalyst.catalog.seed-from=" + Path.of("..", "catalog-content").toAbsolutePath(),
          "--catalyst.catalog.sources[0].owner=catalog", "--catalyst.catalog.sources[0].repo=blueprints",
          "--catalyst.catalog.sources[0].url=" + data.resolve("catalog-blueprints.git").toUri()));
      ServiceProcess catalog = ServiceProcess.start("catalog-service", catalogPort, catalogArgs);
      return new DirectMesh(identity, catalog, provisioning, data, credentials);
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

  /** A new Organization {@code org} signed up by email (code first); answers its org-admin's access token. */
  public String signUp(String email, String password, String org) {
    HttpResponse<String> r = Mesh.signUpByEmail(identity.url(), email, password, org, org);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("sign-up of " + org + " answered " + r.statusCode() + ": " + r.body());
    }
    return JsonPath.read(r.body(), "$.accessToken");
  }

  /** A password login's access token. */
  public String login(String email, String password) {
    HttpResponse<String> r = Clients.send("POST", identity.url() + "/api/v1/identity/login/password", null,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login of " + email + " answered " + r.statusCode() + ": " + r.body());
    }
    return JsonPath.read(r.body(), "$.accessToken");
  }

  /** A personal access token of the bearer's with {@code scopes}. */
  public String personalAccessToken(String bearer, String name, String... scopes) {
    return personalAccessToken(identity, bearer, name, scopes);
  }

  private static String personalAccessToken(ServiceProcess identity, String bearer, String name, String... scopes) {
    HttpResponse<String> r = Clients.send("POST", identity.url() + "/api/v1/identity/tokens", bearer,
        "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("token " + name + " answered " + r.statusCode() + ": " + r.body());
    }
    return JsonPath.read(r.body(), "$.token");
  }

  /** The demo sovereign-admin's password, from the file identity-service wrote on its first start. */
  public String sovereignAdminPassword() {
    try {
      return Files.readAllLines(demoCredentials).stream().filter(l -> l.startsWith("password:"))
          .map(l -> l.substring("password:".length()).trim()).findFirst()
          .orElseThrow(() -> new IllegalStateException("no password in " + demoCredentials));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tails of the three logs, for an assertion's message. */
  public String logs() {
    return "--- identity-service\n" + identity.logTail() + "\n--- catalog-service\n" + catalog.logTail()
        + "\n--- provisioning-service\n" + provisioning.logTail();
  }

  @Override
  public void close() {
    for (ServiceProcess p : new ServiceProcess[] {catalog, provisioning, identity}) {
      if (p != null) {
        p.stop();
      }
    }
  }
}
