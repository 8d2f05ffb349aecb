package io.catalyst.provisioning.runtime;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.InboundEvent;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.application.status.ApplicationStatusUpdater;
import io.catalyst.provisioning.contract.RuntimeEvents;
import org.springframework.stereotype.Component;

/** Consumes runtime status events ({@code catalyst.runtime.v1}) into Application card states, once each. */
@Component
@CatalystEventListener(topics = Topics.RUNTIME, consumer = RuntimeStatusListener.CONSUMER)
class RuntimeStatusListener {

  static final String CONSUMER = "provisioning-runtime";

  private final ApplicationStatusUpdater updater;

  RuntimeStatusListener(ApplicationStatusUpdater updater) {
    this.updater = updater;
  }

  @CatalystEventHandler(RuntimeEvents.STATUS_TYPE)
  void status(RuntimeEvents.Status status, InboundEvent event) {
    if (status.organization() == null || status.application() == null) {
      throw new MalformedEventException("Event " + event.id() + " names no organization or application");
    }
    updater.apply(status.time() == null && event.time() != null ? status.at(event.time()) : status);
  }
}
