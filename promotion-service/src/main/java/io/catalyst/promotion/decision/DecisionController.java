package io.catalyst.promotion.decision;

import io.catalyst.platform.web.problem.ProblemException;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.promotion.contract.PromotionApi;
import io.catalyst.promotion.contract.PromotionApi.DecisionRequest;
import io.catalyst.promotion.contract.PromotionApi.DecisionResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Decisions", description = "The policy decision every surface asks before changing an Environment branch")
class DecisionController {

  private final PushDecisions decisions;

  DecisionController(PushDecisions decisions) {
    this.decisions = decisions;
  }

  @PostMapping(PromotionApi.DECISIONS)
  @Operation(summary = "May this change go into the branch directly?",
      description = "Service token only (provisioning's Git host before a push is accepted, and before its API commits"
          + " to an Environment branch). Answers from the destination Environment's EnvironmentPolicy in force (held"
          + " in memory, refreshed from system/catalyst-config on every branch.moved event): OPEN, PROMOTION_REQUIRED"
          + " (a blocking pr-required rule; without a policy in force, production) or REFUSED (a blocking"
          + " change-window that is closed now), with the policy, the rule and a reason to show the person."
          + " A user's token is answered 403; invalid fields 400 (validation) with field errors.")
  DecisionResponse decide(@RequestBody DecisionRequest request, Caller caller) {
    if (!caller.isService()) {
      throw ProblemException.forbidden("Only Catalyst services ask for policy decisions (a service token).");
    }
    return decisions.decide(request, DecisionRequests.check(request));
  }
}
