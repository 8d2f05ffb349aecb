package io.catalyst.catalog.source;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.GitPushed;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import org.springframework.stereotype.Component;

/** Syncs a source when provisioning's Git host reports a push to it. */
@Component
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = PushListener.CONSUMER)
class PushListener {

  static final String CONSUMER = "catalog-sync";

  private final SourceSyncs syncs;

  PushListener(SourceSyncs syncs) {
    this.syncs = syncs;
  }

  @CatalystEventHandler(ProvisioningEvents.GIT_PUSHED)
  void pushed(GitPushed push) {
    if (push.owner() != null && push.repository() != null && push.branch() != null) {
      // The sync runs after this record is marked; if the process stops first, the schedule catches up.
      syncs.pushed(push.owner(), push.repository(), push.branch());
    }
  }
}
