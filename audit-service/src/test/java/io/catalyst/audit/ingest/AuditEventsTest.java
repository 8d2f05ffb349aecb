package io.catalyst.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.audit.record.AuditRecord;
import io.catalyst.platform.events.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AuditEventsTest {

  final JsonMapper json = JsonMapper.builder().build();
  final AuditEvents events = new AuditEvents(json);

  @Test
  void theOutcomeIsAFailureForRefusedFailedAndReusedEvents() {
    assertThat(AuditEvents.outcome("io.catalyst.provisioning.git.push.refused.v1")).isEqualTo("failure");
    assertThat(AuditEvents.outcome("io.catalyst.catalog.source.sync.failed.v1")).isEqualTo("failure");
    assertThat(AuditEvents.outcome("io.catalyst.identity.login.failures-repeated.v1")).isEqualTo("failure");
    assertThat(AuditEvents.outcome("io.catalyst.identity.refresh-token.reused.v1")).isEqualTo("failure");
    assertThat(AuditEvents.outcome("io.catalyst.promotion.promotion.rejected.v1")).isEqualTo("success");
    assertThat(AuditEvents.outcome("io.catalyst.provisioning.application.installed.v1")).isEqualTo("success");
  }

  @Test
  void beforeAndAfterComeFromPreviousOldAndFromFields() {
    String changes = events.changes(json.readTree("""
        {"application":"shop","fromVersion":"1.0.0","toVersion":"1.1.0","sha":"s2","previousSha":"s1",
         "oldSha":"o1","newSha":"o2","previousTeam":"team-a","team":"team-b","previousStatus":"Running"}"""));
    assertThat(changes).isEqualTo("{\"version\":{\"before\":\"1.0.0\",\"after\":\"1.1.0\"},"
        + "\"sha\":{\"before\":\"o1\",\"after\":\"o2\"},\"team\":{\"before\":\"team-a\",\"after\":\"team-b\"},"
        + "\"status\":{\"before\":\"Running\",\"after\":null}}");
    assertThat(events.changes(json.readTree("{\"application\":\"shop\"}"))).isNull();
    assertThat(events.changes(json.readTree("[1,2]"))).isNull();
  }

  @Test
  void theApplicationComesFromTheDataOrTheSubject() {
    assertThat(AuditEvents.application("repos/acme/shop/branches/main", null)).isEqualTo("shop");
    assertThat(AuditEvents.application("applications/acme/erp", null)).isEqualTo("erp");
    assertThat(AuditEvents.application("users/u1", json.readTree("{\"application\":\"crm\"}"))).isEqualTo("crm");
    assertThat(AuditEvents.application("users/u1", null)).isNull();
  }

  @Test
  void dataThatIsNotJsonIsKeptAsAString() {
    InboundEvent event = new InboundEvent("e1", "io.catalyst.x.y.v1", "/s", null, Instant.parse("2026-01-01T00:00:00Z"),
        null, null, null, "garbage", null, null, null, null, "not json {".getBytes(StandardCharsets.UTF_8), json);
    AuditRecord r = events.draft(event, Instant.parse("2026-01-01T00:00:01.123456789Z"));
    assertThat(r.chain()).isEqualTo(AuditRecord.SOVEREIGN);
    assertThat(r.traceId()).isNull();
    assertThat(r.ingestedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:01.123456Z"));
    assertThat(json.readTree(r.event()).path("data").asString()).isEqualTo("not json {");
  }
}
