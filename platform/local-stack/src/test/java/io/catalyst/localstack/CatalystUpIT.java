package io.catalyst.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./catalyst up} from the repository root brings the whole mesh up, every service answers healthy, {@code
 * status} reports it, and {@code down} leaves no process behind.
 *
 * <p>Runs in the {@code integration-test} phase, after the reactor has packaged every service (this module is
 * ordered after them), with the build step of the script turned off ({@code CATALYST_SKIP_BUILD=1}: no Maven inside
 * Maven) and its data in a temporary folder ({@code CATALYST_DATA}), so a developer's {@code .catalyst/} is never
 * touched; without the JVM AOT cache (that folder is thrown away). The fixed ports (8080-8086, 15432,
 * 19092-19093) must be free.
 */
class CatalystUpIT {

  /** The services and their ports; the short name is the gateway's {@code /api/v1/<short>/health} route. */
  private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("identity", 8081);
    SERVICES.put("catalog", 8082);
    SERVICES.put("provisioning", 8083);
    SERVICES.put("promotion", 8084);
    SERVICES.put("billing", 8085);
    SERVICES.put("audit", 8086);
  }

  private static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085, 8086, 15432, 19092, 19093);

  /*
   * TODO(gateway): the gateway's GET /api/v1/<short>/health routes (io.catalyst.gateway.routing.ServiceRoutes) answer
   * 200 UP for all six services in the working tree this was written against, so the check is on. Should the
   * gateway not serve them yet where this lands, set this to false until it does: the services' own readiness is
   * checked in any case.
   */
  private static final boolean CHECK_THROUGH_GATEWAY = true;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void upBringsEveryServiceUpAndDownStopsEveryProcess() throws Exception {
    Path root = repositoryRoot();
    Path data = Files.createTempDirectory("catalyst-it-");
    for (int port : PORTS) {
      assertThat(listening(port))
          .as("port %d must be free for this test (is a local stack running? ./catalyst down)", port)
          .isFalse();
    }
    boolean passed = false;
    List<Long> pids = new ArrayList<>();
    try {
      Run up = catalyst(root, data, Duration.ofMinutes(8), "up");
      assertThat(up.exitCode()).as("./catalyst up failed:%n%s", up.output()).isZero();
      assertThat(up.output()).contains("http://localhost:8080").contains("admin@catalyst.localhost");
      pids.addAll(pids(data));
      assertThat(pids).as("pid files in %s/run", data).hasSize(9);

      // Every service is ready on its own port ...
      for (var service : SERVICES.entrySet()) {
        var response = get("http://localhost:" + service.getValue() + "/actuator/health/readiness");
        assertThat(response.statusCode()).as("%s readiness", service.getKey()).isEqualTo(200);
        assertThat(response.body()).as("%s readiness", service.getKey()).contains("\"UP\"");
      }
      assertThat(get("http://localhost:8080/actuator/health/readiness").statusCode()).as("gateway readiness")
          .isEqualTo(200);
      // ... and through the gateway.
      if (CHECK_THROUGH_GATEWAY) {
        for (String service : SERVICES.keySet()) {
          var response = get("http://localhost:8080/api/v1/" + service + "/health");
          assertThat(response.statusCode()).as("GET /api/v1/%s/health through the gateway", service).isEqualTo(200);
          assertThat(response.body()).as("GET /api/v1/%s/health through the gateway", service).contains("\"UP\"");
        }
      }

      assertDemoData(up, data);

      // Idempotent: a second up finds it running (and does not seed again).
      Run again = catalyst(root, data, Duration.ofMinutes(2), "up");
      assertThat(again.exitCode()).as("second ./catalyst up:%n%s", again.output()).isZero();
      assertThat(again.output()).contains("already running").doesNotContain("seeding");

      Run status = catalyst(root, data, Duration.ofMinutes(1), "status");
      assertThat(status.exitCode()).as("./catalyst status:%n%s", status.output()).isZero();
      for (String name : List.of("postgres", "kafka", "gateway", "identity-service", "catalog-service",
          "provisioning-service", "promotion-service", "billing-service", "audit-service")) {
        assertThat(status.output()).as("status of %s", name).containsPattern("(?m)^" + name + " +up ");
      }
      passed = true;
    } finally {
      Run down = catalyst(root, data, Duration.ofMinutes(3), "down");
      if (passed) {
        assertThat(down.exitCode()).as("./catalyst down:%n%s", down.output()).isZero();
      }
      pids.addAll(pids(data));
      List<Long> left = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .distinct().toList();
      List<Long> marked = processesMarkedWith(data);
      List<Integer> open = PORTS.stream().filter(CatalystUpIT::listening).toList();
      if (!passed) {
        printLogs(data);
      }
      if (left.isEmpty() && marked.isEmpty() && open.isEmpty()) {
        deleteTree(data);
      }
      assertThat(left).as("processes still alive after ./catalyst down").isEmpty();
      assertThat(marked).as("processes of the stack (-Dcatalyst.data=%s) still alive after ./catalyst down", data)
          .isEmpty();
      assertThat(open).as("ports still listening after ./catalyst down").isEmpty();
    }
  }

  /**
   * The demo Organization seeded on the first up: its logins printed and kept in {@code demo-logins} (mode 600), a
   * person per role who can log in, three Environments, Applications at different Blueprint versions.
   */
  private void assertDemoData(Run up, Path data) throws Exception {
    assertThat(up.output()).as("./catalyst up output").contains("demo: Applications")
        .contains("admin@demo.example.com / ").contains("developer@demo.example.com / ");
    assertThat(data.resolve("demo-seeded")).exists();
    Path logins = data.resolve("demo-logins");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(logins)))
        .isEqualTo("rw-------");
    java.util.Properties passwords = new java.util.Properties();
    try (var in = Files.newBufferedReader(logins)) {
      passwords.load(in);
    }
    var json = tools.jackson.databind.json.JsonMapper.builder().build();
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String login : List.of("admin", "developer", "viewer", "security", "billing")) {
      var r = post("http://localhost:8080/api/v1/identity/login/password",
          "{\"email\":\"" + login + "@demo.example.com\",\"password\":\"" + passwords.getProperty(login) + "\"}");
      assertThat(r.statusCode()).as("demo login %s: %s", login, r.body()).isEqualTo(200);
      tokens.put(login, json.readTree(r.body()).path("accessToken").asString());
    }
    var members = json.readTree(get("http://localhost:8080/api/v1/identity/organizations/demo/members",
        tokens.get("viewer")).body());
    Map<String, String> roles = new LinkedHashMap<>();
    members.path("items").forEach(m -> roles.put(m.path("email").asString(), m.path("roles").toString()));
    assertThat(roles).hasSize(5);
    assertThat(roles.get("developer@demo.example.com")).contains("org-developer");
    assertThat(roles.get("billing@demo.example.com")).contains("billing-admin");

    var environments = get("http://localhost:8080/api/v1/provisioning/environments?organization=demo",
        tokens.get("developer"));
    assertThat(environments.body()).contains("demo-dev", "demo-stg", "demo-prod");
    Map<String, String> versions = new LinkedHashMap<>();
    for (String env : List.of("demo-dev", "demo-stg", "demo-prod")) {
      var apps = get("http://localhost:8080/api/v1/provisioning/environments/" + env + "/applications",
          tokens.get("viewer"));
      assertThat(apps.statusCode()).as("applications of %s: %s", env, apps.body()).isEqualTo(200);
      json.readTree(apps.body()).path("items").forEach(a -> versions.put(env + "/" + a.path("name").asString(),
          a.path("blueprint").asString() + "@" + a.path("version").asString()));
    }
    assertThat(versions).containsEntry("demo-dev/blog", "bp-wordpress@6.8.2")
        .containsEntry("demo-prod/website", "bp-wordpress@6.7.2")
        .containsEntry("demo-stg/sso", "bp-keycloak@25.0.6")
        .containsKeys("demo-dev/status", "demo-prod/pharmacy-erp");
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------------------------------------------------------

  record Run(int exitCode, String output) {}

  private static Run catalyst(Path root, Path data, Duration timeout, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("catalyst").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(data, "catalyst-" + args[0] + "-", ".out");
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("CATALYST_DATA", data.toString());
    pb.environment().put("CATALYST_SKIP_BUILD", "1");
    // The data folder is thrown away afterwards: recording AOT caches (and making them after down) would be waste.
    pb.environment().put("CATALYST_AOT", "0");
    pb.environment().put("CATALYST_UP_TIMEOUT", System.getenv().getOrDefault("CATALYST_UP_TIMEOUT", "300"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    long started = System.nanoTime();
    Process process = pb.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("./catalyst %s did not finish within %s:%n%s", String.join(" ", args), timeout, Files.readString(out));
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    System.out.printf("---- ./catalyst %s (exit %d, %.1f s) ----%n%s%n", String.join(" ", args), process.exitValue(),
        (System.nanoTime() - started) / 1e9, output);
    return new Run(process.exitValue(), output);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path repositoryRoot() {
    String fromBuild = System.getenv("CATALYST_REPO_ROOT");
    if (fromBuild != null && Files.isExecutable(Path.of(fromBuild, "catalyst"))) {
      return Path.of(fromBuild).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("catalyst")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("No ./catalyst found above " + Path.of("").toAbsolutePath());
  }

  private static List<Long> pids(Path data) throws IOException {
    Path run = data.resolve("run");
    if (!Files.isDirectory(run)) {
      return List.of();
    }
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> files = Files.list(run)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
        String text = Files.readString(f).trim();
        if (text.matches("\\d+")) {
          pids.add(Long.parseLong(text));
        }
      }
    }
    return pids;
  }

  /** Processes whose command line carries this stack's marker, {@code -Dcatalyst.data=<data>}. */
  private static List<Long> processesMarkedWith(Path data) throws IOException {
    String marker = "-Dcatalyst.data=" + data;
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
          if (List.of(cmdline.split("\0")).contains(marker)) {
            found.add(Long.parseLong(proc.getFileName().toString()));
          }
        } catch (IOException gone) {
          // the process ended meanwhile
        }
      }
    }
    return found;
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static void printLogs(Path data) {
    Path logs = data.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (Stream<Path> files = Files.list(logs)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.out.printf("---- %s (last 60 of %d lines) ----%n", log, lines.size());
        lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
      }
    } catch (IOException e) {
      System.out.println("could not read the logs in " + logs + ": " + e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.out.println("could not delete " + dir + ": " + e);
    }
  }
}
