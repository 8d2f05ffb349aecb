package io.catalyst.audit.ingest;

import io.catalyst.audit.record.AuditRecord;
import io.catalyst.platform.events.InboundEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What audit stores of an event (docs/audit.md, The record): the envelope's who, where and why, the target resource,
 * the Application it concerns, an outcome, a before/after summary read generically from the data, and the whole
 * CloudEvent in structured JSON. Plain rules, no I/O; the record is not chained yet.
 */
public final class AuditEvents {

  /** {@code applications/{org}/{app}} and {@code repos/{org}/{app}[/…]}: the subjects that name an Application. */
  private static final Pattern APPLICATION_SUBJECT = Pattern.compile("^(?:applications|repos)/[^/]+/([^/]+)(?:/.*)?$");
  private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
  /** Event names (the type's last word before the version) that report something refused or failed. */
  private static final Pattern FAILURE = Pattern.compile("(?:^|[.-])(?:refused|failed|failures-repeated|reused)$");
  /** Field pairs in the data that say what a value was and became, e.g. previousSha/sha, oldSha/newSha. */
  private static final Pattern BEFORE_FIELD = Pattern.compile("^(previous|old|from)([A-Z].*)$");
  private static final Map<String, String> AFTER_PREFIX = Map.of("previous", "", "old", "new", "from", "to");

  private final JsonMapper json;

  public AuditEvents(JsonMapper json) {
    this.json = json;
  }

  /** The record of {@code event}, ingested at {@code now} (kept to microseconds, as PostgreSQL stores it). */
  public AuditRecord draft(InboundEvent event, Instant now) {
    JsonNode data = readData(event);
    String organization = blankToNull(event.organization());
    return new AuditRecord(0, event.id(), AuditRecord.chainOf(organization), 0, null, null, organization,
        blankToNull(event.environment()), application(event.subject(), data), blankToNull(event.actorKind()),
        blankToNull(event.actor()), blankToNull(event.actorRoles()), blankToNull(event.surface()), event.type(),
        blankToNull(event.subject()), event.source(), outcome(event.type()), blankToNull(event.correlationId()),
        traceId(event.traceparent()), micros(event.time()), micros(now), changes(data), cloudEvent(event, data));
  }

  /** {@code failure} for refused pushes, failed syncs, repeated login failures, reused refresh tokens; else success. */
  static String outcome(String type) {
    String name = type.replaceFirst("\\.v\\d+$", "");
    return FAILURE.matcher(name.toLowerCase(Locale.ROOT)).find() ? "failure" : "success";
  }

  /** The data's {@code application} field, else the Application a subject names; null when neither. */
  static String application(String subject, JsonNode data) {
    if (data != null && data.isObject() && data.path("application").isString()) {
      return data.path("application").asString();
    }
    if (subject != null) {
      Matcher m = APPLICATION_SUBJECT.matcher(subject);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return null;
  }

  static String traceId(String traceparent) {
    if (traceparent == null) {
      return null;
    }
    Matcher m = TRACEPARENT.matcher(traceparent);
    return m.matches() ? m.group(1) : null;
  }

  /**
   * The before/after summary: for each top-level field {@code previousX}, {@code oldX} or {@code fromX} of the data,
   * {@code "x": {"before": previousX|oldX|fromX, "after": X|newX|toX}}, in the data's field order; null when there
   * is none (or the data is not an object).
   */
  String changes(JsonNode data) {
    if (data == null || !data.isObject()) {
      return null;
    }
    ObjectNode changes = json.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = data.properties().iterator(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      Matcher m = BEFORE_FIELD.matcher(field.getKey());
      if (!m.matches()) {
        continue;
      }
      String rest = m.group(2);
      String key = Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
      String afterPrefix = AFTER_PREFIX.get(m.group(1));
      String afterField = afterPrefix.isEmpty() ? key : afterPrefix + rest;
      ObjectNode pair = changes.putObject(key);
      pair.set("before", field.getValue());
      if (data.has(afterField)) {
        pair.set("after", data.get(afterField));
      } else {
        pair.putNull("after");
      }
    }
    return changes.isEmpty() ? null : json.writeValueAsString(changes);
  }

  /** The event in CloudEvents' structured JSON, its extensions included, its data as JSON (or a string if not). */
  String cloudEvent(InboundEvent event, JsonNode data) {
    ObjectNode ce = json.createObjectNode();
    ce.put("specversion", "1.0");
    ce.put("id", event.id());
    ce.put("source", event.source());
    ce.put("type", event.type());
    putIfPresent(ce, "subject", event.subject());
    putIfPresent(ce, "time", event.time() == null ? null : event.time().toString());
    ce.put("datacontenttype", "application/json");
    putIfPresent(ce, "organization", event.organization());
    putIfPresent(ce, "environment", event.environment());
    putIfPresent(ce, "actor", event.actor());
    putIfPresent(ce, "actorkind", event.actorKind());
    putIfPresent(ce, "actorroles", event.actorRoles());
    putIfPresent(ce, "surface", event.surface());
    putIfPresent(ce, "correlationid", event.correlationId());
    putIfPresent(ce, "traceparent", event.traceparent());
    if (data != null) {
      ce.set("data", data);
    } else if (event.payload().length > 0) {
      ce.put("data", event.dataAsString());
    }
    return json.writeValueAsString(ce);
  }

  private JsonNode readData(InboundEvent event) {
    if (event.payload().length == 0) {
      return null;
    }
    try {
      return json.readTree(event.payload());
    } catch (JacksonException e) {
      return null; // kept as a string in the stored event: audit records what arrived, readable or not
    }
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
