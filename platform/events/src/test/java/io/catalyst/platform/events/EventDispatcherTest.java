package io.catalyst.platform.events;

import static io.catalyst.platform.events.OutboxTest.withSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.events.testapp.OrderService.OrderPlaced;
import io.catalyst.platform.events.testapp.TypedOrderProjection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The typed listener ({@link CatalystEventListener}, {@link CatalystEventHandler}): one method per event type, fed
 * through the inbox, against real Kafka and PostgreSQL, with the inbox's dedupe and the dead-letter policy unchanged.
 */
class EventDispatcherTest extends EventsTestBase {

  static final String TOPIC = TypedOrderProjection.TOPIC;

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<String, byte[]> catalystKafkaTemplate;
  @Autowired TypedOrderProjection projection;
  @Autowired CatalystEventListeners listeners;

  @Test
  void eachTypeReachesItsMethodWithTheProducersRecordAndTheEnvelope() {
    UUID placed = publish(TypedOrderProjection.PLACED, "typed-placed-1", new OrderPlaced("typed-placed-1", 7));
    UUID announced = publish(TypedOrderProjection.ANNOUNCED, "typed-announced-1",
        new OrderPlaced("typed-announced-1", 0));
    UUID audited = publish(TypedOrderProjection.AUDITED, "typed-audited-1", Map.of("note", "audited"));

    await().atMost(Duration.ofSeconds(30)).until(() -> rows(placed.toString()) == 1
        && rows(announced.toString()) == 1 && rows(audited.toString()) == 1);
    assertThat(row(placed)).containsEntry("type", TypedOrderProjection.PLACED)
        .containsEntry("name", "typed-placed-1").containsEntry("organization", "muscatpharmacy");
    assertThat(row(announced)).containsEntry("type", TypedOrderProjection.ANNOUNCED)
        .containsEntry("name", "typed-announced-1");
    assertThat(row(audited)).containsEntry("type", TypedOrderProjection.AUDITED)
        .containsEntry("name", "{\"note\":\"audited\"}");
    assertThat(listeners.dispatcher(TypedOrderProjection.CONSUMER).types()).containsExactlyInAnyOrder(
        TypedOrderProjection.PLACED, TypedOrderProjection.ANNOUNCED, TypedOrderProjection.AUDITED);
  }

  @Test
  void aDuplicateDeliveryIsAppliedOnce() throws Exception {
    String id = UUID.randomUUID().toString();
    send(record(id, TypedOrderProjection.PLACED, "{\"name\":\"typed-dup-1\",\"sequence\":1}"));
    send(record(id, TypedOrderProjection.PLACED, "{\"name\":\"typed-dup-1\",\"sequence\":1}"));
    String after = UUID.randomUUID().toString();
    send(record(after, TypedOrderProjection.PLACED, "{\"name\":\"typed-after-dup-1\",\"sequence\":2}"));

    await().atMost(Duration.ofSeconds(30)).until(() -> rows(after) == 1);
    assertThat(rows(id)).as("applied once although delivered twice").isEqualTo(1);
  }

  @Test
  void aTypeWithoutAHandlerIsMarkedAndSkipped() throws Exception {
    String unknown = UUID.randomUUID().toString();
    send(record(unknown, "io.catalyst.typed.order.cancelled.v1", "{\"anything\": true}"));
    String after = UUID.randomUUID().toString();
    send(record(after, TypedOrderProjection.PLACED, "{\"name\":\"typed-after-unknown-1\",\"sequence\":1}"));

    await().atMost(Duration.ofSeconds(30)).until(() -> rows(after) == 1);
    assertThat(rows(unknown)).isZero();
    assertThat(jdbc.sql("select type from catalyst_processed_event where consumer = :c and event_id = :id")
        .param("c", TypedOrderProjection.CONSUMER).param("id", unknown).query(String.class).optional())
        .as("marked, so a redelivery is not looked at again").contains("io.catalyst.typed.order.cancelled.v1");
  }

  @Test
  void dataThatIsNotTheHandlersRecordGoesToTheDeadLetterTopicWithoutRetries() throws Exception {
    String id = UUID.randomUUID().toString();
    send(record(id, TypedOrderProjection.PLACED, "[\"not\", \"an\", \"order\"]"));
    String after = UUID.randomUUID().toString();
    send(record(after, TypedOrderProjection.PLACED, "{\"name\":\"typed-after-malformed-1\",\"sequence\":1}"));

    await().atMost(Duration.ofSeconds(30)).until(() -> rows(after) == 1);
    List<ConsumerRecord<String, byte[]>> dead = readUntil(Topics.deadLetter(TOPIC), Duration.ofSeconds(20),
        rs -> byId(rs, id) != null);
    ConsumerRecord<String, byte[]> record = byId(dead, id);
    assertThat(record).as("the malformed record on the DLT").isNotNull();
    assertThat(header(record, "kafka_dlt-exception-message")).contains("has data that is not a OrderPlaced");
    assertThat(header(record, "kafka_dlt-exception-cause-fqcn")).isEqualTo(MalformedEventException.class.getName());
    assertThat(rows(id)).isZero();
    assertThat(jdbc.sql("select count(*) from catalyst_processed_event where consumer = :c and event_id = :id")
        .param("c", TypedOrderProjection.CONSUMER).param("id", id).query(Long.class).single())
        .as("the mark rolled back with the failure").isZero();
  }

