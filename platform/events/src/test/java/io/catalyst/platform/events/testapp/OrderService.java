package io.catalyst.platform.events.testapp;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrderService {

  public record OrderPlaced(String name, int sequence) {}

  private final JdbcClient jdbc;
  private final Outbox outbox;

  OrderService(JdbcClient jdbc, Outbox outbox) {
    this.jdbc = jdbc;
    this.outbox = outbox;
  }

  @Transactional
  public void place(String org, String name, int sequence) {
    jdbc.sql("insert into test_order (org, name) values (:org, :name)").param("org", org).param("name", name).update();
    outbox.publish(CatalystEvent.of("order.placed.v1", "orders/" + name, org, new OrderPlaced(name, sequence))
        .inEnvironment(org + "-prod").by("ahmed"));
  }

  /** A component reporting on another topic (as a runtime adapter does on catalyst.runtime.v1). */
  @Transactional
  public void reportShipped(String org, String name) {
    outbox.publishAs("courier", "catalyst.courier.v1", CatalystEvent.of("io.catalyst.courier.order.shipped.v1",
        "orders/" + name, org, new OrderPlaced(name, 0)));
  }

  /** The same fact sent again under its derived id: recorded once. */
  @Transactional
  public boolean announceOnce(String org, java.util.UUID id, String name) {
    return outbox.publishOnce(id, CatalystEvent.of("order.announced.v1", "orders/" + name, org,
        new OrderPlaced(name, 0)));
  }

  @Transactional
  public void placeThenFail(String org, String name) {
    place(org, name, 0);
    throw new IllegalStateException("payment declined");
  }
}
