package io.catalyst.provisioning.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.RuntimeEvents;
import io.catalyst.platform.git.FileChanges;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Application state end to end: an installed event → the simulated runtime (on in the tests, 2 s) → its status events
 * on {@code catalyst.runtime.v1} → the Application row, {@code application.status-changed.v1} and the SSE stream.
 */
class ApplicationStateIT extends ProvisioningIntegrationTest {

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;
  @Autowired GitRepositories git;

  /** An Environment {org}-dev and an Application in it (row + repository with {@code values}), as an install leaves. */
  String installed(String org, String app, String values) {
    return installed(org, app, values, "{}\n");
  }

  /** … with {@code overlay} as the dev Environment's {@code overlays/dev/values.yaml} (what configure writes). */
  String installed(String org, String app, String values, String overlay) {
    String admin = token("root", org, "org-admin");
    HttpResponse<String> env = call("POST", "/api/v1/provisioning/environments", admin,
        "{\"organization\":\"" + org + "\",\"type\":\"dev\"}");
    assertThat(env.statusCode()).as(env.body()).isIn(201, 409);
    String environment = org + "-dev";
    git.initialize(new RepositoryPath(org, app), "main", List.of("develop", "staging"),
        new FileChanges().write("values.yaml", values).write("overlays/dev/values.yaml", overlay), new PersonIdent("t", "t@x", Instant.now(),
            java.time.ZoneOffset.UTC), "Install " + app);
    Timestamp now = Timestamp.from(Instant.now());
    tx.executeWithoutResult(s -> {
      jdbc.sql("""
          insert into application (organization, name, environment, blueprint, version, backing_service, status,
                                   created_at, created_by, updated_at)
          values (:o, :a, :e, 'bp-erpnext', '15.70.2', false, 'Installing', :now, 'root', :now)""")
          .param("o", org).param("a", app).param("e", environment).param("now", now).update();
      outbox.publish(CatalystEvent.of("application.installed.v1", "applications/" + org + "/" + app, org,
              new ApplicationEvents.Installed(org, environment, app, "bp-erpnext", "15.70.2", "15.70.2", List.of(),
                  org + "/" + app, "Installing", false, "00000000-0000-0000-0000-000000000000", null))
          .inEnvironment(environment).by("root"));
    });
    return environment;
  }

  Map<String, Object> row(String org, String app) {
    return jdbc.sql("select status, ready_pods, desired_pods, status_reason, status_changed_at from application "
        + "where organization = :o and name = :a").param("o", org).param("a", app).query().singleRow();
  }

  @Test
  void theSimulatedRuntimeDrivesAnInstalledApplicationToRunning() {
    String env = installed("state-run", "erp", "replicas: 1\n");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(row("state-run", "erp").get("status")).isEqualTo("Running"));
    Map<String, Object> row = row("state-run", "erp");
    assertThat(row.get("ready_pods")).isEqualTo(1);
    assertThat(row.get("desired_pods")).isEqualTo(1);
    assertThat(row.get("status_changed_at")).isNotNull();