  @Test
  void aFailingHandlerIsRetriedThenDeadLetteredAndTheConsumerGoesOn() {
    UUID poison = publish(TypedOrderProjection.PLACED, "poison-typed-1", new OrderPlaced("poison-typed-1", 1));
    UUID after = publish(TypedOrderProjection.PLACED, "typed-after-poison-1", new OrderPlaced("typed-after-poison-1",
        2));

    await().atMost(Duration.ofSeconds(30)).until(() -> rows(after.toString()) == 1);
    List<ConsumerRecord<String, byte[]>> dead = readUntil(Topics.deadLetter(TOPIC), Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/poison-typed-1") != null);
    ConsumerRecord<String, byte[]> record = withSubject(dead, "orders/poison-typed-1");
    assertThat(record).as("the poison record on the DLT").isNotNull();
    assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(poison.toString());
    assertThat(header(record, "kafka_dlt-exception-message")).contains("cannot project poison-typed-1");
    assertThat(header(record, "kafka_dlt-exception-cause-fqcn")).isEqualTo(IllegalStateException.class.getName());
    assertThat(projection.attempts.get("poison-typed-1").get()).as("catalyst.events.consumer.attempts").isEqualTo(3);
    assertThat(rows(poison.toString())).isZero();
  }

  @Test
  void aHandlerMustTakeARecordTheEnvelopeOrBothAndACompleteType() {
    assertThatThrownBy(() -> EventDispatcher.of(new TooMany(), TooMany.class, "c", List.of(TOPIC), null))
        .hasMessageContaining("TooMany.on must take the event's record, the InboundEvent, or both");
    assertThatThrownBy(() -> EventDispatcher.of(new ShortType(), ShortType.class, "c", List.of(TOPIC), null))
        .hasMessageContaining("give the complete CloudEvents type");
    assertThatThrownBy(() -> EventDispatcher.of(new Twice(), Twice.class, "c", List.of(TOPIC), null))
        .hasMessageContaining("handles io.catalyst.typed.x.v1 twice");
    assertThatThrownBy(() -> EventDispatcher.of(new Object(), Object.class, "c", List.of(TOPIC), null))
        .hasMessageContaining("without any @CatalystEventHandler method");
  }

  @Test
  void aCatchAllMethodTakesEveryTypeWithoutItsOwnAndTheEnvelopeAlone() {
    CatchAll target = new CatchAll();
    EventDispatcher dispatcher = EventDispatcher.of(target, CatchAll.class, "c", List.of(TOPIC), null);
    dispatcher.dispatch(envelope("io.catalyst.typed.x.v1"));
    dispatcher.dispatch(envelope("io.catalyst.other.y.v1"));
    assertThat(target.seen).containsExactly("own:io.catalyst.typed.x.v1", "any:io.catalyst.other.y.v1");
    assertThatThrownBy(() -> EventDispatcher.of(new CatchAllWithRecord(), CatchAllWithRecord.class, "c",
        List.of(TOPIC), null)).hasMessageContaining("handles every type: it takes the InboundEvent alone");
  }

  static class CatchAll {
    final List<String> seen = new java.util.ArrayList<>();

    @CatalystEventHandler("io.catalyst.typed.x.v1")
    void own(InboundEvent e) {
      seen.add("own:" + e.type());
    }

    @CatalystEventHandler(CatalystEventHandler.ANY_TYPE)
    void any(InboundEvent e) {
      seen.add("any:" + e.type());
    }
  }

  static class CatchAllWithRecord {
    @CatalystEventHandler(CatalystEventHandler.ANY_TYPE)
    void any(OrderPlaced a) {}
  }

  private static InboundEvent envelope(String type) {
    return new InboundEvent(UUID.randomUUID().toString(), type, "/test", null, null, null, null, null, null, null,
        null, null, null, new byte[0], null);
  }

  static class TooMany {
    @CatalystEventHandler("io.catalyst.typed.x.v1")
    void on(OrderPlaced a, OrderPlaced b) {}
  }

  static class ShortType {
    @CatalystEventHandler("x.v1")
    void on(OrderPlaced a) {}
  }

  static class Twice {
    @CatalystEventHandler("io.catalyst.typed.x.v1")
    void one(OrderPlaced a) {}

    @CatalystEventHandler("io.catalyst.typed.x.v1")
    void two(InboundEvent e) {}
  }

  private UUID publish(String type, String name, Object data) {
    return tx.execute(s -> outbox.publishAs("typed", TOPIC,
        new CatalystEvent(type, "orders/" + name, "muscatpharmacy", "muscatpharmacy-prod", "ahmed", data)));
  }

  private long rows(String eventId) {
    return jdbc.sql("select count(*) from typed_order where event_id = :id").param("id", eventId)
        .query(Long.class).single();
  }

  private Map<String, Object> row(UUID eventId) {
    return jdbc.sql("select type, name, organization from typed_order where event_id = :id")
        .param("id", eventId.toString()).query().singleRow();
  }

  private void send(ProducerRecord<String, byte[]> record) throws Exception {
    catalystKafkaTemplate.send(record).get();
  }

  private static ConsumerRecord<String, byte[]> byId(List<ConsumerRecord<String, byte[]>> records, String id) {
    return records.stream().filter(r -> id.equals(header(r, CloudEventHeaders.ID))).findFirst().orElse(null);
  }

  private static ProducerRecord<String, byte[]> record(String id, String type, String data) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(TOPIC, "muscatpharmacy",
        data.getBytes(StandardCharsets.UTF_8));
    add(r, CloudEventHeaders.SPECVERSION, "1.0");
    add(r, CloudEventHeaders.ID, id);
    add(r, CloudEventHeaders.SOURCE, "/sovereigns/local/services/typed");
    add(r, CloudEventHeaders.TYPE, type);
    add(r, CloudEventHeaders.SUBJECT, "orders/" + id);
    add(r, CloudEventHeaders.TIME, "2026-11-25T10:00:00Z");
    add(r, CloudEventHeaders.ORGANIZATION, "muscatpharmacy");
    return r;
  }

  private static void add(ProducerRecord<String, byte[]> r, String name, String value) {
    r.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }
}
