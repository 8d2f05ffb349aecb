package io.catalyst.platform.events;

import static io.catalyst.platform.events.OutboxTest.withSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.catalyst.platform.events.testapp.OrderService;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With the broker unreachable, writes still succeed at once; their events arrive when it is reachable again. */
class BrokerOutageTest extends EventsTestBase {

  @Autowired OrderService orders;
  @Autowired JdbcClient jdbc;

  @Test
  void writesSucceedWhileTheBrokerIsUnreachableAndTheirEventsArriveAfterItReturns() {
    network.stop();
    try {
      long started = System.nanoTime();
      orders.place("muscatpharmacy", "offline-1", 1);
      orders.place("muscatpharmacy", "offline-2", 2);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the writes did not wait for Kafka")
          .isLessThan(Duration.ofSeconds(2));
      assertThat(count("select count(*) from test_order where name like 'offline-%'")).isEqualTo(2);

      // The relay tries, fails, and keeps the events.
      await().atMost(Duration.ofSeconds(30)).until(() ->
          count("select count(*) from catalyst_outbox where subject = 'orders/offline-1' and attempts > 0") == 1);
      assertThat(count("select count(*) from catalyst_outbox where subject like 'orders/offline-%' "
          + "and published_at is null")).isEqualTo(2);
    } finally {
      network.start(brokerPort());
    }

    List<ConsumerRecord<String, byte[]>> seen = readUntil(TOPIC, Duration.ofSeconds(60),
        rs -> withSubject(rs, "orders/offline-2") != null);
    assertThat(withSubject(seen, "orders/offline-1")).isNotNull();
    assertThat(withSubject(seen, "orders/offline-2")).isNotNull();
    await().atMost(Duration.ofSeconds(60)).until(() ->
        count("select count(*) from projected_order where name like 'offline-%'") == 2);
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
