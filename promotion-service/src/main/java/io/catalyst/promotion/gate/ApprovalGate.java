package io.catalyst.promotion.gate;

import io.catalyst.platform.core.Role;
import io.catalyst.promotion.policy.ApproverRef;
import io.catalyst.promotion.policy.PolicyRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code pr-required}: distinct people the rule names approved the <em>current</em> source head. An approval given to
 * another SHA does not count (a push to the source branch takes the approvals away); the author does not approve their
 * own promotion, unless the rule allows the single-admin self-approval and the author is the Organization's only
 * org-admin.
 */
public final class ApprovalGate {

  /** Which approvals count and which do not, and why. */
  public record Count(Set<String> counted, int stale, int notAnApprover, int selfApprovals, boolean selfApproved) {}

  public Count count(PolicyRule.PrRequired rule, PromotionFacts facts) {
    Set<String> counted = new LinkedHashSet<>();
    int stale = 0;
    int notAnApprover = 0;
    int self = 0;
    boolean selfApproved = false;
    for (Approval a : facts.approvals()) {
      if (!a.sha().equals(facts.sourceHeadSha())) {
        stale++;
        continue;
      }
      if (!names(rule.approvers(), a)) {
        notAnApprover++;
        continue;
      }
      if (a.subject().equals(facts.author())) {
        if (!singleAdminMaySelfApprove(rule, facts, a)) {
          self++;
          continue;
        }
        selfApproved = true;
      }
      counted.add(a.subject());
    }
    return new Count(counted, stale, notAnApprover, self, selfApproved);
  }

  public GateResult evaluate(PolicyRule.PrRequired rule, PromotionFacts facts) {
    Count c = count(rule, facts);
    int have = Math.min(c.counted().size(), rule.minApprovals());
    String from = " from " + String.join(", ", rule.approvers().stream().map(ApproverRef::toString).toList());
    StringBuilder why = new StringBuilder();
    why.append(have).append(" of ").append(rule.minApprovals()).append(rule.minApprovals() == 1 ? " approval" : " approvals");
    if (c.counted().size() < rule.minApprovals()) {
      why.append(from).append(" for ").append(Times.sha(facts.sourceHeadSha()));
    }
    if (c.selfApproved()) {
      why.append(" (self-approved by the Organization's only org-admin)");
    }
    if (c.stale() > 0) {
      why.append("; ").append(c.stale()).append(c.stale() == 1 ? " approval was given to an older head and no longer"
          + " counts" : " approvals were given to older heads and no longer count");
    }
    if (c.selfApprovals() > 0) {
      why.append("; the author's own approval does not count");
    }
    if (c.counted().size() >= rule.minApprovals()) {
      return GateResult.passing(rule.kind(), rule.severity(), why.toString());
    }
    return GateResult.failing(rule.kind(), rule.severity(), why.toString(), null);
  }

  /** Whether the approval names one of the rule's teams or roles. */
  static boolean names(List<ApproverRef> approvers, Approval a) {
    return approvers.stream().anyMatch(ref -> ref.names(a.teams(), a.roles()));
  }

  private static boolean singleAdminMaySelfApprove(PolicyRule.PrRequired rule, PromotionFacts facts, Approval a) {
    return rule.selfApproval() == PolicyRule.SelfApproval.SINGLE_ADMIN && facts.organizationAdmins() == 1
        && a.roles().contains(Role.ORG_ADMIN.value());
  }
}
