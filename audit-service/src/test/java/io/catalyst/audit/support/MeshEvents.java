package io.catalyst.audit.support;

import io.catalyst.platform.events.CloudEventHeaders;
import io.catalyst.platform.testkit.EmbeddedKafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events as the producers' outbox relays do: CloudEvents 1.0 in Kafka binary mode with the whole envelope
 * (actor kind, roles, surface, correlation id, traceparent), keyed by Organization ({@code _sovereign} without one),
 * the data being the producer's contract record written by the application's {@link JsonMapper}.
 */
public final class MeshEvents implements AutoCloseable {

  /** Who did it and through which surface. */
  public record Actor(String id, String kind, String roles, String surface, String correlationId) {
    public static Actor user(String id, String roles, String surface) {
      return new Actor(id, "user", roles, surface, "req-" + UUID.randomUUID());
    }
  }

  /** One event to send; {@code id} is chosen so a test can send it twice. */
  public record Event(String id, String topic, String type, String subject, String organization, String environment,
      Actor actor, Object data) {
    public Event(String topic, String type, String subject, String organization, String environment, Actor actor,
        Object data) {
      this(UUID.randomUUID().toString(), topic, type, subject, organization, environment, actor, data);
    }
  }

  private final JsonMapper json;
  private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaServer.bootstrapServers(),
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

  public MeshEvents(JsonMapper json) {
    this.json = json;
  }

  /** Sends {@code event} and waits for the broker's acknowledgement; answers its id. */
  public String send(Event e) {
    try {
      producer.send(record(e)).get();
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
    return e.id();
  }

  /** Sends {@code event} without waiting (see {@link #flush()}); answers its id. */
  public String sendLater(Event e) {
    producer.send(record(e));
    return e.id();
  }

  public void flush() {
    producer.flush();
  }

  private ProducerRecord<String, byte[]> record(Event e) {
    String service = e.type().split("\\.")[2];
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(e.topic(),
        e.organization() == null ? "_sovereign" : e.organization(),
        json.writeValueAsString(e.data()).getBytes(StandardCharsets.UTF_8));
    header(record, CloudEventHeaders.SPECVERSION, "1.0");
    header(record, CloudEventHeaders.ID, e.id());
    header(record, CloudEventHeaders.SOURCE, "/sovereigns/test/services/" + service);
    header(record, CloudEventHeaders.TYPE, e.type());
    header(record, CloudEventHeaders.SUBJECT, e.subject());
    header(record, CloudEventHeaders.TIME, Instant.now().toString());
    header(record, CloudEventHeaders.ORGANIZATION, e.organization());
    header(record, CloudEventHeaders.ENVIRONMENT, e.environment());
    header(record, CloudEventHeaders.TRACEPARENT,
        "00-" + UUID.randomUUID().toString().replace("-", "") + "-0123456789abcdef-01");
    if (e.actor() != null) {
      header(record, CloudEventHeaders.ACTOR, e.actor().id());
      header(record, CloudEventHeaders.ACTOR_KIND, e.actor().kind());
      header(record, CloudEventHeaders.ACTOR_ROLES, e.actor().roles());
      header(record, CloudEventHeaders.SURFACE, e.actor().surface());
      header(record, CloudEventHeaders.CORRELATION_ID, e.actor().correlationId());
    }
    header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
    return record;
  }

  private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
    if (value != null) {
      record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
