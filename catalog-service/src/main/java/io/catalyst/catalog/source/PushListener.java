package io.catalyst.catalog.source;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.Topics;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import org.springframework.stereotype.Component;

/**
 * Syncs a source when a branch of its repository on provisioning's Git host moves ({@code branch.moved.v1}: a push, or
 * a commit made through provisioning's API); a deleted branch has nothing to sync.
 */
@Component
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = PushListener.CONSUMER)
class PushListener {

  static final String CONSUMER = "catalog-sync";

  private final SourceSyncs syncs;

  PushListener(SourceSyncs syncs) {
    this.syncs = syncs;
  }

  @CatalystEventHandler(ProvisioningEvents.BRANCH_MOVED)
  void moved(BranchMoved move) {
    if (move.owner() != null && move.repository() != null && move.branch() != null && move.newSha() != null) {
      // The sync runs after this record is marked; if the process stops first, the schedule catches up.
      syncs.pushed(move.owner(), move.repository(), move.branch());
    }
  }
}
