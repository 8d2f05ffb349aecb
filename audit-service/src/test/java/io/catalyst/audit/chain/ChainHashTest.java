package io.catalyst.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.audit.record.AuditRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical form docs/audit.md writes down, byte for byte, and its hash. */
class ChainHashTest {

  static AuditRecord record(String actor) {
    return new AuditRecord(7, "e-1", "acme", 2, "ab", null, "acme", "acme-prod", "shop", "user", actor, "org-admin",
        "api", "io.catalyst.x.y.v1", "applications/acme/shop", "/s", "success", "req-1", null,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00.000001Z"), null, "{\"a\":1}");
  }

  @Test
  void theCanonicalFormIsAJsonArrayOfTheFieldsInTheirOrder() {
    assertThat(ChainHash.canonical(record("ahmed \"the\" \\admin\n")))
        .isEqualTo("[\"catalyst-audit-chain-v1\",\"acme\",2,\"ab\",\"e-1\",\"acme\",\"acme-prod\",\"shop\",\"user\","
            + "\"ahmed \\\"the\\\" \\\\admin\\u000a\",\"org-admin\",\"api\",\"io.catalyst.x.y.v1\","
            + "\"applications/acme/shop\",\"/s\",\"success\",\"req-1\",null,\"2026-01-01T00:00:00Z\","
            + "\"2026-01-01T00:00:00.000001Z\",null,\"{\\\"a\\\":1}\"]");
  }

  @Test
  void anyChangedFieldChangesTheHashButTheRowIdDoesNot() {
    AuditRecord r = record("ahmed");
    assertThat(ChainHash.hash(r)).hasSize(64).isNotEqualTo(ChainHash.hash(record("ahmeD")));
    AuditRecord otherId = new AuditRecord(99, r.eventId(), r.chain(), r.sequence(), r.previousHash(), "x",
        r.organization(), r.environment(), r.application(), r.actorKind(), r.actor(), r.actorRoles(), r.surface(),
        r.action(), r.resource(), r.source(), r.outcome(), r.correlationId(), r.traceId(), r.occurredAt(),
        r.ingestedAt(), r.changes(), r.event());
    assertThat(ChainHash.hash(otherId)).isEqualTo(ChainHash.hash(r));
  }
}