    String data = outboxData("application.status-changed.v1", "applications/state-run/erp");
    assertThat(data).contains("\"status\":\"Running\"", "\"previousStatus\":\"Installing\"",
        "\"environment\":\"" + env + "\"", "\"readyPods\":1", "\"desiredPods\":1", "\"organization\":\"state-run\"");
    RuntimeEvents.StatusChanged changed = outboxRecord("application.status-changed.v1", "applications/state-run/erp",
        RuntimeEvents.StatusChanged.class);
    assertThat(changed).extracting("organization", "environment", "application", "status", "previousStatus")
        .containsExactly("state-run", env, "erp", "Running", "Installing");
    // The runtime's own events went to catalyst.runtime.v1, not this service's topic.
    assertThat(jdbc.sql("select count(*) from catalyst_outbox where type = :t and topic = 'catalyst.runtime.v1' "
            + "and subject = 'applications/state-run/erp'").param("t", RuntimeEvents.STATUS_TYPE)
        .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    assertThat(call("GET", "/api/v1/provisioning/environments/" + env + "/applications?status=running",
        token("v", "state-run", "org-viewer")).body()).contains("\"name\":\"erp\"", "\"readyPods\":1");

    // A late runtime event (older than the state) changes nothing; a newer one does.
    runtimeEvent(new RuntimeEvents.Status("state-run", env, "erp", "Installing", 0, 1, null, null,
        Instant.now().minusSeconds(600), null));
    runtimeEvent(new RuntimeEvents.Status("state-run", env, "erp", "Running", 2, 3, null, null,
        Instant.now().plusSeconds(1), null));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(row("state-run", "erp").get("status")).isEqualTo("Degraded"));
    // Straight from Running: the late Installing made no change (and published nothing).
    assertThat(outboxData("application.status-changed.v1", "applications/state-run/erp"))
        .contains("\"status\":\"Degraded\"", "\"previousStatus\":\"Running\"", "\"readyPods\":2",
            "\"desiredPods\":3");
    assertThat(jdbc.sql("select count(*) from catalyst_outbox where type = :t and subject = :s and data like :d")
        .param("t", "io.catalyst.provisioning.application.status-changed.v1").param("s", "applications/state-run/erp")
        .param("d", "%\"status\":\"Installing\",\"previousStatus\":\"Running\"%").query(Long.class).single())
        .isZero();
  }

  @Test
  void aConfigurationChangeThroughTheApiIsOneBranchMoveAndShowsUpdatingThenRunning() throws Exception {
    String env = installed("state-conf", "erp", "{}\n");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(row("state-conf", "erp").get("status")).isEqualTo("Running"));
    RepositoryPath repo = new RepositoryPath("state-conf", "erp");
    String before = git.head(repo, "develop").orElseThrow();

    HttpResponse<String> configured = call("PUT", "/api/v1/provisioning/environments/" + env
        + "/applications/erp/config", developer("layla", "state-conf", env),
        "{\"values\":{\"domain\":\"erp.state-conf.om\",\"adminEmail\":\"it@state-conf.om\"}}");
    assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
    String after = git.head(repo, "develop").orElseThrow();

    // The one event of the move: via the API, by the user, old and new head, the service's clock.
    List<String> moves = jdbc.sql("select data from catalyst_outbox where type = :t and subject = :s")
        .param("t", "io.catalyst.provisioning.branch.moved.v1").param("s", "repos/state-conf/erp/branches/develop")
        .query(String.class).list().stream().filter(d -> d.contains(after)).toList();
    assertThat(moves).singleElement().satisfies(d -> assertThat(d).contains("\"via\":\"api\"",
        "\"actor\":\"layla\"", "\"oldSha\":\"" + before + "\"", "\"newSha\":\"" + after + "\"",
        "\"change\":\"updated\"", "\"environment\":\"" + env + "\"", "\"movedAt\":"));
    assertThat(jdbc.sql("select sha from branch_head where owner = 'state-conf' and repository = 'erp' "
        + "and branch = 'develop'").query(String.class).single()).isEqualTo(after);

    // The runtime rolls the change out as it does a push's: Updating, then Running again.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
            "select count(*) from catalyst_outbox where type = :t and subject = :s and data like :d")
        .param("t", "io.catalyst.provisioning.application.status-changed.v1").param("s", "applications/state-conf/erp")
        .param("d", "%\"status\":\"Running\",\"previousStatus\":\"Updating\"%").query(Long.class).single())
        .isEqualTo(1));
    assertThat(jdbc.sql("select count(*) from catalyst_outbox where type = :t and subject = :s and data like :d")
        .param("t", "io.catalyst.provisioning.application.status-changed.v1").param("s", "applications/state-conf/erp")
        .param("d", "%\"status\":\"Updating\",\"previousStatus\":\"Running\"%").query(Long.class).single())
        .isEqualTo(1);
  }

  /** A runtime's status event on catalyst.runtime.v1 (in order, through the outbox like the simulated runtime). */
  void runtimeEvent(RuntimeEvents.Status status) {
    tx.executeWithoutResult(s -> {
      java.util.UUID id = outbox.publish(new CatalystEvent(RuntimeEvents.STATUS_TYPE,
          "applications/" + status.organization() + "/" + status.application(), status.organization(),
          status.environment(), "test-runtime", status));
      jdbc.sql("update catalyst_outbox set topic = 'catalyst.runtime.v1' where event_id = :id").param("id", id)
          .update();
    });
  }

  @Test
  void aFailureRequestedInTheValuesEndsFailedWithItsReason() {
    installed("state-fail", "shop", "simulate:\n  failure: \"CrashLoopBackOff: database unreachable\"\n");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(row("state-fail", "shop").get("status")).isEqualTo("Failed"));
    assertThat(row("state-fail", "shop").get("status_reason")).isEqualTo("CrashLoopBackOff: database unreachable");
    assertThat(outboxData("application.status-changed.v1", "applications/state-fail/shop"))
        .contains("\"status\":\"Failed\"", "\"reason\":\"CrashLoopBackOff: database unreachable\"");
  }

  @Test
  void degradedOnRequestInTheEnvironmentsOverlayShowsItsPods() {
    installed("state-degraded", "mail", "simulate:\n  degraded: false\n", "simulate:\n  degraded: true\n");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(row("state-degraded", "mail").get("status")).isEqualTo("Degraded"));
    assertThat(row("state-degraded", "mail").get("ready_pods")).isEqualTo(1);
    assertThat(row("state-degraded", "mail").get("desired_pods")).isEqualTo(2);
  }

  @Test
  void theStreamDeliversStatusChangesOfItsEnvironmentAndRefusesOtherOrganizations() throws Exception {
    String org = "state-sse";
    String env = org + "-dev";
    assertThat(call("POST", "/api/v1/provisioning/environments", token("root", org, "org-admin"),
        "{\"organization\":\"" + org + "\",\"type\":\"dev\"}").statusCode()).isEqualTo(201);
    String path = "/api/v1/provisioning/environments/" + env + "/applications/events";

    assertThat(call("GET", path, token("x", "another-org", "org-admin")).statusCode()).isEqualTo(404);

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token("v", org, "org-viewer"))
            .header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
      boolean statusEvent = false;
      for (String line : (Iterable<String>) stream.body()::iterator) {
        if (line.startsWith("event:") && line.contains("application-status")) {
          statusEvent = true;
        } else if (statusEvent && line.startsWith("data:") && line.contains("\"status\":\"Running\"")) {
          return line;
        }
      }
      return null;
    });

    installed(org, "erp", "{}\n");

    String data = running.get(30, TimeUnit.SECONDS);
    assertThat(data).contains("\"application\":\"erp\"", "\"environment\":\"" + env + "\"",
        "\"previousStatus\":\"Installing\"");
    stream.body().close();
  }
}
