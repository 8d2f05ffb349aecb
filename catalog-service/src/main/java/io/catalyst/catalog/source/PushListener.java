package io.catalyst.catalog.source;

import io.catalyst.catalog.contract.ProvisioningEvents;
import io.catalyst.catalog.contract.ProvisioningEvents.GitPushed;
import io.catalyst.platform.events.Inbox;
import io.catalyst.platform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Syncs a source when provisioning's Git host reports a push to it. */
@Component
class PushListener {

  static final String CONSUMER = "catalog-sync";

  private final Inbox inbox;
  private final SourceSyncs syncs;

  PushListener(Inbox inbox, SourceSyncs syncs) {
    this.inbox = inbox;
    this.syncs = syncs;
  }

  @KafkaListener(topics = Topics.PROVISIONING, groupId = CONSUMER)
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record, CONSUMER, event -> {
      if (event.is("provisioning", ProvisioningEvents.GIT_PUSHED)) {
        GitPushed push = event.data(GitPushed.class);
        if (push.owner() != null && push.repo() != null && push.branch() != null) {
          // The sync runs after this record is marked; if the process stops first, the schedule catches up.
          syncs.pushed(push.owner(), push.repo(), push.branch());
        }
      }
    });
  }
}
