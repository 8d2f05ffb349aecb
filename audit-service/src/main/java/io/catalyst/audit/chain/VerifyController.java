package io.catalyst.audit.chain;

import io.catalyst.audit.record.AuditScope;
import io.catalyst.audit.record.QueryParams;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit/verify")
@Tag(name = "Integrity")
class VerifyController {

  private final Verifier verifier;

  VerifyController(Verifier verifier) {
    this.verifier = verifier;
  }

  @GetMapping
  @Operation(summary = "Verify an Organization's hash chain over a time range of ingest",
      description = "Recomputes every record's SHA-256 over its canonical form (docs/audit.md), checks each "
          + "predecessor link and that no sequence number is missing; names the first broken record and the missing "
          + "sequence numbers. org-admin or security-officer of the Organization, or sovereign-admin (any "
          + "Organization, or _sovereign for Sovereign-level events). Another Organization: 404.")
  Verification verify(Caller caller,
      @Parameter(description = "Organization slug, or _sovereign; default: the caller's Organization")
      @RequestParam(required = false) String organization,
      @Parameter(description = "Ingested at or after (RFC 3339)") @RequestParam(required = false) String from,
      @Parameter(description = "Ingested before (RFC 3339); absent: up to the chain's head, so a deleted newest "
          + "record is missing") @RequestParam(required = false) String to) {
    String chain = AuditScope.wholeChain(caller, organization);
    Instant start = QueryParams.time("from", from);
    Instant end = QueryParams.time("to", to);
    QueryParams.range(start, end);
    return verifier.verify(chain, start, end);
  }

  @PostMapping
  @Operation(summary = "Verify an Organization's hash chain (the same as GET, for callers that trigger it)")
  Verification verifyNow(Caller caller, @RequestParam(required = false) String organization,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    return verify(caller, organization, from, to);
  }
}
