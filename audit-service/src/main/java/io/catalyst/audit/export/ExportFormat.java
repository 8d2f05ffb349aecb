package io.catalyst.audit.export;

import io.catalyst.audit.chain.ChainHash;
import io.catalyst.audit.record.AuditRecord;
import java.util.Locale;

/**
 * The lines of an export (docs/audit.md, Export): JSON Lines of CloudEvents that carry what is needed to re-verify the
 * chain offline, and ArcSight CEF for SIEMs that want it.
 */
public final class ExportFormat {

  private ExportFormat() {}

  /**
   * The record's CloudEvent as stored, byte for byte, with two extension attributes put first:
   * {@code {"audithash":"<hex>","auditcanonical":"<the canonical array without its last element, the event>",}}
   * followed by the stored event's members. So {@code "{" + line.substring(prefix.length())} is the stored event and
   * {@code auditcanonical} minus its closing {@code ]} + {@code ,} + the event as a JSON string + {@code ]} is the
   * canonical form that {@code audithash} is the SHA-256 of.
   */
  public static String jsonLine(AuditRecord r) {
    return prefix(r.hash(), canonicalWithoutEvent(r)) + r.event().substring(1);
  }

  /** The start of a JSON line: {@code {"audithash":…,"auditcanonical":…,}. */
  public static String prefix(String hash, String canonicalWithoutEvent) {
    StringBuilder out = new StringBuilder("{\"audithash\":");
    ChainHash.appendString(out, hash);
    out.append(",\"auditcanonical\":");
    ChainHash.appendString(out, canonicalWithoutEvent);
    return out.append(',').toString();
  }

  /** The canonical form of {@code r} with its last element (the event) left out: {@code [… ,changes]}. */
  public static String canonicalWithoutEvent(AuditRecord r) {
    String canonical = ChainHash.canonical(r);
    StringBuilder event = new StringBuilder();
    ChainHash.appendString(event, r.event());
    return canonical.substring(0, canonical.length() - event.length() - 2) + "]";
  }

  /** The canonical form again from a line's {@code auditcanonical} and its event text. */
  public static String canonical(String canonicalWithoutEvent, String event) {
    StringBuilder out = new StringBuilder(canonicalWithoutEvent.substring(0, canonicalWithoutEvent.length() - 1));
    out.append(',');
    ChainHash.appendString(out, event);
    return out.append(']').toString();
  }

  /**
   * One CEF:0 line: vendor Catalyst, product audit-service, the action as signature and name, severity 7 for a
   * failure and 3 otherwise, and the record's fields as extensions.
   */
  public static String cefLine(AuditRecord r) {
    StringBuilder out = new StringBuilder("CEF:0|Catalyst|audit-service|1|");
    out.append(header(r.action())).append('|').append(header(r.action())).append('|')
        .append("failure".equals(r.outcome()) ? 7 : 3).append('|');
    ext(out, "rt", r.ingestedAt() == null ? null : Long.toString(r.ingestedAt().toEpochMilli()));
    ext(out, "end", r.occurredAt() == null ? null : Long.toString(r.occurredAt().toEpochMilli()));
    ext(out, "externalId", r.eventId());
    ext(out, "suser", r.actor());
    ext(out, "outcome", r.outcome());
    ext(out, "request", r.resource());
    ext(out, "app", r.surface());
    ext(out, "cs1Label", "organization");
    ext(out, "cs1", r.organization());
    ext(out, "cs2Label", "environment");
    ext(out, "cs2", r.environment());
    ext(out, "cs3Label", "correlationId");
    ext(out, "cs3", r.correlationId());
    ext(out, "cs4Label", "actorRoles");
    ext(out, "cs4", r.actorRoles());
    ext(out, "cs5Label", "hash");
    ext(out, "cs5", r.hash());
    ext(out, "cs6Label", "application");
    ext(out, "cs6", r.application());
    ext(out, "cn1Label", "sequence");
    ext(out, "cn1", Long.toString(r.sequence()));
    ext(out, "deviceExternalId", r.chain());
    ext(out, "sproc", r.actorKind());
    return out.toString().stripTrailing();
  }

  /** A header field: {@code \} and {@code |} escaped, line breaks as spaces. */
  static String header(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  /** {@code key=value } with the value's {@code \}, {@code =} and line breaks escaped; nothing for null. */
  static void ext(StringBuilder out, String key, String value) {
    if (value == null) {
      return;
    }
    out.append(key).append('=').append(value.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r")
        .replace("\n", "\\n")).append(' ');
  }

  /** {@code jsonl} or {@code cef}. */
  public enum Kind {
    JSONL("application/x-ndjson"), CEF("text/plain");

    final String mediaType;

    Kind(String mediaType) {
      this.mediaType = mediaType;
    }

    static Kind of(String value) {
      return value == null ? JSONL : Kind.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
