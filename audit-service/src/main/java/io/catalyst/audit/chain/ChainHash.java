package io.catalyst.audit.chain;

import io.catalyst.audit.record.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The canonical serialisation of a record and its SHA-256 (docs/audit.md, Chain): a JSON array without whitespace of
 * the version tag and every stored field in a fixed order, strings escaped only where JSON requires it. Written by
 * hand, not by a JSON library, so that another implementation (the offline verifier, a SIEM) can reproduce it byte
 * for byte from the description.
 */
public final class ChainHash {

  /** The first element of every canonical form; a new serialisation gets a new tag. */
  public static final String VERSION = "catalyst-audit-chain-v1";

  private ChainHash() {}

  public static String canonical(AuditRecord r) {
    StringBuilder out = new StringBuilder(256 + (r.event() == null ? 0 : r.event().length()));
    out.append('[');
    string(out, VERSION);
    out.append(',');
    string(out, r.chain());
    out.append(',').append(r.sequence()).append(',');
    Object[] rest = {r.previousHash(), r.eventId(), r.organization(), r.environment(), r.application(),
        r.actorKind(), r.actor(), r.actorRoles(), r.surface(), r.action(), r.resource(), r.source(), r.outcome(),
        r.correlationId(), r.traceId(), time(r.occurredAt()), time(r.ingestedAt()), r.changes(), r.event()};
    for (int i = 0; i < rest.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      string(out, (String) rest[i]);
    }
    return out.append(']').toString();
  }

  /** Lower-case hex SHA-256 of the canonical form's UTF-8 bytes. */
  public static String hash(AuditRecord r) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical(r).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 3339 in UTC as {@link Instant#toString()} writes it (the stored value has microsecond precision). */
  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /** A JSON string: {@code "} and {@code \} escaped with a backslash, U+0000–U+001F as {@code \}{@code u00xx}. */
  public static void appendString(StringBuilder out, String s) {
    string(out, s);
  }

  static void string(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
