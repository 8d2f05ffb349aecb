package io.catalyst.promotion.promotion;

import io.catalyst.platform.events.CatalystEventHandler;
import io.catalyst.platform.events.CatalystEventListener;
import io.catalyst.platform.events.Topics;
import io.catalyst.promotion.branchhead.BranchHeads;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import org.springframework.stereotype.Component;

/**
 * Every head move: records the branch's head and since when (soak counts from it), and moves open promotions from
 * that branch to the new head, taking away approvals given to the old one. A move older than the head recorded is
 * dropped.
 */
@Component
@CatalystEventListener(topics = Topics.PROVISIONING, consumer = "promotion-heads")
class SourceMovesListener {

  private final BranchHeads heads;
  private final PromotionService promotions;

  SourceMovesListener(BranchHeads heads, PromotionService promotions) {
    this.heads = heads;
    this.promotions = promotions;
  }

  @CatalystEventHandler(ProvisioningEvents.BRANCH_MOVED)
  void moved(BranchMoved move) {
    if (move.owner() == null || move.repository() == null || move.branch() == null || move.movedAt() == null) {
      return;
    }
    if (heads.record(move.owner(), move.repository(), move.branch(), move.newSha(), move.movedAt())) {
      promotions.sourceMoved(move);
    }
  }
}
