package io.catalyst.promotion.policy;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.Topics;
import io.catalyst.promotion.configrepo.ConfigRepositoryProperties;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import org.springframework.stereotype.Component;

/**
 * Refreshes the index when {@code system/catalyst-config}'s branch moves (a push, or a commit of provisioning or of
 * this service). The event has no path list: the refresh fetches and re-reads every policy file.
 */
@Component
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = PolicyMovesListener.CONSUMER)
class PolicyMovesListener {

  static final String CONSUMER = "promotion-policies";
  static final String OWNER = "system";
  static final String REPOSITORY = "catalyst-config";

  private final PolicyRefresher refresher;
  private final ConfigRepositoryProperties properties;

  PolicyMovesListener(PolicyRefresher refresher, ConfigRepositoryProperties properties) {
    this.refresher = refresher;
    this.properties = properties;
  }

  @CatalystEventHandler(ProvisioningEvents.BRANCH_MOVED)
  void moved(BranchMoved move) {
    if (OWNER.equals(move.owner()) && REPOSITORY.equals(move.repository())
        && properties.branch().equals(move.branch())) {
      // After this record is marked; if the process stops first, the periodic refresh catches up.
      refresher.requestRefresh();
    }
  }
}
