package io.catalyst.audit.record;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/audit/records")
@Tag(name = "Records")
class RecordController {

  static final int MAX_LIMIT = 500;
  private static final Set<String> SURFACES = Set.of("ui", "git", "api", "system");

  private final AuditRecords records;
  private final JsonMapper json;

  RecordController(AuditRecords records, JsonMapper json) {
    this.records = records;
    this.json = json;
  }

  /** A page of records, newest first; {@code nextCursor} fetches the next (older) page, null on the last. */
  record RecordPage(List<RecordView> items, String nextCursor) {}

  @GetMapping
  @Operation(summary = "Audit records, newest first, filtered, with cursor pagination",
      description = "sovereign-admin: every Organization (organization narrows, _sovereign for Sovereign-level "
          + "events); org-admin and security-officer: their Organization; org-developer: their own actions in it. "
          + "Another Organization: 404. The time range is on ingest time.")
  RecordPage list(Caller caller,
      @Parameter(description = "Organization slug or _sovereign") @RequestParam(required = false) String organization,
      @Parameter(description = "Actor id (user subject, service client id or system)")
      @RequestParam(required = false) String actor,
      @Parameter(description = "Action: the complete event type, e.g. io.catalyst.provisioning.git.pushed.v1")
      @RequestParam(required = false) String action,
      @Parameter(description = "Resource prefix: records whose subject starts with it, e.g. repos/acme/shop")
      @RequestParam(required = false) String resource,
      @Parameter(description = "ui, git, api or system") @RequestParam(required = false) String surface,
      @Parameter(description = "An Application's timeline: records that concern it (by name)")
      @RequestParam(required = false) String application,
      @Parameter(description = "Ingested at or after (RFC 3339)") @RequestParam(required = false) String from,
      @Parameter(description = "Ingested before (RFC 3339)") @RequestParam(required = false) String to,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
      @Parameter(description = "Records per page, 1–500") @RequestParam(defaultValue = "50") int limit) {
    AuditScope.Scope scope = AuditScope.query(caller, organization);
    if (surface != null && !SURFACES.contains(surface)) {
      throw QueryParams.invalid("surface", "must be one of api, git, system, ui");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw QueryParams.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    Instant start = QueryParams.time("from", from);
    Instant end = QueryParams.time("to", to);
    QueryParams.range(start, end);
    Long before = cursor == null || cursor.isBlank() ? null : decode(cursor);
    String who = blank(actor);
    if (scope.actor() != null) {
      if (who != null && !who.equals(scope.actor())) {
        return new RecordPage(List.of(), null); // an org-developer sees only their own actions
      }
      who = scope.actor();
    }
    List<AuditRecord> page = records.page(new RecordFilter(scope.chain(), who, blank(action), blank(resource),
        surface, blank(application), start, end, before, limit + 1));
    boolean more = page.size() > limit;
    List<AuditRecord> items = more ? page.subList(0, limit) : page;
    return new RecordPage(items.stream().map(r -> RecordView.of(r, json)).toList(),
        more ? encode(items.getLast().id()) : null);
  }

  @GetMapping("/{eventId}")
  @Operation(summary = "One audit record by its event id (404 when it is outside what the caller may read)")
  RecordView read(Caller caller, @PathVariable String eventId) {
    AuditScope.query(caller, null); // the role check: 403 for a role that reads no records
    return records.find(eventId).filter(r -> AuditScope.mayRead(caller, r)).map(r -> RecordView.of(r, json))
        .orElseThrow(() -> ProblemException.notFound("Audit record " + eventId));
  }

  static String encode(long id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("r" + id).getBytes(StandardCharsets.US_ASCII));
  }

  static long decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!raw.startsWith("r")) {
        throw new IllegalArgumentException(raw);
      }
      return Long.parseLong(raw.substring(1));
    } catch (IllegalArgumentException e) {
      throw QueryParams.invalid("cursor", "is not a cursor this API gave out; use nextCursor of the previous page");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
