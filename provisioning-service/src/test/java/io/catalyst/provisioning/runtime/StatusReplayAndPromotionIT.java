package io.catalyst.provisioning.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.events.Topics;
import io.catalyst.promotion.contract.PromotionEvents;
import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.application.status.ApplicationStatusUpdater;
import io.catalyst.provisioning.contract.RuntimeEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SSE stream's {@code Last-Event-ID} replay and cross-replica delivery (changes are rows with ids), and
 * {@code Pending approval} from promotion-service's events on {@code catalyst.promotion.v1} (published here as
 * promotion-service would: its CloudEvent types and data, the contract).
 */
class StatusReplayAndPromotionIT extends ProvisioningIntegrationTest {

  @Autowired ApplicationStatusUpdater updater;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;

  String application(String org, String app) {
    assertThat(call("POST", "/api/v1/provisioning/environments", token("root", org, "org-admin"),
        "{\"organization\":\"" + org + "\",\"type\":\"prod\"}").statusCode()).isIn(201, 409);
    Timestamp now = Timestamp.from(Instant.now().minusSeconds(60));
    jdbc.sql("""
        insert into application (organization, name, environment, blueprint, version, backing_service, status,
                                 created_at, created_by, updated_at)
        values (:o, :a, :e, 'bp-erpnext', '15.70.2', false, 'Installing', :now, 'root', :now)""")
        .param("o", org).param("a", app).param("e", org + "-prod").param("now", now).update();
    return org + "-prod";
  }

  void runtime(String org, String env, String app, String phase, int ready, int desired) {
    updater.apply(new RuntimeEvents.Status(org, env, app, phase, ready, desired, null, null, Instant.now(), null));
  }

  List<Long> ids(String env) {
    return jdbc.sql("select id from application_status_change where environment = :e order by id")
        .param("e", env).query(Long.class).list();
  }

  /** Reads the stream into {@code lines} in the background. */
  HttpResponse<Stream<String>> connect(String env, String token, String lastEventId, List<String> lines)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/v1/provisioning/environments/" + env + "/applications/events"))
        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofLines());
    Thread.ofVirtual().start(() -> {
      try {
        stream.body().forEach(lines::add);
      } catch (RuntimeException e) {
        // closed
      }
    });
    return stream;
  }

  @Test
  void aReconnectingClientGetsWhatItMissedAndChangesOfOtherReplicasArrive() throws Exception {
    String org = "replay-sse";
    String env = application(org, "erp");
    runtime(org, env, "erp", "Running", 1, 1);
    runtime(org, env, "erp", "Running", 1, 2); // Degraded (1/2)
    runtime(org, env, "erp", "Failed", 0, 1);
    List<Long> ids = ids(env);
    assertThat(ids).hasSize(3);

    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> stream = connect(env, token("v", org, "org-viewer"), ids.getFirst().toString(),
        lines);
    assertThat(stream.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
        .contains("id:" + ids.get(1), "id:" + ids.get(2))
        .doesNotContain("id:" + ids.getFirst()));
    assertThat(String.join("\n", lines)).contains("\"status\":\"Degraded\"", "\"status\":\"Failed\"");

    // A change another replica applied (its row only; this replica's in-process push never saw it).
    long other = jdbc.sql("""
        insert into application_status_change (organization, environment, application, data, changed_at)
        values (:o, :e, 'erp', :d, now()) returning id""").param("o", org).param("e", env)
        .param("d", "{\"organization\":\"" + org + "\",\"environment\":\"" + env + "\",\"application\":\"erp\","
            + "\"status\":\"Running\",\"previousStatus\":\"Failed\",\"readyPods\":1,\"desiredPods\":1}")
        .query(Long.class).single();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).contains("id:" + other));
    // And a change of this replica: exactly once, although the table reader sees it too.
    runtime(org, env, "erp", "Running", 2, 2);
    long last = ids(env).getLast();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).contains("id:" + last));
    Thread.sleep(1500);
    assertThat(lines.stream().filter(l -> l.equals("id:" + last)).count()).isEqualTo(1);
    stream.body().close();

    // Without Last-Event-ID: no replay, only what comes next.
    List<String> fresh = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> second = connect(env, token("v", org, "org-viewer"), null, fresh);
    await().atMost(Duration.ofSeconds(5)).until(() -> fresh.stream().anyMatch(l -> l.startsWith(":connected")));
    Thread.sleep(1500);
    assertThat(fresh).noneMatch(l -> l.startsWith("id:"));
    second.body().close();
  }

  void promotion(String org, String env, String app, String decision, String id) {
    tx.executeWithoutResult(s -> outbox.publishAs("promotion-service", Topics.PROMOTION, new CatalystEvent(
        "io.catalyst.promotion.promotion." + decision + ".v1", "promotions/" + org + "/" + id, org, env, "layla",
        new PromotionEvents.Promotion(org, id, app, org + "-stg", env, "layla", "sara", "not this week"))));
  }

  String status(String org, String app) {
    return jdbc.sql("select status from application where organization = :o and name = :a").param("o", org)
        .param("a", app).query(String.class).single();
  }

  @Test
  void aPromotionRequestMakesTheTargetPendingApprovalUntilItIsDecided() {
    String org = "promo-card";
    String env = application(org, "shop");
    runtime(org, env, "shop", "Running", 1, 1);

    promotion(org, env, "shop", "requested", "pr-7");
    await().atMost(Duration.ofSeconds(30)).until(() -> "Pending approval".equals(status(org, "shop")));
    assertThat(jdbc.sql("select status_reason from application where organization = :o and name = 'shop'")
        .param("o", org).query(String.class).single()).contains("pr-7", org + "-stg");
    assertThat(outboxData("application.status-changed.v1", "applications/" + org + "/shop"))
        .contains("\"status\":\"Pending approval\"", "\"previousStatus\":\"Running\"");

    promotion(org, env, "shop", "rejected", "pr-7");
    await().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(status(org, "shop")));

    promotion(org, env, "shop", "requested", "pr-8");
    await().atMost(Duration.ofSeconds(30)).until(() -> "Pending approval".equals(status(org, "shop")));
    promotion(org, env, "shop", "approved", "pr-8");
    await().atMost(Duration.ofSeconds(30)).until(() -> "Updating".equals(status(org, "shop")));

    // An Application of another Environment (or none) is left alone.
    promotion(org, org + "-stg", "shop", "requested", "pr-9");
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(status(org, "shop")).isEqualTo("Updating");
  }
}
