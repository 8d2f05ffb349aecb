package io.catalyst.audit.record;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit record as the API answers it: who ({@code actor}), where ({@code organization}, {@code environment},
 * {@code surface}), what ({@code action}, {@code resource}, {@code application}, {@code outcome}, {@code changes}),
 * why ({@code correlationId}, {@code traceId}), when, its place in the chain, and the CloudEvent as received.
 */
public record RecordView(String eventId, String organization, String environment, String application, Actor actor,
    String surface, String action, String resource, String source, String outcome, String correlationId,
    String traceId, Instant occurredAt, Instant ingestedAt, String chain, long sequence, String previousHash,
    String hash, JsonNode changes, JsonNode event) {

  /** Who acted: a user's subject, a service's client id, or {@code system}; its kind and roles. */
  public record Actor(String id, String kind, List<String> roles) {}

  static RecordView of(AuditRecord r, JsonMapper json) {
    List<String> roles = r.actorRoles() == null ? List.of()
        : Arrays.stream(r.actorRoles().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new RecordView(r.eventId(), r.organization(), r.environment(), r.application(),
        new Actor(r.actor(), r.actorKind(), roles), r.surface(), r.action(), r.resource(), r.source(), r.outcome(),
        r.correlationId(), r.traceId(), r.occurredAt(), r.ingestedAt(), r.chain(), r.sequence(), r.previousHash(),
        r.hash(), r.changes() == null ? null : json.readTree(r.changes()), json.readTree(r.event()));
  }
}
