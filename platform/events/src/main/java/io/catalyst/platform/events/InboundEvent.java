package io.catalyst.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CloudEvent read from a Kafka record (binary mode), with the envelope's extensions ({@code actorkind},
 * {@code actorroles}, {@code surface}, {@code correlationid}: null when the producer set none).
 */
public record InboundEvent(String id, String type, String source, String subject, Instant time, String organization,
    String environment, String actor, String traceparent, String actorKind, String actorRoles, String surface,
    String correlationId, byte[] payload, JsonMapper json) {

  /** Reads the CloudEvents attributes; a record without them is not an event of ours and cannot be retried. */
  public static InboundEvent from(ConsumerRecord<String, byte[]> record, JsonMapper json) {
    String id = header(record, CloudEventHeaders.ID);
    String type = header(record, CloudEventHeaders.TYPE);
    String source = header(record, CloudEventHeaders.SOURCE);
    if (!"1.0".equals(header(record, CloudEventHeaders.SPECVERSION)) || id == null || type == null || source == null) {
      throw new MalformedEventException("Record " + record.topic() + "-" + record.partition() + "@" + record.offset()
          + " is not a CloudEvents 1.0 event (ce_specversion, ce_id, ce_type and ce_source are required)");
    }
    String time = header(record, CloudEventHeaders.TIME);
    Instant at;
    try {
      at = time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new MalformedEventException("Event " + id + " has an unreadable ce_time: " + time);
    }
    return new InboundEvent(id, type, source, header(record, CloudEventHeaders.SUBJECT), at,
        header(record, CloudEventHeaders.ORGANIZATION), header(record, CloudEventHeaders.ENVIRONMENT),
        header(record, CloudEventHeaders.ACTOR), header(record, CloudEventHeaders.TRACEPARENT),
        header(record, CloudEventHeaders.ACTOR_KIND), header(record, CloudEventHeaders.ACTOR_ROLES),
        header(record, CloudEventHeaders.SURFACE), header(record, CloudEventHeaders.CORRELATION_ID),
        record.value() == null ? new byte[0] : record.value(), json);
  }

  /** The data as the producer's contract type; unreadable data is malformed (not retried). */
  public <T> T data(Class<T> type) {
    try {
      return json.readValue(payload, type);
    } catch (JacksonException e) {
      throw new MalformedEventException("Event " + id + " (" + this.type + ") has data that is not a "
          + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  public JsonNode data() {
    try {
      return json.readTree(payload);
    } catch (JacksonException e) {
      throw new MalformedEventException("Event " + id + " (" + type + ") has data that is not JSON");
    }
  }

  public String dataAsString() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Whether this is {@code io.catalyst.<service>.<suffix>}, e.g. {@code is("provisioning", "branch.moved.v1")}. */
  public boolean is(String service, String suffix) {
    return type.equals("io.catalyst." + service + "." + suffix);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
