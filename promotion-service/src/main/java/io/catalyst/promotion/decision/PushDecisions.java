package io.catalyst.promotion.decision;

import io.catalyst.platform.core.Role;
import io.catalyst.promotion.contract.PromotionApi.Decision;
import io.catalyst.promotion.contract.PromotionApi.DecisionRequest;
import io.catalyst.promotion.contract.PromotionApi.DecisionResponse;
import io.catalyst.promotion.policy.ApproverRef;
import io.catalyst.promotion.policy.CronSchedule;
import io.catalyst.promotion.policy.EnvironmentName;
import io.catalyst.promotion.policy.EnvironmentPolicy;
import io.catalyst.promotion.policy.PolicyIndex;
import io.catalyst.promotion.policy.PolicyRule;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The one answer to "may this change go into the branch directly?", the same for {@code git push} (provisioning's
 * pre-receive), provisioning's API commits and the console: read from the destination Environment's policy in the
 * in-memory index, and the {@link Clock} for change windows.
 *
 * <ul>
 *   <li>a Catalyst service (promotion-service merging, provisioning's own bootstraps): {@code OPEN};
 *   <li>a branch of no Environment: {@code OPEN};
 *   <li>a blocking {@code pr-required} rule: {@code PROMOTION_REQUIRED}, naming who approves;
 *   <li>otherwise (direct changes) a blocking {@code change-window} that is closed now: {@code REFUSED} with the next
 *       opening; else {@code OPEN};
 *   <li>no policy in force for the Environment: production {@code PROMOTION_REQUIRED} (fail closed, as provisioning
 *       does while promotion-service cannot be asked), any other Environment {@code OPEN}.
 * </ul>
 */
public final class PushDecisions {

  static final String RULE_SERVICE = "service";
  static final String RULE_NONE = "none";
  static final String RULE_DEFAULT = "default";
  static final String RULE_DIRECT = "direct";
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final PolicyIndex index;
  private final Clock clock;

  public PushDecisions(PolicyIndex index, Clock clock) {
    this.index = index;
    this.clock = clock;
  }

  /** {@code request} is valid (see {@link DecisionRequests}); {@code environment} its parsed Environment or null. */
  public DecisionResponse decide(DecisionRequest request, EnvironmentName environment) {
    if (request.user().roles() != null && request.user().roles().contains(Role.SERVICE.value())) {
      return new DecisionResponse(Decision.OPEN, null, RULE_SERVICE, "a Catalyst service changes the branch");
    }
    if (environment == null) {
      return new DecisionResponse(Decision.OPEN, null, RULE_NONE,
          "branch " + request.branch() + " is no Environment's branch");
    }
    Optional<PolicyIndex.Indexed> indexed = index.find(environment);
    if (indexed.isEmpty()) {
      if (environment.type() == EnvironmentName.EnvType.PROD) {
        return new DecisionResponse(Decision.PROMOTION_REQUIRED, null, RULE_DEFAULT, environment.name()
            + " has no EnvironmentPolicy in force yet; " + request.branch() + " is the production branch, so changes"
            + " reach it through a promotion");
      }
      return new DecisionResponse(Decision.OPEN, null, RULE_DEFAULT, environment.name()
          + " has no EnvironmentPolicy: changes go in directly");
    }
    EnvironmentPolicy policy = indexed.get().policy();
    Optional<PolicyRule.PrRequired> pr = policy.promotionRequired();
    if (pr.isPresent()) {
      return new DecisionResponse(Decision.PROMOTION_REQUIRED, policy.name(), pr.get().kind(), environment.name()
          + " takes changes through a promotion approved by " + pr.get().minApprovals() + " of "
          + String.join(", ", pr.get().approvers().stream().map(ApproverRef::toString).toList())
          + " (" + policy.name() + "); open a promotion from the Environment below it instead of changing "
          + request.branch() + " directly");
    }
    Instant now = clock.instant();
    for (PolicyRule.ChangeWindow w : policy.rules(PolicyRule.ChangeWindow.class)) {
      if (!w.blocking()) {
        continue;
      }
      CronSchedule schedule = w.schedule(policy.timezone());
      if (!schedule.isOpen(now)) {
        String next = schedule.nextOpening(now).map(n -> "; the next window opens "
            + WHEN.format(n.atZone(schedule.zone())) + " " + schedule.zone().getId()).orElse("");
        return new DecisionResponse(Decision.REFUSED, policy.name(), w.kind(), environment.name()
            + " takes changes only inside its change window (\"" + w.cron() + "\" for " + w.duration().toMinutes()
            + " minutes, " + schedule.zone().getId() + ")" + next);
      }
    }
    return new DecisionResponse(Decision.OPEN, policy.name(), RULE_DIRECT, environment.name()
        + " takes changes directly (" + policy.name() + " requires no promotion)");
  }
}
