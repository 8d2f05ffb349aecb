package io.catalyst.audit.export;

import io.catalyst.audit.record.AuditRecords;
import io.catalyst.audit.record.AuditScope;
import io.catalyst.audit.record.QueryParams;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/audit/export")
@Tag(name = "Export")
class ExportController {

  private final AuditRecords records;
  private final TransactionTemplate snapshot;

  ExportController(AuditRecords records, PlatformTransactionManager transactions) {
    this.records = records;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  @GetMapping
  @Operation(summary = "Export an Organization's records of a time range, streamed in chain order",
      description = "format=jsonl (default): one CloudEvent per line, as received, with the extensions audithash and "
          + "auditcanonical that let the offline verifier recompute the chain (docs/audit.md, Export). format=cef: "
          + "one ArcSight CEF:0 line per record. Read through a database cursor and written as it is read: memory "
          + "stays flat however many records. org-admin or security-officer of the Organization, or sovereign-admin "
          + "(any Organization, or _sovereign). Another Organization: 404.")
  ResponseEntity<StreamingResponseBody> export(Caller caller,
      @Parameter(description = "Organization slug, or _sovereign; default: the caller's Organization")
      @RequestParam(required = false) String organization,
      @Parameter(description = "Ingested at or after (RFC 3339)") @RequestParam(required = false) String from,
      @Parameter(description = "Ingested before (RFC 3339)") @RequestParam(required = false) String to,
      @Parameter(description = "jsonl or cef") @RequestParam(required = false) String format) {
    String chain = AuditScope.wholeChain(caller, organization);
    Instant start = QueryParams.time("from", from);
    Instant end = QueryParams.time("to", to);
    QueryParams.range(start, end);
    ExportFormat.Kind kind;
    try {
      kind = ExportFormat.Kind.of(format);
    } catch (IllegalArgumentException e) {
      throw QueryParams.invalid("format", "must be one of cef, jsonl");
    }
    StreamingResponseBody body = out -> {
      BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
      snapshot.executeWithoutResult(status -> records.streamChain(chain, start, end, r -> {
        try {
          writer.write(kind == ExportFormat.Kind.CEF ? ExportFormat.cefLine(r) : ExportFormat.jsonLine(r));
          writer.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
      writer.flush();
    };
    String file = "audit-" + chain + (kind == ExportFormat.Kind.CEF ? ".cef" : ".jsonl");
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(kind.mediaType + ";charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
        .body(body);
  }
}
