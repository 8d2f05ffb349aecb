package io.catalyst.identity.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak (the distribution zip from Maven Central, unpacked into {@code target/keycloak} by the build) as
 * the upstream OpenID Connect provider: {@code kc.sh start-dev} on free ports with the realm of
 * {@code federation/bank-dhofar-realm.json}, on the JDK running the tests, heap capped at 512 MB. Started once per
 * test JVM (in the background, so it boots while the Spring context does) and stopped when the JVM ends.
 *
 * <p>The unpacked distribution and its H2 data stay in {@code target/} between runs, so after the first run neither
 * Keycloak's start-dev build nor its schema and realm import are repeated; a changed realm file starts from empty
 * data.
 */
final class KeycloakServer {

  static final String REALM = "bank-dhofar";
  static final String CLIENT_ID = "catalyst-identity";
  static final String CLIENT_SECRET = "catalyst-federation-test-secret";
  private static final String REALM_FILE = "/federation/bank-dhofar-realm.json";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private static CompletableFuture<KeycloakServer> starting;

  private final Process process;
  private final int port;
  private final Duration startTime;

  private KeycloakServer(Process process, int port, Duration startTime) {
    this.process = process;
    this.port = port;
    this.startTime = startTime;
  }

  /** Starts Keycloak in the background (once per JVM); {@link #get()} waits for it. */
  static synchronized void startInBackground() {
    if (starting == null) {
      starting = CompletableFuture.supplyAsync(KeycloakServer::start);
    }
  }

  static KeycloakServer get() {
    startInBackground();
    try {
      return starting.get(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Keycloak did not start; see target/keycloak/keycloak.log", e);
    }
  }

  String issuer() {
    return "http://localhost:" + port + "/realms/" + REALM;
  }

  Duration startTime() {
    return startTime;
  }

  private static KeycloakServer start() {
    long begin = System.nanoTime();
    Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3")).toAbsolutePath();
    Path kc = home.resolve("bin/kc.sh");
    if (!Files.isRegularFile(kc)) {
      throw new IllegalStateException("No Keycloak at " + home + ": run the tests through Maven (failsafe), whose"
          + " pre-integration-test phase unpacks org.keycloak:keycloak-quarkus-dist there");
    }
    try {
      kc.toFile().setExecutable(true);
      prepareRealm(home);
      Path log = home.getParent().resolve("keycloak.log");
      for (int attempt = 1; ; attempt++) {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(kc.toString(), "start-dev", "--http-port=" + port,
            "--http-management-port=" + freePort(), "--import-realm")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
        KeycloakServer server = new KeycloakServer(process, port, Duration.ZERO);
        if (awaitDiscovery(server, process, log)) {
          Duration took = Duration.ofNanos(System.nanoTime() - begin);
          System.out.printf("Keycloak %s answered after %.1f s (port %d, attempt %d)%n", home.getFileName(),
              took.toMillis() / 1000.0, port, attempt);
          return new KeycloakServer(process, port, took);
        }
        if (attempt == 3 || !Files.readString(log).contains("Port already bound")) {
          throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the realm into data/import; a realm file that changed since the last run starts from empty data. */
  private static void prepareRealm(Path home) throws IOException {
    byte[] realm;
    try (InputStream in = KeycloakServer.class.getResourceAsStream(REALM_FILE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + REALM_FILE);
      }
      realm = in.readAllBytes();
    }
    Path data = home.resolve("data");
    Path marker = data.resolve("catalyst-realm.sha256");
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(realm));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.exists(marker) || !Files.readString(marker).equals(hash)) {
      deleteTree(data);
    }
    Files.createDirectories(data.resolve("import"));
    Files.write(data.resolve("import").resolve(REALM + "-realm.json"), realm);
    Files.writeString(marker, hash);
  }

  /** True once discovery answers; false if Keycloak exited. */
  private static boolean awaitDiscovery(KeycloakServer server, Process process, Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI discovery = URI.create(server.issuer() + "/.well-known/openid-configuration");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop(process);
    throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT + "; see " + log);
  }

  /** kc.sh forwards TERM to its JVM; the JVM's children are ended too, in case the script is gone first. */
  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768+): Keycloak binds only after a long boot, and a port the
   * kernel hands out meanwhile (the test's own server, Kafka, clients) must not be the one it was promised.
   */
  private static int freePort() throws IOException {
    for (int i = 0; i < 100; i++) {
      int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
