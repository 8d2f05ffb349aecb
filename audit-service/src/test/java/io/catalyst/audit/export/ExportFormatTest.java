package io.catalyst.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.audit.chain.ChainHash;
import io.catalyst.audit.record.AuditRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

  static final AuditRecord RECORD = new AuditRecord(1, "e-1", "acme", 1, null, null, "acme", null, null, "user",
      "a=b\\c", "org-admin", "api", "io.catalyst.x.y|z.v1", "r", "/s", "failure", null, null, null,
      Instant.parse("2026-01-01T00:00:00Z"), null, "{\"id\":\"e-1\",\"data\":{\"q\":\"\\\"\"}}");

  @Test
  void aJsonLineRebuildsTheCanonicalFormAndTheStoredEvent() {
    AuditRecord r = RECORD.chained(1, null, ChainHash.hash(RECORD));
    String line = ExportFormat.jsonLine(r);
    String prefix = ExportFormat.prefix(r.hash(), ExportFormat.canonicalWithoutEvent(r));
    assertThat(line).startsWith(prefix);
    String event = "{" + line.substring(prefix.length());
    assertThat(event).isEqualTo(r.event());
    assertThat(ExportFormat.canonical(ExportFormat.canonicalWithoutEvent(r), event)).isEqualTo(ChainHash.canonical(r));
  }

  @Test
  void cefEscapesHeaderAndExtensionValues() {
    String line = ExportFormat.cefLine(RECORD);
    assertThat(line).startsWith("CEF:0|Catalyst|audit-service|1|io.catalyst.x.y\\|z.v1|io.catalyst.x.y\\|z.v1|7|")
        .contains("suser=a\\=b\\\\c ");
  }
}
