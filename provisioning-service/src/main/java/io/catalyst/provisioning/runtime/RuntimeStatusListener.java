package io.catalyst.provisioning.runtime;

import io.catalyst.platform.events.Inbox;
import io.catalyst.platform.events.MalformedEventException;
import io.catalyst.platform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes runtime status events ({@code catalyst.runtime.v1}) into Application card states, once each. */
@Component
class RuntimeStatusListener {

  static final String CONSUMER = "provisioning-runtime";

  private final Inbox inbox;
  private final ApplicationStatusUpdater updater;

  RuntimeStatusListener(Inbox inbox, ApplicationStatusUpdater updater) {
    this.inbox = inbox;
    this.updater = updater;
  }

  @KafkaListener(topics = Topics.RUNTIME, groupId = CONSUMER)
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record, CONSUMER, event -> {
      if (!event.type().equals(RuntimeEvents.STATUS_TYPE)) {
        return;
      }
      RuntimeEvents.Status status = event.data(RuntimeEvents.Status.class);
      if (status.organization() == null || status.application() == null) {
        throw new MalformedEventException("Event " + event.id() + " names no organization or application");
      }
      if (status.time() == null && event.time() != null) {
        status = new RuntimeEvents.Status(status.organization(), status.environment(), status.application(),
            status.phase(), status.readyPods(), status.desiredPods(), status.reason(), status.observedCommit(),
            event.time(), status.observedGeneration());
      }
      updater.apply(status);
    });
  }
}
