package io.catalyst.it.support;

import com.jayway.jsonpath.JsonPath;
import io.catalyst.platform.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * identity-service behind the gateway, wired as {@code ./catalyst up} wires them: the Sovereign's public URL (the
 * token issuer) is the gateway's URL, the gateway checks tokens against identity-service's JWKS, exchanges the
 * console's codes, reads userinfo and introspects personal access tokens at identity-service directly, and routes
 * {@code /api/v1/identity/**}, {@code /oauth2/**}, {@code /login} to it. Started on first use, once per test JVM, on
 * the test kit's embedded PostgreSQL and Kafka; stopped when the JVM exits.
 *
 * <pre>{@code HttpResponse<String> r = Mesh.send(Mesh.request("/api/v1/identity/organizations/acme")
 *     .header("Authorization", "Bearer " + token).build());}</pre>
 */
public final class Mesh {

  /** How long the gateway remembers that a personal access token is active (identity-service's answer). */
  public static final Duration PAT_ACTIVE_CACHE = Duration.ofSeconds(3);

  /**
   * The gateway renews a session's access token (refresh token grant) once it is this old, instead of a minute
   * before it expires, so that tests see renewals without waiting 14 minutes.
   */
  public static final Duration SESSION_TOKEN_RENEWED_AFTER = Duration.ofSeconds(10);

  private static ServiceProcess identity;
  private static ServiceProcess gateway;
  private static ServiceProcess catalog;
  private static ServiceProcess provisioning;
  /** Reserved when the gateway starts (its routes name them); the services start on first use. */
  private static int catalogPort;
  private static int provisioningPort;
  private static String identityUrl;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Mesh() {}

  public static synchronized ServiceProcess identity() {
    start();
    return identity;
  }

  public static synchronized ServiceProcess gateway() {
    start();
    return gateway;
  }

  /**
   * Starts catalog-service and provisioning-service (with its Git host) behind the same gateway, on first use, and
   * waits until catalog has synced the starter catalog from the Git host.
   */
  public static synchronized void withCatalogAndProvisioning() {
    start();
    if (provisioning != null) {
      return;
    }
    try {
      java.nio.file.Path data = java.nio.file.Files.createTempDirectory("catalyst-it-mesh-");
      String gitUrl = "http://localhost:" + provisioningPort + "/git";
      List<String> provisioningArgs = new ArrayList<>(serviceArgs());
      provisioningArgs.addAll(ServiceProcess.database("it_mesh_provisioning"));
      provisioningArgs.addAll(List.of("--catalyst.provisioning.git.root=" + data.resolve("git"),
          "--catalyst.provisioning.catalog-url=http://localhost:" + catalogPort));
      provisioning = ServiceProcess.start("provisioning-service", provisioningPort, provisioningArgs);
      List<String> catalogArgs = new ArrayList<>(serviceArgs());
      catalogArgs.addAll(ServiceProcess.database("it_mesh_catalog"));
      catalogArgs.addAll(List.of("--catalyst.catalog.work-dir=" + data.resolve("catalog-work"),
          "--catalyst.catalog.organization-source-url=" + gitUrl + "/{owner}/{repo}.git",
          "--catalyst.catalog.sources[0].owner=catalog", "--catalyst.catalog.sources[0].repo=blueprints",
          "--catalyst.catalog.sources[0].url=" + gitUrl + "/catalog/blueprints.git"));
      catalog = ServiceProcess.start("catalog-service", catalogPort, catalogArgs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops catalog-service and provisioning-service. Another test class that starts its own provisioning on the same
   * Kafka must not share the consumer groups with this one (Kafka would split the partitions between them).
   */
  public static synchronized void stopCatalogAndProvisioning() {
    if (catalog != null) {
      catalog.stop();
      catalog = null;
    }
    if (provisioning != null) {
      provisioning.stop();
      provisioning = null;
    }
  }

  /** What catalog and provisioning are told: the gateway's URL is the issuer, identity-service is called directly. */
  private static List<String> serviceArgs() {
    List<String> args = new ArrayList<>(ServiceProcess.kafka());
    args.addAll(List.of("--catalyst.sovereign.public-url=" + publicUrl(),
        "--catalyst.security.jwk-set-uri=" + identityUrl + "/oauth2/jwks",
        "--catalyst.security.token-uri=" + identityUrl + "/oauth2/token",
        "--catalyst.security.identity-url=" + identityUrl));
    return args;
  }

  /** The logs' tails of every process started, for a failing assertion's message. */
  public static String logs() {
    StringBuilder b = new StringBuilder();
    for (ServiceProcess p : new ServiceProcess[] {gateway, identity, catalog, provisioning}) {
      if (p != null) {
        b.append("--- ").append(p.url()).append('\n').append(p.logTail()).append('\n');
      }
    }
    return b.toString();
  }

  /** The gateway's URL: the Sovereign's public URL and the issuer of every token. */
  public static String publicUrl() {
    return gateway().url();
  }

  private static void start() {
    if (gateway != null) {
      return;
    }
    int gatewayPort = ServiceProcess.freePort();
    int identityPort = ServiceProcess.freePort();
    catalogPort = ServiceProcess.freePort();
    provisioningPort = ServiceProcess.freePort();
    String publicUrl = "http://localhost:" + gatewayPort;
    identityUrl = "http://localhost:" + identityPort;

    List<String> identityArgs = new ArrayList<>();
    identityArgs.addAll(ServiceProcess.database("identity"));
    identityArgs.addAll(ServiceProcess.kafka());
    identityArgs.addAll(List.of(
        "--catalyst.sovereign.public-url=" + publicUrl,
        "--catalyst.identity.clients.console-redirect-uris=" + publicUrl + "/login/oauth2/code/catalyst",
        "--catalyst.identity.demo.enabled=false",
        "--catalyst.identity.dev-inbox.enabled=true"));
    identity = ServiceProcess.start("identity-service", identityPort, identityArgs);

    try {
      gateway = startGateway(gatewayPort, publicUrl, identityUrl);
    } catch (RuntimeException e) {
      identity.stop();
      identity = null;
      throw e;
    }
  }

  private static ServiceProcess startGateway(int gatewayPort, String publicUrl, String identityUrl) {
    return ServiceProcess.start("gateway", gatewayPort, List.of(
        "--catalyst.sovereign.public-url=" + publicUrl,
        // one setting: token, userinfo, revocation, introspection and JWKS URLs derive from it
        "--catalyst.security.identity-url=" + identityUrl,
        "--catalyst.gateway.pat-cache.active=" + PAT_ACTIVE_CACHE.toMillis() + "ms",
        "--catalyst.gateway.console.refresh-ahead="
            + Duration.ofMinutes(15).minus(SESSION_TOKEN_RENEWED_AFTER).toMillis() + "ms",
        "--spring.cloud.discovery.client.simple.instances.identity-service[0].uri=" + identityUrl,
        "--spring.cloud.discovery.client.simple.instances.catalog-service[0].uri=http://localhost:" + catalogPort,
        "--spring.cloud.discovery.client.simple.instances.provisioning-service[0].uri=http://localhost:"
            + provisioningPort,
        // Every test client is 127.0.0.1: one anonymous bucket for the whole suite.
        "--catalyst.gateway.rate-limit.anonymous.capacity=1000",
        "--catalyst.gateway.rate-limit.anonymous.refill-per-second=1000",
        "--catalyst.gateway.rate-limit.authenticated.capacity=1000",
        "--catalyst.gateway.rate-limit.authenticated.refill-per-second=1000"));
  }

  /** A request to {@code path} through the gateway. */
  public static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(publicUrl() + path)).timeout(Duration.ofSeconds(30));
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A user who signed up by email through the gateway, with the Organization {@code slug} (its org-admin). */
  public record User(String email, String password, String organization, String userId, String accessToken) {}

  public static User signUp(String slug) {
    String email = slug + "@example.com";
    String password = "Velvet-otter-42-lantern";
    HttpResponse<String> r = signUpByEmail(publicUrl(), email, password, "Business " + slug, slug);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("sign-up of " + slug + " answered " + r.statusCode() + ": " + r.body());
    }
    return new User(email, password, slug, JsonPath.read(r.body(), "$.userId"), JsonPath.read(r.body(),
        "$.accessToken"));
  }

  /**
   * An email sign-up at the identity-service (or gateway) at {@code baseUrl}: the code mailed to the address (its dev
   * inbox stands in for the mail provider), then the sign-up with it. Answers the sign-up's response.
   */
  public static HttpResponse<String> signUpByEmail(String baseUrl, String email, String password,
      String businessName, String organization) {
    HttpResponse<String> sent = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/identity/otp"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build());
    if (sent.statusCode() != 202) {
      throw new IllegalStateException("the code for " + email + " answered " + sent.statusCode() + ": " + sent.body());
    }
    String inbox = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/identity/dev/inbox?to=" + email))
        .timeout(Duration.ofSeconds(30)).GET().build()).body();
    String code = inbox.replaceAll("(?s).*?code is (\\d{6}).*", "$1");
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/identity/signup/email"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"email":"%s","code":"%s","password":"%s","businessName":"%s","organization":"%s"}"""
            .formatted(email, code, password, businessName, organization)))
        .build());
  }
}
