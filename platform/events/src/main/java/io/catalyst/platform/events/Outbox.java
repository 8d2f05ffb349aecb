package io.catalyst.platform.events;

import io.catalyst.platform.core.RequestContext;
import io.catalyst.platform.core.SovereignSettings;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an event is a row written in the same transaction as the state change it reports, so
 * both commit or neither does. The {@link OutboxRelay} ships committed rows to Kafka in order. The envelope's actor
 * kind, roles, surface and correlation id come from the thread's {@link RequestContext} (the request or consumed
 * event that caused this one); the actor is the event's own, else the context's.
 */
public class Outbox {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final ObjectProvider<Tracer> tracer;
  private final ObjectProvider<OutboxRelay> relay;
  private final String service;
  private final String source;

  public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, ObjectProvider<Tracer> tracer,
      ObjectProvider<OutboxRelay> relay, EventsProperties properties, SovereignSettings sovereign) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.tracer = tracer;
    this.relay = relay;
    this.service = properties.service();
    this.source = "/sovereigns/" + sovereign.name() + "/services/" + (service == null ? "unnamed" : service);
  }

  /**
   * Records {@code event} in the current transaction (there must be one) and returns its CloudEvents id. It reaches
   * Kafka after the commit; a rollback discards it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID publish(CatalystEvent event) {
    if (service == null || service.isBlank()) {
      throw new IllegalStateException("Set catalyst.events.service to publish events");
    }
    return publish(UUID.randomUUID(), event, Topics.of(service), source);
  }

  /**
   * Records {@code event} under an id derived from what it reports (e.g. a branch moving to a commit), so that sending
   * the same fact again is recognised as one event by consumers' inboxes. Answers false, recording nothing, when an
   * event with that id is in the outbox already.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean publishOnce(UUID id, CatalystEvent event) {
    if (service == null || service.isBlank()) {
      throw new IllegalStateException("Set catalyst.events.service to publish events");
    }
    if (jdbc.sql("select count(*) from catalyst_outbox where event_id = :id").param("id", id).query(Long.class)
        .single() > 0) {
      return false;
    }
    publish(id, event, Topics.of(service), source);
    return true;
  }

  /**
   * Records {@code event} for another topic on behalf of a named component of this service, e.g. a runtime adapter
   * reporting on {@code catalyst.runtime.v1} as {@code /sovereigns/{sov}/components/simulated-runtime}. The type
   * must be complete ({@code io.catalyst.…}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID publishAs(String component, String topic, CatalystEvent event) {
    if (!event.type().startsWith("io.catalyst.")) {
      throw new IllegalArgumentException("Give the full event type for topic " + topic + ": " + event.type());
    }
    return publish(UUID.randomUUID(), event, topic,
        source.substring(0, source.lastIndexOf("/services/")) + "/components/" + component);
  }

  private UUID publish(UUID id, CatalystEvent event, String topic, String eventSource) {
    String type = event.type().startsWith("io.catalyst.") ? event.type() : "io.catalyst." + service + "." + event.type();
    String key = event.organization() != null ? event.organization() : "_sovereign";
    RequestContext context = RequestContext.current();
    String actor = event.actor() != null ? event.actor() : context.actor() != null ? context.actor() : "system";
    jdbc.sql("""
        insert into catalyst_outbox (event_id, topic, record_key, type, source, subject, occurred_at, organization,
                                     environment, actor, traceparent, data, actor_kind, actor_roles, surface,
                                     correlation_id)
        values (:id, :topic, :key, :type, :source, :subject, :time, :organization, :environment, :actor,
                :traceparent, :data, :actorKind, :actorRoles, :surface, :correlationId)""")
        .param("id", id)
        .param("topic", topic)
        .param("key", key)
        .param("type", type)
        .param("source", eventSource)
        .param("subject", event.subject())
        .param("time", Timestamp.from(clock.instant()))
        .param("organization", event.organization())
        .param("environment", event.environment())
        .param("actor", actor)
        .param("traceparent", traceparent())
        .param("data", json.writeValueAsString(event.data()))
        .param("actorKind", context.actorKind().label())
        .param("actorRoles", context.rolesList())
        .param("surface", context.surface().label())
        .param("correlationId", context.correlationId())
        .update();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          relay.ifAvailable(OutboxRelay::wakeUp);
        }
      });
    }
    return id;
  }

  private String traceparent() {
    Tracer t = tracer.getIfAvailable();
    Span span = t == null ? null : t.currentSpan();
    if (span == null) {
      return null;
    }
    return "00-" + span.context().traceId() + "-" + span.context().spanId() + "-"
        + (Boolean.TRUE.equals(span.context().sampled()) ? "01" : "00");
  }
}
