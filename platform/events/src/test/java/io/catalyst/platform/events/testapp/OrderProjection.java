package io.catalyst.platform.events.testapp;

import io.catalyst.platform.events.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes order events idempotently into {@code projected_order}; an order named {@code poison*} always fails. */
@Component
public class OrderProjection {

  private final Inbox inbox;
  private final JdbcClient jdbc;

  OrderProjection(Inbox inbox, JdbcClient jdbc) {
    this.inbox = inbox;
    this.jdbc = jdbc;
  }

  @KafkaListener(topics = "catalyst.testing.v1", groupId = "order-projection")
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record, "order-projection", event -> {
      OrderService.OrderPlaced order = event.data(OrderService.OrderPlaced.class);
      if (order.name().startsWith("poison")) {
        throw new IllegalStateException("cannot project " + order.name());
      }
      jdbc.sql("insert into projected_order (event_id, name) values (:id, :name)")
          .param("id", event.id()).param("name", order.name()).update();
    });
  }
}
