package io.catalyst.audit.record;

import java.time.Instant;

/**
 * One row of {@code audit_record}: an event of the mesh as audit stored it (docs/audit.md, The record). Every field
 * but {@code id} (the row's ingest position) and {@code hash} is covered by {@code hash}.
 *
 * @param chain         the Organization, or {@code _sovereign} for Sovereign-level events
 * @param sequence      1, 2, 3, … within the chain, in ingest order
 * @param previousHash  the hash of the chain's record {@code sequence - 1}; null for the first
 * @param actorRoles    comma-separated, as the envelope carries them
 * @param action        the CloudEvents type
 * @param resource      the CloudEvents subject
 * @param outcome       {@code success} or {@code failure}
 * @param changes       the before/after summary as JSON ({@code {"sha":{"before":…,"after":…}}}), or null
 * @param event         the CloudEvent in structured JSON, as received
 */
public record AuditRecord(long id, String eventId, String chain, long sequence, String previousHash, String hash,
    String organization, String environment, String application, String actorKind, String actor, String actorRoles,
    String surface, String action, String resource, String source, String outcome, String correlationId,
    String traceId, Instant occurredAt, Instant ingestedAt, String changes, String event) {

  /** The chain of Sovereign-level events (no Organization); the outbox's record key for them too. */
  public static final String SOVEREIGN = "_sovereign";

  public static String chainOf(String organization) {
    return organization == null || organization.isBlank() ? SOVEREIGN : organization;
  }

  /** This record placed in its chain: sequence, predecessor and hash. */
  public AuditRecord chained(long sequence, String previousHash, String hash) {
    return new AuditRecord(id, eventId, chain, sequence, previousHash, hash, organization, environment, application,
        actorKind, actor, actorRoles, surface, action, resource, source, outcome, correlationId, traceId, occurredAt,
        ingestedAt, changes, event);
  }
}
