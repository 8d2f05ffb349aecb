package io.catalyst.platform.events;

import static io.catalyst.platform.events.OutboxTest.withSubject;
import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.platform.core.RequestContext;
import io.catalyst.platform.core.RequestContext.ActorKind;
import io.catalyst.platform.core.RequestContext.Surface;
import io.catalyst.platform.events.testapp.OrderService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The envelope tells who acted, through which surface, and under which correlation id (issue 13 §4). */
class EnvelopeContextTest extends EventsTestBase {

  @Autowired OrderService orders;
  @Autowired Inbox inbox;

  @Test
  void anEventCarriesTheRequestsActorKindRolesSurfaceAndCorrelationId() {
    RequestContext request = new RequestContext(ActorKind.USER, "layla", Set.of("org-developer", "org-admin"),
        Surface.UI, "req-0123456789");
    try (RequestContext.Scope scope = RequestContext.open(request)) {
      orders.place("bank-dhofar", "envelope-1", 1);
    }
    orders.place("bank-dhofar", "envelope-2", 2); // no request: the system

    List<ConsumerRecord<String, byte[]>> seen = readUntil(TOPIC, Duration.ofSeconds(20),
        rs -> withSubject(rs, "orders/envelope-2") != null);
    ConsumerRecord<String, byte[]> byUser = withSubject(seen, "orders/envelope-1");
    assertThat(header(byUser, CloudEventHeaders.ACTOR)).isEqualTo("ahmed"); // the event's own actor wins
    assertThat(header(byUser, CloudEventHeaders.ACTOR_KIND)).isEqualTo("user");
    assertThat(header(byUser, CloudEventHeaders.ACTOR_ROLES)).isEqualTo("org-admin,org-developer");
    assertThat(header(byUser, CloudEventHeaders.SURFACE)).isEqualTo("ui");
    assertThat(header(byUser, CloudEventHeaders.CORRELATION_ID)).isEqualTo("req-0123456789");

    ConsumerRecord<String, byte[]> bySystem = withSubject(seen, "orders/envelope-2");
    assertThat(header(bySystem, CloudEventHeaders.ACTOR_KIND)).isEqualTo("system");
    assertThat(header(bySystem, CloudEventHeaders.SURFACE)).isEqualTo("system");
    assertThat(header(bySystem, CloudEventHeaders.ACTOR_ROLES)).isNull();
    assertThat(header(bySystem, CloudEventHeaders.CORRELATION_ID)).isNull();
  }

  @Test
  void whatAConsumerDoesInTurnIsTheSystemsCorrelatedWithTheEventThatCausedIt() {
    AtomicReference<RequestContext> during = new AtomicReference<>();
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, 0, 0L, "bank-dhofar",
        "{}".getBytes(StandardCharsets.UTF_8));
    String id = UUID.randomUUID().toString();
    for (String[] h : new String[][] {{CloudEventHeaders.SPECVERSION, "1.0"}, {CloudEventHeaders.ID, id},
        {CloudEventHeaders.TYPE, "io.catalyst.testing.order.placed.v1"}, {CloudEventHeaders.SOURCE, "/test"},
        {CloudEventHeaders.SURFACE, "git"}, {CloudEventHeaders.CORRELATION_ID, "req-abcdefgh"}}) {
      record.headers().add(new RecordHeader(h[0], h[1].getBytes(StandardCharsets.UTF_8)));
    }
    inbox.receive(record, "envelope-test", event -> {
      assertThat(event.surface()).isEqualTo("git");
      during.set(RequestContext.current());
    });

    assertThat(during.get().actorKind()).isEqualTo(ActorKind.SYSTEM);
    assertThat(during.get().surface()).isEqualTo(Surface.SYSTEM);
    assertThat(during.get().correlationId()).isEqualTo("req-abcdefgh");
    assertThat(RequestContext.current()).as("closed after the handler").isEqualTo(RequestContext.SYSTEM);
  }
}
