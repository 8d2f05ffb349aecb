package io.catalyst.platform.events.testapp;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The typed listener: order events on {@code catalyst.typed.v1} into {@code typed_order}, one method per type. An
 * order named {@code poison*} always fails (each attempt counted).
 */
@Component
@CatalystEventListener(topics = TypedOrderProjection.TOPIC, consumer = TypedOrderProjection.CONSUMER)
public class TypedOrderProjection {

  public static final String TOPIC = "catalyst.typed.v1";
  public static final String CONSUMER = "typed-order-projection";
  public static final String PLACED = "io.catalyst.typed.order.placed.v1";
  public static final String ANNOUNCED = "io.catalyst.typed.order.announced.v1";
  public static final String AUDITED = "io.catalyst.typed.order.audited.v1";

  /** Attempts per poisoned order name. */
  public final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  private final JdbcClient jdbc;

  TypedOrderProjection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The record and the envelope. */
  @CatalystEventHandler(PLACED)
  void placed(OrderService.OrderPlaced order, InboundEvent event) {
    if (order.name().startsWith("poison")) {
      attempts.computeIfAbsent(order.name(), n -> new AtomicInteger()).incrementAndGet();
      throw new IllegalStateException("cannot project " + order.name());
    }
    insert(event.id(), event.type(), order.name(), event.organization());
  }

  /** The envelope after the record, without it being needed. */
  @CatalystEventHandler(ANNOUNCED)
  void announced(InboundEvent event, OrderService.OrderPlaced order) {
    insert(event.id(), event.type(), order.name(), null);
  }

  /** The envelope alone: no data read. */
  @CatalystEventHandler(AUDITED)
  void audited(InboundEvent event) {
    insert(event.id(), event.type(), event.dataAsString(), event.organization());
  }

  private void insert(String id, String type, String name, String organization) {
    jdbc.sql("insert into typed_order (event_id, type, name, organization) values (:id, :type, :name, :org)")
        .param("id", id).param("type", type).param("name", name).param("org", organization).update();
  }
}
