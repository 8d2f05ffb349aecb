package io.catalyst.catalog.usage;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.ApplicationEvents;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import io.catalyst.provisioning.contract.RuntimeEvents;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Keeps "Applications using this Blueprint" and the install counts from provisioning's application events
 * (idempotent: each event is applied once; an older event never overwrites a newer state). A bundle gets no
 * Application of its own: its parts name it, and each of its installs counts once.
 */
@Component
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = UsageListener.CONSUMER)
class UsageListener {

  static final String CONSUMER = "catalog-usage";

  private final UsageStore usage;
  private final Clock clock;

  UsageListener(UsageStore usage, Clock clock) {
    this.usage = usage;
    this.clock = clock;
  }

  @CatalystEventHandler(ProvisioningEvents.APPLICATION_INSTALLED)
  void installed(ApplicationEvents.Installed d, InboundEvent event) {
    String env = environment(event, d.environment());
    require(event, d.application(), d.blueprint());
    UsageStore.Previous before = usage.upsert(event.organization(), env, d.application(), d.blueprint(),
        d.blueprintVersion(), d.status() == null ? "Installing" : d.status(), d.bundle(), d.install(), at(event));
    usage.refreshInstalls(d.blueprint());
    if (d.bundle() != null) {
      usage.refreshInstalls(d.bundle());
    }
    if (before != null) {
      refreshIfOther(before.blueprint(), d.blueprint());
      if (before.bundle() != null) {
        refreshIfOther(before.bundle(), d.bundle());
      }
    }
  }

  @CatalystEventHandler(ProvisioningEvents.APPLICATION_UNINSTALLED)
  void uninstalled(ApplicationEvents.Uninstalled d, InboundEvent event) {
    require(event, d.application(), "-");
    UsageStore.Previous removed = usage.remove(event.organization(), environment(event, d.environment()),
        d.application());
    if (removed != null) {
      usage.refreshInstalls(removed.blueprint());
      if (removed.bundle() != null) {
        usage.refreshInstalls(removed.bundle());
      }
    }
  }

  @CatalystEventHandler(ProvisioningEvents.APPLICATION_STATUS_CHANGED)
  void statusChanged(RuntimeEvents.StatusChanged d, InboundEvent event) {
    require(event, d.application(), "-");
    usage.updateStatus(event.organization(), environment(event, d.environment()), d.application(), d.status(), null,
        at(event));
  }

  private void refreshIfOther(String before, String now) {
    if (!before.equals(now)) {
      usage.refreshInstalls(before);
    }
  }

  private Instant at(InboundEvent event) {
    return event.time() != null ? event.time() : clock.instant();
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
