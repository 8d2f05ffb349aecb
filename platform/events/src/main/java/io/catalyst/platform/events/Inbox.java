package io.catalyst.platform.events;

import io.catalyst.platform.core.RequestContext;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent consumption: an event is applied once per consumer, however often Kafka delivers it. The mark and the
 * handler's writes commit in one transaction; if the handler fails, neither stays, and the error handler retries
 * the record, then dead-letters it.
 *
 * <p>Services do not call it themselves: a {@link CatalystEventListener} bean's records go through it (see
 * {@link EventDispatcher}).
 */
public class Inbox {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public Inbox(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Applies {@code handler} unless {@code consumer} has already processed this event; returns whether it did. */
  @Transactional
  public boolean receive(ConsumerRecord<String, byte[]> record, String consumer, Consumer<InboundEvent> handler) {
    InboundEvent event = InboundEvent.from(record, json);
    int marked = jdbc.sql("""
        insert into catalyst_processed_event (consumer, event_id, type) values (:consumer, :id, :type)
        on conflict do nothing""")
        .param("consumer", consumer).param("id", event.id()).param("type", event.type())
        .update();
    if (marked == 0) {
      return false; // a redelivery: already applied
    }
    // What the handler publishes in turn is the system's reaction, correlated with what caused the inbound event.
    RequestContext context = new RequestContext(RequestContext.ActorKind.SYSTEM, null, java.util.Set.of(),
        RequestContext.Surface.SYSTEM, event.correlationId() != null ? event.correlationId() : event.id());
    try (RequestContext.Scope scope = RequestContext.open(context)) {
      handler.accept(event);
    }
    return true;
  }
}
