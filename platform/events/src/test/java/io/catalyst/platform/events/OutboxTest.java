package io.catalyst.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.events.testapp.OrderService;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The transactional outbox and its relay, against real PostgreSQL and Kafka. */
class OutboxTest extends EventsTestBase {

  @Autowired OrderService orders;
  @Autowired JdbcClient jdbc;
  @Autowired OutboxRelay relay;

  @Test
  void theChangeAndItsEventCommitTogetherAndTheEventIsACloudEvent() {
    orders.place("muscatpharmacy", "together-1", 1);

    assertThat(count("select count(*) from test_order where name = 'together-1'")).isEqualTo(1);
    assertThat(count("select count(*) from catalyst_outbox where subject = 'orders/together-1'")).isEqualTo(1);

    List<ConsumerRecord<String, byte[]>> seen = readUntil(TOPIC, Duration.ofSeconds(20), rs -> withSubject(rs, "orders/together-1") != null);
    ConsumerRecord<String, byte[]> record = withSubject(seen, "orders/together-1");
    assertThat(record).as("the event reached Kafka").isNotNull();
    assertThat(record.key()).isEqualTo("muscatpharmacy");

    // Read back with the CloudEvents SDK: the record is a conforming binary-mode CloudEvent.
    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
    assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
    assertThat(event.getType()).isEqualTo("io.catalyst.testing.order.placed.v1");
    assertThat(event.getSource().toString()).isEqualTo("/sovereigns/local/services/testing");
    assertThat(event.getSubject()).isEqualTo("orders/together-1");
    assertThat(event.getTime()).isNotNull();
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(event.getExtension("organization")).isEqualTo("muscatpharmacy");
    assertThat(event.getExtension("environment")).isEqualTo("muscatpharmacy-prod");
    assertThat(event.getExtension("actor")).isEqualTo("ahmed");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"together-1\",\"sequence\":1}");
  }

  @Test
  void aComponentCanReportOnAnotherTopicUnderItsOwnSource() {
    orders.reportShipped("muscatpharmacy", "shipped-1");

    List<ConsumerRecord<String, byte[]>> seen = readUntil("catalyst.courier.v1", Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/shipped-1") != null);
    ConsumerRecord<String, byte[]> record = withSubject(seen, "orders/shipped-1");
    assertThat(record).isNotNull();
    assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("io.catalyst.courier.order.shipped.v1");
    assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/sovereigns/local/components/courier");
  }

  @Test
  void anEventWithADerivedIdIsRecordedOnceAndCarriesThatId() {
    java.util.UUID id = java.util.UUID.nameUUIDFromBytes("announce-1".getBytes(StandardCharsets.UTF_8));
    assertThat(orders.announceOnce("muscatpharmacy", id, "announce-1")).isTrue();
    assertThat(orders.announceOnce("muscatpharmacy", id, "announce-1")).isFalse();
    assertThat(count("select count(*) from catalyst_outbox where subject = 'orders/announce-1'")).isEqualTo(1);

    List<ConsumerRecord<String, byte[]>> seen = readUntil(TOPIC, Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/announce-1") != null);
    assertThat(header(withSubject(seen, "orders/announce-1"), CloudEventHeaders.ID)).isEqualTo(id.toString());
  }

  @Test
  void aRolledBackTransactionPublishesNothing() {
    assertThatThrownBy(() -> orders.placeThenFail("muscatpharmacy", "rolled-back-1"))
        .hasMessageContaining("payment declined");
    orders.place("muscatpharmacy", "after-rollback-1", 1);

    assertThat(count("select count(*) from test_order where name = 'rolled-back-1'")).isZero();
    assertThat(count("select count(*) from catalyst_outbox where subject = 'orders/rolled-back-1'")).isZero();
    List<ConsumerRecord<String, byte[]>> seen = readUntil(TOPIC, Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/after-rollback-1") != null);
    assertThat(withSubject(seen, "orders/after-rollback-1")).isNotNull();
    assertThat(withSubject(seen, "orders/rolled-back-1")).as("the rolled-back event").isNull();
  }

  @Test
  void eventsOfOneOrganizationArriveInTheOrderTheyWereCommitted() {
    IntStream.range(0, 30).forEach(i -> orders.place("bank-dhofar", "ordered-" + i, i));

    List<ConsumerRecord<String, byte[]>> seen = readUntil(TOPIC, Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/ordered-29") != null);
    List<String> subjects = seen.stream().filter(r -> "bank-dhofar".equals(r.key()))
        .map(r -> header(r, CloudEventHeaders.SUBJECT)).filter(s -> s.startsWith("orders/ordered-")).toList();
    assertThat(subjects).containsExactlyElementsOf(IntStream.range(0, 30).mapToObj(i -> "orders/ordered-" + i).toList());
  }

  @Test
  void aRestartedRelayResumesWhereTheTableSaysItStopped() {
    relay.stop();
    try {
      orders.place("muscatpharmacy", "while-stopped-1", 1);
      orders.place("muscatpharmacy", "while-stopped-2", 2);
      assertThat(count("select count(*) from catalyst_outbox where subject like 'orders/while-stopped-%' "
          + "and published_at is null")).isEqualTo(2);
    } finally {
      relay.start();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from catalyst_outbox "
        + "where subject like 'orders/while-stopped-%' and published_at is not null") == 2);
    List<ConsumerRecord<String, byte[]>> seen = readUntil(TOPIC, Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/while-stopped-2") != null);
    assertThat(withSubject(seen, "orders/while-stopped-1")).isNotNull();
    assertThat(withSubject(seen, "orders/while-stopped-2")).isNotNull();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  static ConsumerRecord<String, byte[]> withSubject(List<ConsumerRecord<String, byte[]>> records, String subject) {
    return records.stream().filter(r -> subject.equals(header(r, CloudEventHeaders.SUBJECT))).findFirst().orElse(null);
  }
}
