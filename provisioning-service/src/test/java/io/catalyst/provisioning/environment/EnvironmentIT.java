package io.catalyst.provisioning.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.identity.contract.IdentityEvents;
import io.catalyst.platform.events.CloudEventHeaders;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.ProvisioningIntegrationTest;
import io.catalyst.provisioning.githost.GitRepositories;
import io.catalyst.provisioning.githost.RepositoryPath;
import io.catalyst.provisioning.gitops.CatalystConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/** Environments over HTTP: create, list, read, delete, who may do what, and {@code {org}-prod} from identity's event. */
class EnvironmentIT extends ProvisioningIntegrationTest {

  private static final String BASE = "/api/v1/provisioning/environments";

  @Autowired GitRepositories repositories;
  @Autowired KafkaTemplate<String, byte[]> catalystKafkaTemplate;

  @Test
  void anOrgAdminCreatesAnEnvironmentWithItsBootstrapCommittedAndAnEvent() {
    String admin = token("ahmed", "omantel-bank", "org-admin");

    HttpResponse<String> created = call("POST", BASE, admin, "{\"organization\":\"omantel-bank\",\"type\":\"dev\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(BASE + "/omantel-bank-dev");
    assertThat(created.body()).contains("\"name\":\"omantel-bank-dev\"", "\"branch\":\"develop\"", "\"status\":\"Ready\"");
    String head = repositories.head(CatalystConfig.REPOSITORY, "main").orElseThrow();
    assertThat(created.body()).contains("\"bootstrapSha\":\"");
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main", "environments/omantel-bank-dev/vcluster.yaml"))
        .hasValueSatisfying(v -> assertThat(v).contains("kind: HelmRelease", "name: omantel-bank"));
    assertThat(head).isNotBlank();
    assertThat(outboxData("environment.created.v1", "environments/omantel-bank-dev"))
        .contains("\"environment\":\"omantel-bank-dev\"", "\"createdBy\":\"ahmed\"");

    HttpResponse<String> again = call("POST", BASE, admin, "{\"organization\":\"omantel-bank\",\"type\":\"dev\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("exists already");
  }

  @Test
  void whoMayCreateReadAndDelete() {
    String org = "matrix-org";
    String admin = token("a", org, "org-admin");
    String body = "{\"organization\":\"" + org + "\",\"type\":\"stg\"}";

    assertThat(call("POST", BASE, null, body).statusCode()).isEqualTo(401);
    assertThat(call("POST", BASE, developer("d", org, org + "-stg"), body).statusCode()).isEqualTo(403);
    assertThat(call("POST", BASE, token("v", org, "org-viewer"), body).statusCode()).isEqualTo(403);
    assertThat(call("POST", BASE, token("b", org, "billing-admin"), body).statusCode()).isEqualTo(403);
    assertThat(call("POST", BASE, token("x", "other-org", "org-admin"), body).statusCode()).isEqualTo(404);
    assertThat(call("POST", BASE, admin, body).statusCode()).isEqualTo(201);
    assertThat(call("POST", BASE, sovereignAdmin(), "{\"organization\":\"" + org + "\",\"type\":\"uat\"}").statusCode())
        .isEqualTo(201);

    // Reading: members of the Organization, never another Organization (404, as if it did not exist).
    assertThat(call("GET", BASE + "/" + org + "-stg", token("v", org, "org-viewer")).statusCode()).isEqualTo(200);
    assertThat(call("GET", BASE + "/" + org + "-stg", developer("d", org, org + "-dev")).statusCode()).isEqualTo(200);
    assertThat(call("GET", BASE + "/" + org + "-stg", token("x", "other-org", "org-admin")).statusCode()).isEqualTo(404);
    assertThat(call("GET", BASE + "/" + org + "-nope", admin).statusCode()).isEqualTo(404);
    HttpResponse<String> foreignList = call("GET", BASE + "?organization=" + org, token("x", "other-org", "org-admin"));
    assertThat(foreignList.statusCode()).isEqualTo(404);

    // Deleting: org-admin only.
    assertThat(call("DELETE", BASE + "/" + org + "-uat", token("v", org, "org-viewer")).statusCode()).isEqualTo(403);
    assertThat(call("DELETE", BASE + "/" + org + "-uat", developer("d", org, org + "-uat")).statusCode()).isEqualTo(403);
    assertThat(call("DELETE", BASE + "/" + org + "-uat", token("x", "other-org", "org-admin")).statusCode()).isEqualTo(404);
    assertThat(call("DELETE", BASE + "/" + org + "-uat", admin).statusCode()).isEqualTo(204);
    assertThat(call("GET", BASE + "/" + org + "-uat", admin).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputIsAProblemWithFieldErrors() {
    String admin = token("a", "valid-org", "org-admin");
    HttpResponse<String> bad = call("POST", BASE, admin, "{\"organization\":\"valid-org\",\"type\":\"dr\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(bad.body()).contains("\"field\":\"type\"", "prod, stg, uat, dev, poc");
    assertThat(call("GET", BASE + "?size=500", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void theListIsPaginatedAndScopedToTheCallersOrganization() {
    String org = "paged-org";
    String admin = token("a", org, "org-admin");
    for (String type : new String[] {"dev", "stg", "uat", "poc"}) {
      assertThat(call("POST", BASE, admin, "{\"organization\":\"" + org + "\",\"type\":\"" + type + "\"}").statusCode())
          .isEqualTo(201);
    }
    HttpResponse<String> first = call("GET", BASE + "?size=3", admin);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"total\":4", "\"page\":0", "\"size\":3", "paged-org-dev", "paged-org-poc",
        "paged-org-stg").doesNotContain("paged-org-uat").doesNotContain("omantel-bank");
    assertThat(call("GET", BASE + "?size=3&page=1", admin).body()).contains("paged-org-uat");
  }

  @Test
  void deletingIsRefusedWhileApplicationsAreInstalledUnlessForcedWithConfirmation() {
    String org = "busy-org";
    String admin = token("a", org, "org-admin");
    assertThat(call("POST", BASE, admin, "{\"organization\":\"" + org + "\",\"type\":\"dev\"}").statusCode()).isEqualTo(201);
    jdbc.sql("insert into application_installation values ('busy-org-dev', 'wordpress', 'busy-org', :now)")
        .param("now", Timestamp.from(Instant.now())).update();

    HttpResponse<String> refused = call("DELETE", BASE + "/busy-org-dev", admin);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("wordpress", "force=true&confirm=busy-org-dev");
    assertThat(call("DELETE", BASE + "/busy-org-dev?force=true&confirm=busy-org-stg", admin).statusCode()).isEqualTo(409);

    assertThat(call("DELETE", BASE + "/busy-org-dev?force=true&confirm=busy-org-dev", admin).statusCode()).isEqualTo(204);
    assertThat(repositories.read(CatalystConfig.REPOSITORY, "main", "environments/busy-org-dev/kustomization.yaml")).isEmpty();
    assertThat(outboxData("environment.deleted.v1", "environments/busy-org-dev"))
        .contains("\"forced\":true", "wordpress");
  }

  @Test
  void aNewOrganizationGetsItsProductionEnvironmentAndSharedBlueprintsOnce() throws Exception {
    String eventId = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> created = organizationCreated(eventId, "sme-bakery");
    catalystKafkaTemplate.send(created).get();
    catalystKafkaTemplate.send(organizationCreated(eventId, "sme-bakery")).get(); // redelivered

    await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", BASE + "/sme-bakery-prod",
        token("o", "sme-bakery", "org-viewer")).statusCode() == 200);
    assertThat(repositories.head(new RepositoryPath("sme-bakery", "shared-blueprints"), "main")).isPresent();
    // A second, distinct event for the same Organization changes nothing either.
    catalystKafkaTemplate.send(organizationCreated(UUID.randomUUID().toString(), "sme-bakery")).get();
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "select count(*) from catalyst_processed_event where consumer = 'provisioning-organizations'")
        .query(Long.class).single() >= 2);
    assertThat(jdbc.sql("select count(*) from catalyst_outbox where subject = 'environments/sme-bakery-prod'")
        .query(Long.class).single()).isEqualTo(1);
  }

  /** identity's contract record, written by the application's mapper (the one identity's outbox writes with). */
  private ProducerRecord<String, byte[]> organizationCreated(String id, String org) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.IDENTITY, org, jsonMapper.writeValueAsString(
        new IdentityEvents.OrganizationCreated(org, "Bakery", "u-1", "sme")).getBytes(StandardCharsets.UTF_8));
    header(r, CloudEventHeaders.SPECVERSION, "1.0");
    header(r, CloudEventHeaders.ID, id);
    header(r, CloudEventHeaders.SOURCE, "/sovereigns/local/services/identity");
    header(r, CloudEventHeaders.TYPE, IdentityEvents.PREFIX + IdentityEvents.ORGANIZATION_CREATED);
    header(r, CloudEventHeaders.SUBJECT, "organizations/" + org);
    header(r, CloudEventHeaders.TIME, Instant.now().toString());
    return r;
  }

  private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
    r.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }
}
