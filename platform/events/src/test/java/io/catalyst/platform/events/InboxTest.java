package io.catalyst.platform.events;

import static io.catalyst.platform.events.OutboxTest.withSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.events.testapp.OrderService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** Idempotent consumption, bounded retries and the dead-letter topic, against real Kafka and PostgreSQL. */
class InboxTest extends EventsTestBase {

  @Autowired OrderService orders;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<String, byte[]> catalystKafkaTemplate;

  @Test
  void aDuplicateDeliveryIsAppliedOnce() throws Exception {
    String id = UUID.randomUUID().toString();
    send(event(id, "duplicate-1"));
    send(event(id, "duplicate-1"));
    send(event(UUID.randomUUID().toString(), "after-duplicate-1"));

    await().atMost(Duration.ofSeconds(30)).until(() -> projected("after-duplicate-1") == 1);
    assertThat(projected("duplicate-1")).as("applied once although delivered twice").isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from catalyst_processed_event where consumer = 'order-projection' and event_id = :id")
        .param("id", id).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aPoisonRecordReachesTheDeadLetterTopicAfterTheRetriesAndTheConsumerGoesOn() throws Exception {
    orders.place("muscatpharmacy", "poison-1", 1);
    orders.place("muscatpharmacy", "after-poison-1", 2);

    await().atMost(Duration.ofSeconds(30)).until(() -> projected("after-poison-1") == 1);
    assertThat(projected("poison-1")).isZero();
    List<ConsumerRecord<String, byte[]>> dead = readUntil(Topics.deadLetter(TOPIC), Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/poison-1") != null);
    ConsumerRecord<String, byte[]> record = withSubject(dead, "orders/poison-1");
    assertThat(record).as("the poison record on the DLT").isNotNull();
    assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("io.catalyst.testing.order.placed.v1");
    assertThat(header(record, "kafka_dlt-exception-message")).contains("cannot project poison-1");
    assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
    // The failed attempts left nothing behind: the inbox mark rolled back with the handler.
    assertThat(jdbc.sql("select count(*) from catalyst_processed_event pe join catalyst_outbox o "
        + "on o.event_id::text = pe.event_id where o.subject = 'orders/poison-1'").query(Long.class).single()).isZero();
  }

  @Test
  void aRecordThatIsNotACloudEventIsDeadLetteredWithoutRetries() throws Exception {
    send(new ProducerRecord<>(TOPIC, "muscatpharmacy", "not an event".getBytes(StandardCharsets.UTF_8)));
    send(event(UUID.randomUUID().toString(), "after-malformed-1"));

    await().atMost(Duration.ofSeconds(30)).until(() -> projected("after-malformed-1") == 1);
    List<ConsumerRecord<String, byte[]>> dead = readUntil(Topics.deadLetter(TOPIC), Duration.ofSeconds(20),
        rs -> rs.stream().anyMatch(r -> "not an event".equals(new String(r.value(), StandardCharsets.UTF_8))));
    assertThat(dead).anyMatch(r -> "not an event".equals(new String(r.value(), StandardCharsets.UTF_8))
        && header(r, "kafka_dlt-exception-message").contains("is not a CloudEvents 1.0 event"));
  }

  private void send(ProducerRecord<String, byte[]> record) throws Exception {
    catalystKafkaTemplate.send(record).get();
  }

  private static ProducerRecord<String, byte[]> event(String id, String name) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(TOPIC, "muscatpharmacy",
        ("{\"name\":\"" + name + "\",\"sequence\":0}").getBytes(StandardCharsets.UTF_8));
    add(r, CloudEventHeaders.SPECVERSION, "1.0");
    add(r, CloudEventHeaders.ID, id);
    add(r, CloudEventHeaders.SOURCE, "/sovereigns/local/services/testing");
    add(r, CloudEventHeaders.TYPE, "io.catalyst.testing.order.placed.v1");
    add(r, CloudEventHeaders.SUBJECT, "orders/" + name);
    add(r, CloudEventHeaders.TIME, "2026-11-25T10:00:00Z");
    return r;
  }

  private static void add(ProducerRecord<String, byte[]> r, String name, String value) {
    r.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  private long projected(String name) {
    return jdbc.sql("select count(*) from projected_order where name = :name").param("name", name)
        .query(Long.class).single();
  }
}
