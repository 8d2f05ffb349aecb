package io.catalyst.catalog.usage;

import io.catalyst.catalog.contract.ProvisioningEvents;
import io.catalyst.catalog.contract.ProvisioningEvents.ApplicationInstalled;
import io.catalyst.catalog.contract.ProvisioningEvents.ApplicationStatusChanged;
import io.catalyst.catalog.contract.ProvisioningEvents.ApplicationUninstalled;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.Inbox;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps "Applications using this Blueprint" from provisioning's application events (idempotent: each event is
 * applied once; an older event never overwrites a newer state).
 */
@Component
class UsageListener {

  static final String CONSUMER = "catalog-usage";

  private final Inbox inbox;
  private final UsageStore usage;
  private final Clock clock;

  UsageListener(Inbox inbox, UsageStore usage, Clock clock) {
    this.inbox = inbox;
    this.usage = usage;
    this.clock = clock;
  }

  @KafkaListener(topics = Topics.PROVISIONING, groupId = CONSUMER)
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record, CONSUMER, this::apply);
  }

  void apply(InboundEvent event) {
    Instant at = event.time() != null ? event.time() : clock.instant();
    if (event.is("provisioning", ProvisioningEvents.APPLICATION_INSTALLED)) {
      ApplicationInstalled d = event.data(ApplicationInstalled.class);
      String env = environment(event, d.environment());
      require(event, d.application(), d.blueprint());
      String before = usage.upsert(event.organization(), env, d.application(), d.blueprint(), d.blueprintVersion(),
          d.status() == null ? "Installing" : d.status(), at);
      usage.refreshInstalls(d.blueprint());
      if (before != null && !before.equals(d.blueprint())) {
        usage.refreshInstalls(before);
      }
    } else if (event.is("provisioning", ProvisioningEvents.APPLICATION_UNINSTALLED)) {
      ApplicationUninstalled d = event.data(ApplicationUninstalled.class);
      require(event, d.application(), "-");
      String blueprint = usage.remove(event.organization(), environment(event, d.environment()), d.application());
      if (blueprint != null) {
        usage.refreshInstalls(blueprint);
      }
    } else if (event.is("provisioning", ProvisioningEvents.APPLICATION_STATUS_CHANGED)) {
      ApplicationStatusChanged d = event.data(ApplicationStatusChanged.class);
      require(event, d.application(), "-");
      String env = environment(event, d.environment());
      boolean known = usage.updateStatus(event.organization(), env, d.application(), d.status(),
          d.blueprintVersion(), at);
      if (!known && d.blueprint() != null) {
        usage.upsert(event.organization(), env, d.application(), d.blueprint(), d.blueprintVersion(), d.status(), at);
        usage.refreshInstalls(d.blueprint());
      }
    }
  }

  private static String environment(InboundEvent event, String fromData) {
    String env = fromData != null ? fromData : event.environment();
    if (env == null) {
      throw new MalformedEventException("Event " + event.id() + " names no environment");
    }
    return env;
  }

  private static void require(InboundEvent event, String application, String blueprint) {
    if (event.organization() == null || application == null || blueprint == null) {
      throw new MalformedEventException("Event " + event.id() + " (" + event.type()
          + ") needs the organization extension, application and blueprint");
    }
  }
}
