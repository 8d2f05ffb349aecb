package io.catalyst.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.catalyst.it.support.Mesh;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (the machine's Chromium, headless, driven by playwright-core from the console's
 * {@code e2e/journey.mjs}) against the real mesh: gateway, identity, catalog and provisioning as processes, the
 * console served by the gateway. The script asserts what the browser shows at each step and saves a screenshot of
 * it under {@code target/console-screenshots/}:
 * <ol>
 *   <li>anonymous: the marketplace shows the starter catalog's Blueprints; a search narrows them; the Bundles
 *   category shows only bundles; the pharmacy bundle's detail page names its dependencies and survives a reload; at
 *   phone width nothing scrolls sideways; axe-core finds no serious or critical violation;</li>
 *   <li>a user signs in through the gateway's login and lands on their Environment with its Application cards
 *   grouped by status;</li>
 *   <li>an install of the pharmacy bundle made from the page (the session cookie and CSRF header, as the console
 *   sends them) brings its cards in and drives every card to Running over the event stream, without a reload.</li>
 * </ol>
 */
@Disabled("support/Mesh does not seed the starter catalog (its catalog source is the Git host's empty "
    + "catalog/blueprints.git; DirectMesh seeds with catalyst.catalog.seed-from): the marketplace stays empty. "
    + "Enable once Mesh seeds it (issue 17)")
class ConsoleJourneyIT {

  private static final Path CONSOLE = Path.of("..", "console").toAbsolutePath().normalize();
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
  private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

  @Test
  void anonymousMarketplaceThenSignedInEnvironmentWithCardsThatGoRunningLive() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(CHROMIUM)),
        "no Chromium at " + CHROMIUM + " (apt-get install -y chromium; .ci/run installs it)");
    assertThat(CONSOLE.resolve("node_modules/playwright-core")).as("the console's npm ci ran (module console)")
        .isDirectory();

    Mesh.withCatalogAndProvisioning();
    // catalog-service seeds the starter catalog from the Git host after it starts: wait for the pharmacy bundle's tree.
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(Mesh.send(Mesh.request("/api/v1/catalog/blueprints?size=100").GET().build()).body())
            .contains("\"bp-bundle-pharmacy\"", "\"bp-postgres\"", "\"bp-uptime-kuma\"", "\"bp-erpnext\""));
    String slug = "console-" + UUID.randomUUID().toString().substring(0, 8);
    Mesh.User user = Mesh.signUp(slug);
    String environment = slug + "-prod";
    // The sign-up created the Organization's production Environment already (or this does).
    call(user, "POST", "/api/v1/provisioning/environments",
        "{\"organization\":\"" + slug + "\",\"type\":\"prod\"}", 201, 409);
    // What the Environment already runs when the user signs in: a service and a backing service.
    install(user, environment, "{\"blueprint\":\"bp-postgres\",\"name\":\"db\"}");
    install(user, environment, "{\"blueprint\":\"bp-uptime-kuma\",\"name\":\"status\",\"config\":{\"domain\":\"status."
        + slug + ".example\"}}");

    String pharmacy = "{\"blueprint\":\"bp-bundle-pharmacy\",\"name\":\"pharmacy\",\"config\":{\"pharmacyName\":"
        + "\"Muscat Pharmacy\",\"domain\":\"" + slug + ".example\",\"adminEmail\":\"owner@" + slug + ".example\"}}";
    ProcessBuilder journey = new ProcessBuilder("node", "e2e/journey.mjs")
        .directory(CONSOLE.toFile())
        .redirectErrorStream(true);
    journey.environment().put("BASE_URL", Mesh.publicUrl());
    journey.environment().put("USER_EMAIL", user.email());
    journey.environment().put("USER_PASSWORD", user.password());
    journey.environment().put("ENVIRONMENT", environment);
    journey.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
    journey.environment().put("CHROMIUM", CHROMIUM);
    journey.environment().put("INSTALL_BODY", pharmacy);
    // db and status, then the bundle's five Applications at least.
    journey.environment().put("EXPECTED_RUNNING", "7");
    journey.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

    Path log = Files.createDirectories(SCREENSHOTS).resolve("journey.log");
    Process process = journey.redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(finished).as("the journey finished within 5 minutes:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("the browser journey:%n%s%n%s", output, Mesh.logs()).isZero();
    assertThat(output).contains("marketplace: ok", "search: ok", "blueprint-detail: ok", "phone-width: ok",
        "sign-in: ok", "environment-view: ok", "install-goes-running-live: ok");
    try (var shots = Files.list(SCREENSHOTS)) {
      assertThat(shots.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(8);
    }
  }

  private static void install(Mesh.User user, String environment, String body) {
    call(user, "POST", "/api/v1/provisioning/environments/" + environment + "/applications", body, 201);
  }

  private static void call(Mesh.User user, String method, String path, String body, Integer... expected) {
    HttpResponse<String> r = Mesh.send(Mesh.request(path)
        .header("Authorization", "Bearer " + user.accessToken())
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isIn((Object[]) expected);
  }
}
